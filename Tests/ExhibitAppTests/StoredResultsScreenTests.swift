import Foundation
import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// The review screen and the results store (SPEC §9): a current store shows figures at
/// once without a scan; stored results from before works or parameters changed are
/// shown marked stale until the background scan replaces them; store notices (the
/// cache folder of a read-only case) are said on screen.
@Suite struct StoredResultsScreenTests {
    static func tempFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "exhibit-screen-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Scans the demo through `engine`, returning every message up to `.finished`.
    static func scan(_ engine: ScanEngine, _ messages: Collector, options: (Case) -> ScanOptions,
                     generation: Int) throws -> (Case, [AppMessage]) {
        engine.load(path: AppFixture.demoCase)
        let loaded = try messages.wait { if case .loaded = $0 { true } else { false } }
        guard case .loaded(let kase, _, _) = loaded else { throw Collector.Timeout() }
        engine.scan(kase, ScanRequest(generation: generation, options: options(kase)))
        _ = try messages.wait { if case .finished(generation, _, _) = $0 { true } else { false } }
        return (kase, messages.all)
    }

    @Test func aCurrentStoreAnswersAtOnceWithoutAScan() throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = Collector()
        let (kase, scanned) = try Self.scan(ScanEngine(threads: 2, store: StoreSettings(directory: dir)) { first.add($0) },
                                            first, options: { ScanOptions(settings: $0.settings) }, generation: 1)
        #expect(scanned.contains { if case .progress = $0 { true } else { false } })
        #expect(FileManager.default.fileExists(atPath: dir + "/results.sqlite"))

        let second = Collector()
        let (_, stored) = try Self.scan(ScanEngine(threads: 2, store: StoreSettings(directory: dir)) { second.add($0) },
                                        second, options: { ScanOptions(settings: $0.settings) }, generation: 1)
        #expect(!stored.contains { if case .progress = $0 { true } else { false } })
        #expect(!stored.contains { if case .stale = $0 { true } else { false } })
        guard case .finished(_, let result, _)? = stored.last(where: { if case .finished = $0 { true } else { false } }) else {
            Issue.record("no result"); return
        }
        let fresh = try Scanner.scan(kase, options: ScanOptions(settings: kase.settings))
        #expect(ScanReport.json(case: kase, result: result).serialized() == ScanReport.json(case: kase, result: fresh).serialized())

        // --rescan scans in full on the first scan.
        let third = Collector()
        let (_, rescanned) = try Self.scan(ScanEngine(threads: 2, store: StoreSettings(directory: dir, rescan: true)) { third.add($0) },
                                           third, options: { ScanOptions(settings: $0.settings) }, generation: 1)
        #expect(rescanned.contains { if case .progress = $0 { true } else { false } })
    }

    @Test func changedParametersShowTheStoredResultsStaleThenReplaceThem() throws {
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = Collector()
        _ = try Self.scan(ScanEngine(threads: 2, store: StoreSettings(directory: dir)) { first.add($0) },
                          first, options: { ScanOptions(settings: $0.settings) }, generation: 1)
        let second = Collector()
        let (_, messages) = try Self.scan(ScanEngine(threads: 2, store: StoreSettings(directory: dir)) { second.add($0) },
                                          second, options: { kase in
                                              var o = ScanOptions(settings: kase.settings)
                                              o.match.minWords = 8
                                              return o
                                          }, generation: 1)
        let staleAt = messages.firstIndex { if case .stale(1, _, "match", _) = $0 { true } else { false } }
        let finishedAt = messages.firstIndex { if case .finished(1, _, _) = $0 { true } else { false } }
        #expect(staleAt != nil && finishedAt != nil && staleAt! < finishedAt!)
        // The stale results are replaced whole: no streamed pair mixes into them.
        #expect(!messages.contains { if case .stream = $0 { true } else { false } })
    }

    @Test func theScreenMarksStaleResultsUntilTheScanEnds() throws {
        var (model, kase, request) = try AppFixture.loaded()
        let run = try AppFixture.run(kase, request)
        _ = model.update(.message(.stale(generation: request.generation, run.result, reason: "match", seconds: 0.1)))
        model.settle()
        var text = model.render().textSnapshot()
        #expect(model.staleReason == "match" && model.scanning)
        #expect(text.contains("STALE") && text.contains("match changed"))
        #expect(model.overview.pairRows.count == 4) // the stored figures are there at once
        _ = model.update(.message(.finished(generation: request.generation, run.result, seconds: 0.5)))
        model.settle()
        text = model.render().textSnapshot()
        #expect(model.staleReason == nil && model.isIdle && !text.contains("STALE"))
    }

    /// The scan's result replaces the stale rows whole, under the same generation: with
    /// fewer pairs than the stored results (a parameter raised), only its pairs are
    /// listed, and the works show its figures.
    @Test func theScansResultReplacesTheStaleRows() throws {
        var (model, kase, request) = try AppFixture.loaded()
        let run = try AppFixture.run(kase, request)
        _ = model.update(.message(.stale(generation: request.generation, run.result, reason: "match", seconds: 0.1)))
        model.settle()
        #expect(model.overview.pairRows.count == 4)
        var fewer = run.result
        fewer.pairs = Array(fewer.pairs.prefix(2))
        for w in fewer.works.indices { fewer.works[w].figures = WorkFigures() }
        _ = model.update(.message(.finished(generation: request.generation, fewer, seconds: 0.5)))
        model.settle()
        #expect(Set(model.overview.pairRows.map(\.key)) == Set(fewer.pairs.map { PairKey(work: $0.work, output: $0.output) }))
        #expect(model.overview.pairRows.count == 2)
        #expect(model.overview.workRows.allSatisfy { $0.summary.figures.strictCoverage == 0 })
    }

    /// The store's word on the scan itself ("scanning again") lasts as long as that scan:
    /// the STALE banner shows over it, and over the cache folder's notice, while stale
    /// figures are on screen; once the scan ends the folder's notice is said again.
    @Test func theScanNoticeEndsWithTheScanAndTheStaleBannerShowsMeanwhile() throws {
        var (model, kase, request) = try AppFixture.loaded()
        let run = try AppFixture.run(kase, request)
        let g = request.generation
        _ = model.update(.message(.storeNotice("results store in /home/u/.cache/exhibit/0123")))
        _ = model.update(.message(.scanNotice(generation: g, "stored results are stale (match changed); scanning again")))
        _ = model.update(.message(.stale(generation: g, run.result, reason: "match", seconds: 0.1)))
        model.settle()
        var status = model.render().textSnapshot().split(separator: "\n").last.map(String.init) ?? ""
        #expect(status.contains("STALE") && !status.contains("scanning again"))
        _ = model.update(.message(.finished(generation: g, run.result, seconds: 0.5)))
        model.settle()
        status = model.render().textSnapshot().split(separator: "\n").last.map(String.init) ?? ""
        #expect(!status.contains("STALE") && !status.contains("scanning again") && model.isIdle)
        #expect(status.contains("results store in /home/u/.cache/exhibit/0123"))
        // A notice of an older scan is not shown for this one.
        _ = model.update(.message(.scanNotice(generation: g - 1, "outputs changed since the stored scan")))
        #expect(!model.render().textSnapshot().contains("outputs changed"))
    }

    @Test func aStoreNoticeIsSaidInTheStatusLine() throws {
        var (model, _, _) = try AppFixture.loaded()
        _ = model.update(.message(.storeNotice("the case folder is read-only; results store in /home/u/.cache/exhibit/0123")))
        #expect(model.render().textSnapshot().contains("read-only; results store in /home/u/.cache/exhibit/0123"))
    }
}
