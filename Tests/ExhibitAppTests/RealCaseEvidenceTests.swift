import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// On the real case (`../shared/cases/recap-novels`): `matched` 0 ⇔ `evidence` false for
/// every passage and pair of the JSON, and the number of pairs and passages with evidence
/// is what the summary and the screen show (docs/figures.md, "evidence").
@Suite struct RealCaseEvidenceTests {
    static var recap: String { EndToEndTests.recapNovels }
    static var available: Bool { FileManager.default.fileExists(atPath: recap + "/case.toml") }

    @Test(.enabled(if: available, "the real case ../shared/cases/recap-novels is not on this machine"))
    func evidenceCountsAgreeEverywhere() throws {
        let (loaded, kase, request) = try AppFixture.loaded(Self.recap, size: Size(rows: 40, cols: 160))
        let run = try AppFixture.run(kase, request)
        let r = run.result

        // JSON: matched 0 ⇔ evidence false, passage and pair.
        let json = ScanReport.json(case: kase, result: r).serialized()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let pairs = try #require(object["pairs"] as? [[String: Any]])
        var evidencePairs = 0, evidencePassages = 0, withoutPairs = 0
        for p in pairs {
            let passages = try #require(p["passages"] as? [[String: Any]])
            var any = false
            for s in passages {
                let matched = try #require(s["matched"] as? Int)
                let evidence = try #require(s["evidence"] as? Bool)
                #expect((matched == 0) == !evidence)
                let label = try #require(s["label"] as? String)
                #expect(evidence != label.hasPrefix("no evidence: "))
                if evidence { evidencePassages += 1; any = true }
            }
            #expect(p["evidence"] as? Bool == any)
            #expect((p["matched_words"] as? Int == 0) == !any)
            if any { evidencePairs += 1 } else { withoutPairs += 1 }
        }
        let counts = EvidenceCounts(r.pairs)
        #expect(counts.pairs == evidencePairs && counts.passages == evidencePassages && counts.pairsWithout == withoutPairs)
        print("recap-novels: \(pairs.count) pairs listed, \(evidencePairs) with evidence; "
              + "\(counts.passages + counts.passagesWithout) passages listed, \(evidencePassages) with evidence")

        // `supplied` agrees with the words the pair view marks supplied (it shows the whole work).
        for (i, p) in r.pairs.enumerated() where p.supplied > 0 {
            #expect(TokenLabeler.labels(pairIndex: i, in: r).work.count(.supplied) == p.supplied)
        }

        // Summary.
        let summary = SummaryTable.text(case: kase, result: r)
        #expect(summary.contains("\(evidencePairs) pairs with evidence (\(evidencePassages) passages)"))

        // Per model: the works' outputs contributing add up to the model's evidence pairs.
        let models = Set(r.outputs.map { $0.model ?? "unknown" })
        for model in models.sorted() {
            let modelPairs = r.pairs.filter { $0.evidence && (r.outputs[$0.output].model ?? "unknown") == model }.count
            var contributing = 0
            for w in r.works {
                for entry in w.byModel where entry.model == model { contributing += entry.figures.outputsContributing }
            }
            #expect(modelPairs == contributing, "model \(model)")
            print("  \(model): \(modelPairs) pairs with evidence = Σ outputs contributing \(contributing)")
        }

        // Screen: the overview's pairs title counts the pairs with evidence.
        var model = loaded
        for e in run.stream { _ = model.update(.message(.stream(generation: request.generation, e, seconds: 0.4))) }
        _ = model.update(.message(.finished(generation: request.generation, r, seconds: 0.5)))
        model.settle()
        let screen = model.render().textSnapshot()
        #expect(screen.contains(" Pairs (\(evidencePairs) of \(evidencePairs) with evidence; \(r.outputs.count) outputs)"), "\(screen)")
        #expect(withoutPairs == 0 || screen.contains(" · \(withoutPairs) without evidence, dimmed"), "\(screen)")
        #expect(screen.contains("\(evidencePairs) pairs with evidence"))
        // Per model on screen: the pairs table narrowed to a model counts that model's evidence pairs.
        let nano = "gpt-4.1-nano"
        if models.contains(where: { $0.hasPrefix(nano) }), let name = models.sorted().first(where: { $0.hasPrefix(nano) }) {
            model.overview.query.model = name
            model.overview.dirty = true
            model.settle()
            let expected = r.pairs.filter { $0.evidence && r.outputs[$0.output].model == name }.count
            #expect(model.render().textSnapshot().contains(" Pairs (\(expected) of \(evidencePairs) with evidence;"))
        }
    }
}
