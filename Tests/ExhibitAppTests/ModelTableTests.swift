import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// The overview's works × models table (`W`).
@Suite struct ModelTableTests {
    @Test func showsEveryWorkAndModelAndSorts() throws {
        var model = try AppFixture.scanned()
        model.press(.character("W"))
        guard let table = model.layers.top as? ModelTable else { Issue.record("no table"); return }
        // The demo: harbor-lights (all, model-a), kyoto-bridge (all, model-c),
        // orchard-strike (all, model-a, model-b), by work.
        #expect(table.rows.map { "\($0.work ?? "")/\($0.model)" } == [
            "harbor-lights/all", "harbor-lights/model-a", "kyoto-bridge/all", "kyoto-bridge/model-c",
            "orchard-strike/all", "orchard-strike/model-a", "orchard-strike/model-b"])
        #expect(table.totals.map(\.model) == ["model-a", "model-b", "model-c"])
        // model-a over all works: 42 + 0 strict words of 93 + 87 (see ScanModelSummaryTests).
        #expect(abs(table.totals[0].strict - 42.0 / 180.0) < 1e-12)
        let screen = model.render().textSnapshot()
        #expect(screen.contains("Works × models") && screen.contains("Per model over all works"))
        model.press(.character("s"))
        guard let sorted = model.layers.top as? ModelTable else { Issue.record("table closed"); return }
        #expect(sorted.rows.first?.work == "kyoto-bridge" && sorted.rows.first?.strict == 1)
        #expect(model.render().textSnapshot().contains("sorted by strict"))
        model.press(.escape)
        #expect(model.layers.isEmpty)
    }
}
