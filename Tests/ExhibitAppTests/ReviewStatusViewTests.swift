import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// The `R` layer: each passage of evidence with its review status; r/F/D/u ask the shell
/// to save a status (an effect), U shows only the unreviewed; a change in the store
/// (`annotationsChanged`) shows in the list, the pair view and the pairs table.
@Suite struct ReviewStatusViewTests {
    @Test func listSetFilterAndShowStatuses() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        var model = try AppFixture.scanned(dir)
        let store = InMemoryAnnotationStore()
        model.useAnnotationStore(store)
        let kase = try #require(model.kase)

        model.press(.character("R"))
        let view = try #require(model.layers.top as? ReviewStatusView)
        #expect(view.rows.count == 3)
        #expect(model.render().textSnapshot().contains("3 passages, 3 unreviewed"))

        // r on the second row asks for "reviewed" of that passage's output span.
        let effects = model.press(.character("j"), .character("r"))
        guard case .reviewStatus(let change)? = effects.last else {
            Issue.record("no status effect: \(effects)")
            return
        }
        #expect(change.status == .reviewed && change.range == view.rows[1].range && change.source == "outputs/o.jsonl#o1")

        // The shell saves it and posts annotationsChanged: the list shows who and what.
        try AnnotationEditing.setStatus(kase, source: change.source, range: change.range, status: .reviewed,
                                        creator: "ana", store: store)
        _ = model.performingWrites(model.update(.message(.annotationsChanged(notice: "saved", error: false))))
        let text = model.render().textSnapshot()
        #expect(text.contains("3 passages, 2 unreviewed"))
        #expect(text.contains("reviewed    ana"))
        // U: only the two unreviewed.
        model.press(.character("U"))
        #expect((model.layers.top as? ReviewStatusView)?.visible.count == 2)
        #expect(model.render().textSnapshot().contains("showing unreviewed"))
        model.press(.escape)
        #expect(model.layers.isEmpty)
        // A pair with one passage reviewed of three: `·` in the pairs table's last column.
        let rows = model.render().textSnapshot().split(separator: "\n").filter { $0.contains("o1") && $0.contains(" w ") }
        #expect(rows.count == 1 && rows.first?.hasSuffix("·") == true, "\(rows)")
    }

    /// With no name known (no `$EXHIBIT_USER`, `$USER` or config, none typed), a status is
    /// not saved signed `unknown`: no effect, and the status line says how to give a name.
    @Test func aStatusIsNeverSignedUnknown() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        var model = try AppFixture.scanned(dir)
        model.useAnnotationStore(InMemoryAnnotationStore())
        model.tools.environment = [:]
        model.tools.creator = nil
        model.press(.character("R"))
        let effects = model.press(.character("r"))
        #expect(!effects.contains { if case .reviewStatus = $0 { true } else { false } })
        #expect(model.render().textSnapshot().contains("who is reviewing?"))
        // Once a name is known (typed in the annotate dialog), the status carries it.
        model.tools.creator = "ana"
        guard case .reviewStatus(let change)? = model.press(.character("r")).last else {
            Issue.record("no status effect")
            return
        }
        #expect(change.creator == "ana")
    }
}
