import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// Issue 9, point 10: the timing line refers to the scan shown.
@Suite struct TimingLineTests {
    @Test func aReScanAfterAnAbandonedOneReportsItsOwnTime() throws {
        var model = try AppFixture.scanned()
        #expect(model.engineLine.contains("Scan done at 0.5 s (first pair at 0.4 s)"))
        let kase = try #require(model.kase)
        let o = try #require(model.options)
        let p = ScanProgress(phase: .tokenizing, documentsTokenized: 0, documentsTotal: 10, outputsMatched: 0,
                             outputsTotal: 7, pairsFound: 0)
        // Re-scan 2 starts at 100 s and is abandoned for re-scan 3, which starts at 183.6 s.
        guard case .scan(let second) = model.startScan(o) else { Issue.record("no scan"); return }
        _ = model.update(.message(.progress(generation: second.generation, p, seconds: 100)))
        guard case .scan(let third) = model.startScan(o) else { Issue.record("no scan"); return }
        _ = model.update(.message(.progress(generation: second.generation, p, seconds: 150)))  // late, dropped
        _ = model.update(.message(.progress(generation: third.generation, p, seconds: 183.6)))
        let run = try AppFixture.run(kase, third)
        _ = model.update(.message(.finished(generation: third.generation, run.result, seconds: 183.8)))
        #expect(model.engineLine.contains("Re-scan done in 0.2 s"), "\(model.engineLine)")
        #expect(!model.engineLine.contains("183"))
    }
}
