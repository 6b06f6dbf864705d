import Foundation
import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// Annotations made on screen go through the model's `AnnotationRecordStore`: with an
/// in-memory store, annotating, editing and deleting work as with the file and the case
/// folder is not written.
@Suite struct AnnotationStoreSeamTests {
    @Test func anInMemoryStoreKeepsTheAnnotationsAndWritesNothing() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        let store = InMemoryAnnotationStore()
        model.annotationStore = store
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("a"), .enter)
        model.type("kept in memory")
        model.press(.enter)
        #expect(model.annotateDialog == nil)
        // Nothing on disk; one record in the store, anchored and shown.
        #expect(try demo.records().isEmpty)
        let log = try store.read()
        #expect(log.records.count == 1)
        let current = try #require(model.annotations?.current)
        #expect(current.count == 1 && current[0].annotation.body.note == "kept in memory")
        #expect(current[0].status.range == 0..<219)

        // Delete through the list: a second record, the annotation no longer current.
        model.press(.character("A"))
        #expect(model.tools.list != nil)
        model.press(.character("d"), .character("y"))
        #expect(try store.read().records.count == 2)
        #expect(model.annotations?.current.isEmpty == true)
        #expect(try demo.records().isEmpty)
    }

    /// A reload that reuses the anchors of the previous load gives what a fresh load
    /// gives (anchors, orphans, warnings), after a record was appended and one deleted.
    @Test func reusingThePreviousAnchorsGivesTheFreshResult() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        try demo.addFour()
        try demo.addOrphan()
        let kase = try CaseLoader.load(path: demo.path)
        let before = try CaseAnnotations.load(kase)
        #expect(before.anchors.count == 5)
        try AnnotationEditing.annotate(kase, source: "works/harbor-lights.txt", range: 100..<140, tag: "follow-up",
                                       creator: "test-counsel")
        try AnnotationEditing.delete(kase, id: "urn:uuid:00000000-0000-4000-8000-000000000004", creator: "test-counsel")
        let fresh = try CaseAnnotations.load(kase)
        let reused = try CaseAnnotations.load(kase, reusing: before)
        #expect(reused.all == fresh.all && reused.current == fresh.current && reused.warnings == fresh.warnings)
        #expect(reused.current.count == 5)
    }
}
