import Foundation
import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// The figures the screen shows while a scan streams come from the core's code with the
/// final figures' denominator: at every step of the stream they equal the core's pooling
/// of the pairs streamed so far, and once every output has streamed they equal the final
/// result's, on the demo (with and without counsel's exclusions) and on the real case.
@Suite struct StreamingFiguresTests {
    @Test func theDemoStreamsTheFinalFigures() throws {
        let (_, kase, request) = try AppFixture.loaded()
        try Self.check(kase, request)
    }

    /// An excluded span leaves the denominator while streaming too, and the streamed
    /// work tokens keep their excluded marks.
    @Test func theDemoWithAnExclusionStreamsTheFinalFigures() throws {
        let (_, kase, request) = try AppFixture.loaded()
        let first = try AppFixture.run(kase, request).result
        let pair = try #require(first.pairs.first { $0.evidence })
        let passage = try #require(pair.passages.first { $0.evidence })
        let work = kase.works[first.works[pair.work].document]
        let s = passage.workScalars
        var excluding = request
        // Half of a copied passage and some text before it: both numerator and denominator change.
        excluding.options.exclusions = [ExcludedSpan(source: work.source, scalars: max(0, s.lowerBound - 40)..<(s.lowerBound + s.count / 2))]
        let result = try Self.check(kase, excluding)
        #expect(result.works[pair.work].excludedTokens > 0)
        #expect(result.workTokens[pair.work].excluded.contains(true))
    }

    @Test(.enabled(if: RealCaseEvidenceTests.available, "the real case ../shared/cases/recap-novels is not on this machine"))
    func theRealCaseStreamsTheFinalFigures() throws {
        let (_, kase, request) = try AppFixture.loaded(RealCaseEvidenceTests.recap)
        try Self.check(kase, request)
    }

    /// Streams `request`'s scan of `kase` into ``Results`` and compares at every step.
    @discardableResult
    static func check(_ kase: Case, _ request: ScanRequest) throws -> ScanResult {
        let run = try AppFixture.run(kase, request)
        let final = run.result
        var results = Results(generation: request.generation, options: request.options, kase: kase)
        var streamed: [PairResult] = []
        let models: [String?] = [nil] + results.models.map { Optional($0) }

        func compare(step: Int) {
            for w in final.works.indices {
                let doc = final.workTokens[w]
                for model in models {
                    let inModel = streamed.filter { $0.work == w && (model == nil || results.outputModels[$0.output] == model) }
                    let expected = WorkFigures.pooled(inModel, tokens: doc.coverageTokens)
                    let got = results.figures(work: w, model: model)
                    #expect(got.provisional)
                    #expect(got.tokens == doc.count, "step \(step) work \(w)")
                    #expect(got.figures == expected, "step \(step) work \(w) model \(model ?? "all")")
                    #expect(formatPercent(got.figures.looseCoverage) == formatPercent(expected.looseCoverage))
                }
            }
        }

        for (step, event) in run.stream.enumerated() {
            results.apply(event, seconds: Double(step))
            switch event {
            case .works(let tokens):
                // The stream keeps the excluded marks: the same token data as the final result.
                #expect(tokens == final.workTokens)
            case .output(_, _, let pairs):
                streamed += pairs
            }
            compare(step: step)
        }

        // Every output streamed: the screen's figures are the final ones (attempts, hits and
        // flags excepted: the engine pools them at the end).
        for (w, work) in final.works.enumerated() {
            for model in models {
                let f = results.figures(work: w, model: model).figures
                let g = model.map { m in work.byModel.first { $0.model == m }?.figures ?? WorkFigures() } ?? work.figures
                #expect(f.looseCoverage == g.looseCoverage && f.strictCoverage == g.strictCoverage,
                        "work \(work.id) model \(model ?? "all")")
                #expect(formatPercent(f.looseCoverage) == formatPercent(g.looseCoverage))
                #expect(formatPercent(f.strictCoverage) == formatPercent(g.strictCoverage))
                #expect(f.longestBlock == g.longestBlock && f.longPassages == g.longPassages)
                #expect(f.outputsContributing == g.outputsContributing)
                #expect(f.reproduced == g.reproduced && f.strictReproduced == g.strictReproduced)
            }
        }
        results.finish(final, seconds: Double(run.stream.count))
        for w in final.works.indices {
            #expect(results.figures(work: w, model: nil).tokens == final.works[w].tokens)
        }
        return final
    }
}
