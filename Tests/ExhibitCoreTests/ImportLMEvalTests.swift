import ExhibitCore
import Foundation
import Testing

/// `exhibit import lm-eval` on the real samples file (joined with its results file) and
/// on loglikelihood rows written from lm-eval's documented shape.
@Suite struct ImportLMEvalTests {
    static let outputs = "outputs/lm-eval--samples_math_perturbed_full_2026-01-21T03-44-18.458309.jsonl"
    static let model = "RylanSchaeffer/mem_Qwen3-93M_minerva_math_rep_0_sbst_1.0000_epch_1_ot_1"

    @Test func realSamplesJoinedWithResults() throws {
        let temp = ImportTemp()
        guard let samples = ImportSamples.folder("lm-eval") else { print(ImportSamples.missing("lm-eval")); return }
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .lmEval, sources: [samples], casePath: folder))
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.sources.map(\.added) == [10])
        let records = ImportSamples.records(folder + "/" + Self.outputs)
        #expect(records.count == 10)
        let first = try #require(records.first)
        #expect(first["id"] as? String == Self.model + "/math_perturbed_full/doc-0")
        #expect(first["prompt"] as? String == "Problem: How many vertical asymptotes does the graph of $y=\\frac{2}{x^3-x}$ have?\n\nSolution:")
        #expect((first["output"] as? String)?.hasPrefix(" 1. The graph of $y=1. The graph of $y=1.") == true)
        #expect(first["model"] as? String == Self.model)
        #expect(first["attempt"] as? Int == 1)
        #expect(first["method"] as? String == "unknown")
        #expect(first["target"] as? String == "3")
        #expect(first["exact_match"] as? Double == 0)
        let doc = try #require(first["doc"] as? [String: Any])
        #expect(doc["original_problem"] as? String == "How many vertical asymptotes does the graph of $y=\\frac{2}{x^2+x-6}$ have?")
        let gen = try #require(first["gen_kwargs"] as? [String: Any])
        #expect(gen["max_gen_toks"] as? Int == 512)
        let run = try #require(first["lm_eval_run"] as? [String: Any])
        #expect(run["random_seed"] as? Int == 0)
        #expect(run["model_sha"] as? String == "82047f5e5d5245c1b3a4cd75ad98aa441d6487cd")
        #expect(run["results_file"] as? String == "results_2026-01-21T03-44-18.458309.json")
        // Numbers keep their spelling: "temperature": 0.0 stays 0.0.
        let text = try String(contentsOfFile: folder + "/" + Self.outputs, encoding: .utf8)
        #expect(text.contains("\"temperature\":0.0"))
        // Provenance names both files.
        let toml = try String(contentsOfFile: folder + "/case.toml", encoding: .utf8)
        #expect(toml.contains("joined = ["))
        // Twice: nothing added, same bytes.
        let before = ImportSamples.snapshot(folder)
        let again = try CaseImporter.run(ImportRequest(format: .lmEval, sources: [samples], casePath: folder))
        #expect(again.sources.map(\.added) == [0] && again.sources.map(\.alreadyInCase) == [10])
        #expect(ImportSamples.snapshot(folder) == before)
    }

    /// A generated text that looks like a number stays a string.
    @Test func generatedTextsStayText() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        ImportSamples.write(#"{"doc_id": 0, "arguments": {"gen_args_0": {"arg_0": "1+2=", "arg_1": {"until": ["Q:"]}}}, "resps": [["3"]], "filtered_resps": ["3"]}"# + "\n",
                            src, "samples_add_2026-01-01T00-00-00.jsonl")
        let folder = temp.folder()
        _ = try CaseImporter.run(ImportRequest(format: .lmEval, sources: [src], casePath: folder, model: "m"))
        let text = try String(contentsOfFile: folder + "/outputs/lm-eval--samples_add_2026-01-01T00-00-00.jsonl", encoding: .utf8)
        #expect(text.contains(#""output":"3""#) && text.contains(#""filtered_resps":["3"]"#))
    }

    /// Rows as lm-eval 0.4 writes them for a loglikelihood task: every leaf of `resps`
    /// a string. Greedy continuations are outputs; the others are `not-greedy`.
    @Test func loglikelihoodStringsBecomeNumbers() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        let rows = [
            #"{"doc_id": 0, "doc": {"text": "It was a bright cold day"}, "target": " in April", "arguments": {"gen_args_0": {"arg_0": "It was a bright cold day", "arg_1": " in April"}}, "resps": [[["-1.25", "True"]]], "filtered_resps": [["-1.25", "True"]], "filter": "none", "metrics": ["acc"], "acc": 1.0}"#,
            #"{"doc_id": 1, "doc": {"text": "x"}, "target": " y", "arguments": {"gen_args_0": {"arg_0": "x", "arg_1": " y"}}, "resps": [[["-12.5", "False"]]], "filtered_resps": [["-12.5", "False"]], "filter": "none", "metrics": ["acc"], "acc": 0.0}"#,
        ]
        ImportSamples.write(rows.joined(separator: "\n") + "\n", src, "samples_books_2026-01-01T00-00-00.jsonl")
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .lmEval, sources: [src], casePath: folder, model: "m"))
        #expect(report.sources.first?.added == 1)
        #expect(report.sources.first?.skipped.first { $0.reason == "not-greedy" }?.count == 1)
        let text = try String(contentsOfFile: folder + "/outputs/lm-eval--samples_books_2026-01-01T00-00-00.jsonl", encoding: .utf8)
        #expect(text.contains("\"logprob\":-1.25,\"is_greedy\":true"))
        #expect(text.contains("\"filtered_resps\":[[-1.25,true]]"))
        #expect(text.contains("\"output\":\" in April\""))
        // --keep-failed keeps the other with its status.
        let kept = temp.folder()
        let r2 = try CaseImporter.run(ImportRequest(format: .lmEval, sources: [src], casePath: kept, model: "m", keepFailed: true))
        #expect(r2.sources.first?.added == 2)
        let records = ImportSamples.records(kept + "/outputs/lm-eval--samples_books_2026-01-01T00-00-00.jsonl")
        #expect(records.last?["status"] as? String == "not-greedy")
        #expect(records.last?["logprob"] as? Double == -12.5)
    }
}
