import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// The annotations list (`A`): filters, jump, edit and delete as superseding
/// records (SPEC §5), on a copy of `Cases/demo` holding the records of
/// `DemoCopy.addFour` (and an orphan).
@Suite struct AnnotationListTests {
    static func listed(_ demo: DemoCopy) throws -> AppModel {
        try demo.addFour()
        try demo.addOrphan()
        var model = try demo.scanned()
        model.press(.character("A"))
        return model
    }

    static func ids(_ model: AppModel) -> [String] {
        (model.tools.list?.rows ?? []).map { String($0.annotation.id.suffix(1)) }
    }

    @Test func listsCurrentAnnotationsAndFiltersByTagDocumentAndAuthor() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try Self.listed(demo)
        // Sorted by source, then start: outputs/… before works/….
        #expect(Self.ids(model) == ["4", "2", "1", "3", "5"])
        // Tags in use, in case.toml order: key-passage, quotation-not-original, follow-up (exclude is unused).
        model.press(.character("T"))
        #expect(model.tools.list?.filter.tag == "key-passage")
        #expect(Self.ids(model) == ["1", "3"])
        model.press(.character("T"))
        #expect(Self.ids(model) == ["2"])
        model.press(.character("T"))
        #expect(Self.ids(model) == ["4", "5"])
        model.press(.character("T"))
        #expect(model.tools.list?.filter.tag == nil)
        #expect(Self.ids(model).count == 5)
        // Documents by name: output o-echo, output o-extract-harbor, work harbor-lights, …
        model.press(.character("D"), .character("D"))
        #expect(model.tools.list?.filter.source == "outputs/demo-runs.jsonl#o-extract-harbor")
        #expect(Self.ids(model) == ["2"])
        model.press(.character("D"), .character("D"), .character("D"), .character("D"))
        #expect(model.tools.list?.filter.source == nil)
        model.press(.character("U"))
        #expect(model.tools.list?.filter.creator == "alice")
        #expect(Self.ids(model) == ["4", "1"])
        model.press(.character("U"), .character("T"))
        #expect(Self.ids(model) == ["3"])  // bob's key-passage
        let screen = model.render().textSnapshot()
        #expect(screen.contains("Annotations (1 of 5) · tag: key-passage · document: all · author: bob"))
        #expect(screen.contains("work orchard-strike · works/orchard-strike.md"))
        model.press(.escape)
        #expect(model.tools.list == nil)
        #expect(model.route == .overview)
    }

    @Test func orphanedAnnotationsShowTheirQuoteAndCannotBeJumpedTo() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try Self.listed(demo)
        model.press(.character("G"))
        #expect(model.tools.list?.selected?.status.name == "orphaned")
        let screen = model.render().textSnapshot()
        #expect(screen.contains("orphaned, recorded at 10..<30: the case has no document works/withdrawn.txt"))
        #expect(screen.contains("Quote: “a sentence now gone”"))
        model.press(.enter)
        #expect(model.tools.list != nil)
        #expect(model.notice?.text.contains("“a sentence now gone”") == true)
    }

    @Test func enterOpensTheViewHoldingTheSpan() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try Self.listed(demo)
        // Row 3: alice's key-passage on works/harbor-lights.txt 58..<279 → its reconstruction.
        model.press(.character("j"), .character("j"), .enter)
        #expect(model.tools.list == nil)
        #expect(model.route == .reconstruction)
        let rec = try #require(model.reconstruction)
        #expect(rec.pane.lineIndex(of: 58) >= rec.pane.top)
        #expect(rec.cursor == 0)
        // Row 2: bob's quotation on o-extract-harbor 0..<94 → the harbor pair, output pane.
        model.press(.character("A"), .character("j"), .enter)
        #expect(model.route == .pair)
        #expect(model.routes == [.overview, .reconstruction, .pair])
        #expect(model.pair?.outputId == "o-extract-harbor")
        #expect(model.pair?.active == 1)
        #expect(model.pair?.focused == 0)
        // Row 1 (o-echo) from this pair view: another output, so its own pair.
        model.press(.character("A"), .enter)
        #expect(model.pair?.outputId == "o-echo")
        #expect(model.pair?.active == 1)
    }

    @Test func editAppendsARecordThatSupersedesTheCurrentOne() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try Self.listed(demo)
        model.press(.character("j"), .character("j"))  // alice's key-passage on harbor-lights
        model.press(.character("e"))
        let dialog = try #require(model.annotateDialog)
        #expect(dialog.tag == "key-passage")
        #expect(dialog.note.text == "the opening, near verbatim")
        model.press(.character("j"), .character("j"), .character("j"), .enter)  // follow-up
        model.type(" — check the 1923 edition")
        model.press(.enter)
        let records = try demo.records()
        #expect(records.count == 6)
        let edit = try #require(records.last)
        #expect(edit.supersedes == "urn:uuid:00000000-0000-4000-8000-000000000001")
        #expect(!edit.deleted)
        #expect(edit.body == AnnotationBody(tag: "follow-up", note: "the opening, near verbatim — check the 1923 edition"))
        #expect(edit.target.position == TextPositionSelector(start: 58, end: 279))
        // Still five current annotations; the cursor stays on the edited one.
        #expect(model.annotations?.current.count == 5)
        #expect(model.tools.list?.selected?.annotation.id == edit.id)
        #expect(model.tools.list?.selected?.entry.root == "urn:uuid:00000000-0000-4000-8000-000000000001")
        #expect(model.render().textSnapshot().contains("follow-up"))
    }

    @Test func deleteAsksThenAppendsADeletionRecord() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try Self.listed(demo)
        model.press(.character("j"))  // bob's quotation on o-extract-harbor
        model.press(.character("d"))
        #expect(model.tools.list?.confirmingDelete == true)
        #expect(model.render().textSnapshot().contains("Delete? y/n · the quotation-not-original annotation of output o-extract-harbor"))
        model.press(.character("n"))
        #expect(try demo.records().count == 5)
        #expect(model.notice?.text == "not deleted")
        model.press(.character("d"), .character("y"))
        let records = try demo.records()
        #expect(records.count == 6)
        let deletion = try #require(records.last)
        #expect(deletion.deleted)
        #expect(deletion.supersedes == "urn:uuid:00000000-0000-4000-8000-000000000002")
        #expect(deletion.target == records[1].target)
        #expect(Self.ids(model) == ["4", "1", "3", "5"])
        #expect(model.annotations?.current.count == 4)
    }

    @Test func theListTakesTheMouseAndKeepsTheCursorInViewOnResize() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try Self.listed(demo)
        _ = model.update(.mouse(MouseEvent(kind: .wheelDown, row: 5, col: 10)))
        #expect(model.tools.list?.cursor == 3)
        // A double click where the overview's tables are opens nothing underneath.
        _ = model.update(.mouse(MouseEvent(kind: .press(button: 1), row: 4, col: 5)))
        _ = model.update(.mouse(MouseEvent(kind: .press(button: 1), row: 4, col: 5)))
        #expect(model.route == .overview)
        #expect(model.tools.list != nil)
        model.press(.character("G"))
        _ = model.update(.resize(Size(rows: 16, cols: 60)))
        let screen = model.render().textSnapshot()
        #expect(screen.contains("▶ works/wit…rawn.txt"))
    }
}
