import Foundation
import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// Opening the screen on a current results store whose stat cache vouches for every
/// case file: the case outline (no texts) shows the figures before the texts are read;
/// keys that need a text wait for them; the full case then takes over without a scan.
@Suite struct OutlineScreenTests {
    /// The demo case without its texts, as `StoredCase.reopen` gives it.
    static func outline(of kase: Case) -> Case {
        var o = kase
        o.works = kase.works.map { var d = $0; d.text = ""; d.prompt = nil; return d }
        o.outputs = kase.outputs.map { var d = $0; d.text = ""; d.prompt = nil; return d }
        return o
    }

    @Test func theEngineGivesTheOutlineFirstAndAnswersItFromTheStore() throws {
        let dir = try StoredResultsScreenTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = Collector()
        let (kase, _) = try StoredResultsScreenTests.scan(
            ScanEngine(threads: 2, store: StoreSettings(directory: dir)) { first.add($0) }, first,
            options: { ScanOptions(settings: $0.settings) }, generation: 1)
        #expect(!first.all.contains { if case .outline = $0 { true } else { false } })  // no store yet

        let second = Collector()
        let engine = ScanEngine(threads: 2, store: StoreSettings(directory: dir)) { second.add($0) }
        engine.load(path: AppFixture.demoCase)
        let message = try second.wait { if case .outline = $0 { true } else { false } }
        guard case .outline(let outline, let annotations) = message else { return }
        let textless = outline.works.allSatisfy { $0.text.isEmpty }
        #expect(annotations != nil && textless && outline.works.map(\.id) == kase.works.map(\.id))
        let options = ScanOptions(settings: outline.settings)
        engine.scan(outline, ScanRequest(generation: 1, options: options, fromStoreOnly: true))
        let finished = try second.wait { if case .finished(1, _, _) = $0 { true } else { false } }
        _ = try second.wait { if case .loaded = $0 { true } else { false } }
        let all = second.all
        let outlineAt = all.firstIndex { if case .outline = $0 { true } else { false } }!
        let loadedAt = all.firstIndex { if case .loaded = $0 { true } else { false } }!
        #expect(outlineAt < loadedAt)
        #expect(!all.contains { if case .progress = $0 { true } else { false } })
        guard case .finished(_, let result, _) = finished else { return }
        let fresh = try Scanner.scan(kase, options: options)
        #expect(result.workTokens.allSatisfy { $0.count == 0 })  // figures only: the views wait for the full case
        #expect(ScanReport.json(case: kase, result: result).serialized() == ScanReport.json(case: kase, result: fresh).serialized())

        // Parameters the store was not computed under: the outline is not answered.
        var other = options
        other.match.minWords += 2
        engine.scan(outline, ScanRequest(generation: 2, options: other, fromStoreOnly: true))
        Thread.sleep(forTimeInterval: 0.3)
        #expect(!second.all.contains { if case .finished(2, _, _) = $0 { true } else { false } })
    }

    @Test func theScreenShowsOutlineFiguresAndWaitsForTheTextsToOpenAPair() throws {
        let kase = try CaseLoader.load(path: AppFixture.demoCase)
        let annotations = try CaseAnnotations.load(kase)
        var model = AppModel(casePath: AppFixture.demoCase, size: AppFixture.size, catalog: AppFixture.themes,
                             themeName: "default-dark", launch: LaunchOptions())
        let effects = model.update(.message(.outline(Self.outline(of: kase), annotations: annotations)))
        guard case .scan(let request)? = effects.first else { Issue.record("no scan asked for"); return }
        #expect(request.fromStoreOnly && model.textsPending)
        let result = try Scanner.scan(kase, options: request.options)
        _ = model.update(.message(.finished(generation: request.generation, result, seconds: 0.3)))
        model.settle()
        #expect(model.overview.pairRows.count == 4)  // the figures, before any text
        #expect(model.render().textSnapshot().contains("from the results store"))

        // Moving is answered; opening a pair waits for the texts.
        _ = model.update(.key(.character("j")))
        let opened = model.update(.key(.enter))
        #expect(opened.isEmpty && model.pair == nil)
        #expect(model.render().textSnapshot().contains("still being read") && !model.isIdle)
        #expect(model.exportInputs == nil && model.annotationWriteInputs == nil)

        // The texts arrive: the store is read again for the token data (the figures
        // stay on screen meanwhile), then the pair opens.
        let after = model.update(.message(.loaded(kase, annotations: annotations, problem: nil)))
        guard case .scan(let full)? = after.first else { Issue.record("no store read asked for"); return }
        #expect(!full.fromStoreOnly && model.textsPending && model.overview.pairRows.count == 4)
        // Nothing is scanned again: the status line says what is read.
        #expect(model.engineLine.contains("reading its token data") && !model.engineLine.contains("re-scanning"))
        _ = model.update(.key(.enter))
        #expect(model.pair == nil && model.reconstruction == nil)
        _ = model.update(.message(.finished(generation: full.generation, result, seconds: 0.6)))
        #expect(!model.textsPending && model.isIdle)
        _ = model.update(.key(.tab))
        _ = model.update(.key(.enter))
        #expect(model.pair != nil || model.reconstruction != nil)
    }

    @Test func anOutlineTheStoreCannotAnswerIsScannedOnceTheTextsArrive() throws {
        let kase = try CaseLoader.load(path: AppFixture.demoCase)
        let annotations = try CaseAnnotations.load(kase)
        var model = AppModel(casePath: AppFixture.demoCase, size: AppFixture.size, catalog: AppFixture.themes,
                             themeName: "default-dark", launch: LaunchOptions())
        _ = model.update(.message(.outline(Self.outline(of: kase), annotations: annotations)))
        // The engine posts nothing for an outline the store cannot answer.
        let effects = model.update(.message(.loaded(kase, annotations: annotations, problem: nil)))
        guard case .scan(let request)? = effects.first else { Issue.record("no scan asked for"); return }
        #expect(!request.fromStoreOnly && !model.textsPending)
    }
}
