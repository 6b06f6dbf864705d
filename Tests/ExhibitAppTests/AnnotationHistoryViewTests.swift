import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// The `H` layer: each annotation's records oldest first (created, edited, deleted,
/// status) with who, when, tag, status and note, from hand-made records in an in-memory
/// store; case text shown through `VisibleText`; scoped to the open pair.
@Suite struct AnnotationHistoryViewTests {
    /// Three families by hand on output `o1` of the three-passage case: an annotation
    /// created by ana, edited by ben, deleted by ana; a status set by ben; a second
    /// annotation whose note holds a terminal escape and a line break.
    static func records(_ kase: Case) throws -> [Annotation] {
        let output = try #require(kase.outputs.first)
        let text = ScalarText(output.text)
        let a = try Annotation.make(source: output.source, text: text, range: 10..<20,
                                    body: AnnotationBody(tag: "key-passage", note: "first"),
                                    id: "urn:uuid:00000000-0000-4000-8000-000000000001",
                                    created: "2025-06-01T09:30:00.125Z", creator: "ana")
        let edit = a.revised(body: AnnotationBody(tag: "key-passage", note: "second"),
                             id: "urn:uuid:00000000-0000-4000-8000-000000000002",
                             created: "2025-06-01T10:00:00.000Z", creator: "ben")
        let deletion = edit.deletion(id: "urn:uuid:00000000-0000-4000-8000-000000000003",
                                     created: "2025-06-02T08:15:00.000Z", creator: "ana")
        let status = try Annotation.make(source: output.source, text: text, range: 40..<50,
                                         body: AnnotationBody(tag: ReviewStatus.tag, status: .disputed),
                                         id: "urn:uuid:00000000-0000-4000-8000-000000000004",
                                         created: "2025-06-02T09:00:00.000Z", creator: "ben")
        let escape = try Annotation.make(source: output.source, text: text, range: 60..<70,
                                         body: AnnotationBody(tag: "note", note: "red \u{1B}[31mX\nnext"),
                                         id: "urn:uuid:00000000-0000-4000-8000-000000000005",
                                         created: "2025-06-03T12:00:00.000Z", creator: "cy")
        return [a, edit, status, deletion, escape]
    }

    static func model(_ dir: String) throws -> AppModel {
        var model = try AppFixture.scanned(dir)
        let store = InMemoryAnnotationStore()
        model.useAnnotationStore(store)
        for r in try records(try #require(model.kase)) { try store.append(r) }
        _ = model.performingWrites(model.update(.message(.annotationsChanged(notice: nil, error: false))))
        return model
    }

    @Test func familiesAndChangesFromTheStore() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        let model = try Self.model(dir)
        let families = try #require(model.annotations).history.families()
        // Store order of first records: a's family (3 records, the deletion appended after the status), the status, the escape.
        #expect(families.map(\.entries.count) == [3, 1, 1])
        #expect(families[0].entries.map(\.change) == [.created, .edited, .deleted])
        #expect(families[0].entries.map(\.record.annotation.creator) == ["ana", "ben", "ana"])
        #expect(families[1].entries.map(\.change) == [.status])
        #expect(families[2].entries.map(\.change) == [.created])
    }

    @Test func theListShowsEveryRecordOldestFirstAndEscapesCaseText() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        var model = try Self.model(dir)
        #expect(model.helpKeymap.action(for: .character("H")) == .openLayer)
        model.press(.character("H"))
        let view = try #require(model.layers.top as? AnnotationHistoryView)
        #expect(view.scope == "all annotations" && view.annotations == 3 && view.records == 5)
        let records = view.lines.compactMap { line -> String? in
            guard case .record(let change, let by, let at, let tag, let status, let note) = line else { return nil }
            return [change.rawValue, by, at, tag, status, note].joined(separator: "|")
        }
        #expect(records == [
            "created|ana|2025-06-01 09:30|key-passage||first",
            "edited|ben|2025-06-01 10:00|key-passage||second",
            "deleted|ana|2025-06-02 08:15|key-passage||second",
            "status|ben|2025-06-02 09:00|review-status|disputed|",
            "created|cy|2025-06-03 12:00|note||" + VisibleText.escaped("red \u{1B}[31mX\nnext"),
        ])
        let text = model.render().textSnapshot()
        #expect(text.contains("Annotation history · all annotations · 3 annotations, 5 records"))
        #expect(text.contains("deleted  ana          2025-06-02 08:15"))
        #expect(!text.contains("\u{1B}"))
        model.press(.escape)
        #expect(model.layers.isEmpty)

        // From the pair view: the pair's documents (here the same three annotations), named in the title.
        model.press(.tab, .enter)
        #expect(model.route == .pair)
        model.press(.character("H"))
        #expect((model.layers.top as? AnnotationHistoryView)?.scope == "pair w ↔ o1")
    }

    @Test func aCaseWithoutAnnotationsDoesNotOfferH() throws {
        let model = try AppFixture.scanned()
        #expect(model.helpKeymap.action(for: .character("H")) == nil)
    }

    /// The layer over the demo's overview, with the hand-made records on its first output.
    @Test func snapshot() throws {
        var model = try AppFixture.scanned()
        let store = InMemoryAnnotationStore()
        model.useAnnotationStore(store)
        for r in try Self.records(try #require(model.kase)) { try store.append(r) }
        _ = model.performingWrites(model.update(.message(.annotationsChanged(notice: nil, error: false))))
        model.press(.character("H"))
        #expect(model.layers.top is AnnotationHistoryView)
        try SnapshotTests.compare(model, name: "annotation-history-100x30-default-dark")
    }
}
