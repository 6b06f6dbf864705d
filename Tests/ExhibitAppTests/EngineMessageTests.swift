import Foundation
import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// How the screen takes the engine's messages: results streaming in during
/// the first scan, a re-scan replacing them, stale messages dropped.
@Suite struct EngineMessageTests {
    @Test func resultsStreamInWhileTheScanRuns() throws {
        var (model, kase, request) = try AppFixture.loaded()
        let run = try AppFixture.run(kase, request)
        #expect(model.scanning && !model.isIdle)
        #expect(model.render().textSnapshot().contains("[scanning 0%]"))
        let g = request.generation
        _ = model.update(.message(.progress(generation: g, ScanProgress(
            phase: .matching, documentsTokenized: 10, documentsTotal: 10, outputsMatched: 0, outputsTotal: 7, pairsFound: 0),
            seconds: 0.1)))
        // Works' tokens, then the outputs one by one.
        let outputs = run.stream.filter { if case .output = $0 { true } else { false } }
        #expect(outputs.count == 4)
        _ = model.update(.message(.stream(generation: g, run.stream[0], seconds: 0.2)))
        _ = model.update(.message(.stream(generation: g, outputs[0], seconds: 0.3)))
        model.settle()
        #expect(model.overview.pairRows.count == 1)
        #expect(model.overview.workRows.allSatisfy { $0.summary.provisional && $0.flagged == nil })
        var text = model.render().textSnapshot()
        #expect(text.contains("figures so far") && text.contains("1 pair with evidence found"))
        // A pair can be opened before the scan ends: its marks are final.
        model.press(.tab, .enter)
        #expect(model.route == .pair)
        #expect(model.render().textSnapshot().contains("Passage 1/1"))
        model.press(.escape)
        // Rows follow the stream at most every half second (engine time), so
        // a flood of results cannot keep keys waiting; the count in the
        // engine line is always current.
        _ = model.update(.message(.stream(generation: g, outputs[1], seconds: 0.4)))
        model.settle()
        #expect(model.overview.pairRows.count == 1)
        #expect(model.render().textSnapshot().contains("2 pairs with evidence found"))
        for e in outputs.dropFirst(2) { _ = model.update(.message(.stream(generation: g, e, seconds: 0.8))) }
        model.settle()
        #expect(model.overview.pairRows.count == 4)
        // Provisional pooled coverage already equals the final one.
        let provisional = model.overview.workRows.map { ($0.id, $0.summary.figures.looseCoverage) }
        _ = model.update(.message(.progress(generation: g, ScanProgress(
            phase: .matching, documentsTokenized: 10, documentsTotal: 10, outputsMatched: 4, outputsTotal: 7, pairsFound: 4),
            seconds: 0.85)))
        #expect(model.render().textSnapshot().contains("matched 4/7 outputs"))
        _ = model.update(.message(.finished(generation: g, run.result, seconds: 0.9)))
        model.settle()
        #expect(model.isIdle && !model.scanning)
        text = model.render().textSnapshot()
        #expect(text.contains(AppModel.idleMarker) && !text.contains("so far"))
        #expect(model.overview.workRows.map { ($0.id, $0.summary.figures.looseCoverage) }.elementsEqual(provisional, by: ==))
        #expect(model.overview.workRows.allSatisfy { !$0.summary.provisional })
        #expect(model.results?.firstPairSeconds == 0.3 && model.results?.finishedSeconds == 0.9)
    }

