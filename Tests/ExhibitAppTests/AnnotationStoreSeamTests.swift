import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
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
        #expect(model.tools.dialog == nil)
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
}