    @Test func aRescanReplacesTheResultsWhenItIsDone() throws {
        var model = try AppFixture.scanned()
        model.press(.tab)
        let row = try #require(model.overview.pairRows.firstIndex { $0.outputId == "o-echo" })
        for _ in 0..<row { model.press(.character("j")) }
        model.press(.enter)
        #expect(model.pair?.outputId == "o-echo")
        // min_words 30: o-echo's one seed (10 echoed + 13 copied words) is too short.
        model.press(.character("m"), .backspace, .character("3"), .character("0"))
        let effects = model.press(.enter)
        guard case .scan(let request)? = effects.first else { Issue.record("no re-scan"); return }
        let kase = try #require(model.kase)
        let run = try AppFixture.run(kase, request)
        // While it runs, the previous results stay on screen.
        #expect(model.results?.generation == 1 && model.scanning)
        #expect(model.render().textSnapshot().contains("Passage 1/1"))
        // Messages of the replaced scan are dropped.
        _ = model.update(.message(.finished(generation: 1, run.result, seconds: 9)))
        #expect(model.results?.generation == 1 && model.scanning)
        for e in run.stream { _ = model.update(.message(.stream(generation: request.generation, e, seconds: 1))) }
        #expect(model.results?.generation == 1)
        _ = model.update(.message(.finished(generation: request.generation, run.result, seconds: 1.5)))
        model.settle()
        #expect(model.results?.generation == 2 && model.isIdle)
        #expect(model.results?.options.match.minWords == 30)
        // The open pair has no passage any more: back to the overview, with a notice.
        #expect(model.route == .overview && model.pair == nil)
        #expect(model.notice?.text.contains("o-echo") == true)
        #expect(!model.overview.pairRows.contains { $0.outputId == "o-echo" })
        #expect(model.render().textSnapshot().contains("min_words 30"))
    }

    @Test func aRescanKeepsAnOpenPairThatStillHasPassages() throws {
        var model = try AppFixture.scanned()
        model.press(.tab, .enter)
        let key = try #require(model.pair?.key)
        let effects = model.press(.character("m"), .tab, .backspace, .character("0"), .enter)
        guard case .scan(let request)? = effects.first else { Issue.record("no re-scan"); return }
        let run = try AppFixture.run(try #require(model.kase), request)
        _ = model.update(.message(.finished(generation: request.generation, run.result, seconds: 1)))
        #expect(model.route == .pair && model.pair?.key == key)
        #expect(model.results?.options.match.maxGap == 0)
    }

    @Test func aLoadFailureIsShownAndCountsAsIdle() {
        var model = AppModel(casePath: "/no/such/case", size: AppFixture.size, catalog: AppFixture.themes,
                             themeName: "default-dark")
        #expect(model.render().textSnapshot().contains("[loading]"))
        _ = model.update(.message(.loadFailed("cannot open case: /no/such/case: no such case folder")))
        let text = model.render().textSnapshot()
        #expect(text.contains("no such case folder") && model.isIdle)
        #expect(model.press(.enter, .character("n"), .character("m")).isEmpty) // nothing to open, no crash
    }

    @Test func theEngineThreadPostsEverythingForOneScan() throws {
        // ScanEngine on its own threads, posting into a collector (the shell posts into the mailbox).
        let messages = Collector()
        let engine = ScanEngine(threads: 2) { messages.add($0) }
        engine.load(path: AppFixture.demoCase)
        let loaded = try messages.wait { if case .loaded = $0 { true } else { false } }
        guard case .loaded(let kase, _, _) = loaded else { return }
        engine.scan(kase, ScanRequest(generation: 7, options: ScanOptions(settings: kase.settings)))
        let done = try messages.wait { if case .finished = $0 { true } else { false } }
        guard case .finished(let g, let result, _) = done else { return }
        #expect(g == 7 && result.pairs.count == 4)
        let all = messages.all
        #expect(all.contains { if case .stream(7, .works, _) = $0 { true } else { false } })
        #expect(all.filter { if case .stream(7, .output, _) = $0 { true } else { false } }.count == 4)
    }
}

/// Collects messages posted from engine threads.
final class Collector: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [AppMessage] = []

    func add(_ m: AppMessage) { lock.lock(); items.append(m); lock.unlock() }

    var all: [AppMessage] { lock.lock(); defer { lock.unlock() }; return items }

    struct Timeout: Error {}

    /// Waits (up to 60 s) for a message matching `test`.
    func wait(_ test: (AppMessage) -> Bool) throws -> AppMessage {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let m = all.first(where: test) { return m }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw Timeout()
    }
}
