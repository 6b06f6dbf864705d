import ExhibitCore
import Foundation
import Testing

/// `exhibit import cotaeval`. No real CoTaEval result is public, so the CSV is written
/// here from the schema of `main.py` `eval_infringement` (as documented in
/// ../shared/import-samples/cotaeval/SOURCE.md), with invented text.
@Suite struct ImportCoTaEvalTests {
    static let name = "books_low_ppl_comp_llama2-7b-chat-hf_context_len_200_completion_len_200_intervention_none_no_context_True.csv"
    /// pandas `to_csv(path)`: index first (unnamed), a quoted field with a line break and a `""`.
    static let csv = """
        ,prompt,gt,rouge1,rougeL,semantic_sim,best_rouge1,best_rougeL,best_verbatim_matching,matching_sequence,max_length,total_length,best_rouge1_ids,best_rougeL_ids,best_verbatim_matching_ids,inference_time
        0,The lamp burned low,in the tower room,0.5,0.5,0.71,"in the tower, ""high"" room
        at night","in the tower, ""high"" room
        at night","in the tower, ""high"" room
        at night","['in the tower', ' room']",12,17,0,0,0,1.25
        1,Second prompt,x,0.0,0.0,0.1,,,,[],0,0,0,0,0,0.5

        """

    @Test func rowsFromTheDocumentedSchema() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        ImportSamples.write(Self.csv, src, Self.name)
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .cotaeval, sources: [src], casePath: folder))
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.sources.first?.added == 1)
        #expect(report.sources.first?.skipped.first?.reason == "empty")
        let stem = String(Self.name.dropLast(4))
        let records = ImportSamples.records(folder + "/outputs/cotaeval--\(stem).jsonl")
        let first = try #require(records.first)
        #expect(first["id"] as? String == stem + "/0")
        #expect(first["output"] as? String == "in the tower, \"high\" room\nat night")
        #expect(first["prompt"] as? String == "The lamp burned low")
        #expect(first["model"] as? String == "llama2-7b-chat-hf")
        #expect(first["method"] as? String == "extraction")
        #expect(first["gt"] as? String == "in the tower room")
        #expect(first["row_index"] as? Int == 0)
        #expect(first["inference_time"] as? Double == 1.25)
        #expect(first["matching_sequence"] as? String == "['in the tower', ' room']")
        let run = try #require(first["cotaeval_run"] as? [String: Any])
        #expect(run["context_len"] as? Int == 200 && run["no_context"] as? Bool == true && run["intervention"] as? String == "none")
        let before = ImportSamples.snapshot(folder)
        _ = try CaseImporter.run(ImportRequest(format: .cotaeval, sources: [src], casePath: folder))
        #expect(ImportSamples.snapshot(folder) == before)
    }

    @Test func unterminatedQuoteIsNamed() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        ImportSamples.write(",prompt,best_verbatim_matching\n0,p,ok\n1,p,\"never closed\n2,p,x\n", src, Self.name)
        let report = try CaseImporter.run(ImportRequest(format: .cotaeval, sources: [src], casePath: temp.folder()))
        let error = try #require(report.errors.first)
        // Header 31 bytes, "0,p,ok\n" 7, "1,p," 4: the opening quote is byte 42.
        #expect(error.line == 3 && error.offset == 42)
        #expect(error.message.contains("unterminated quoted field"))
    }

    @Test func settingsFromTheFileName() {
        let s = CoTaEvalFormat.settings(fromFileName: "news_low_ppl_comp_llama2_7b_context_len_100_completion_len_50_intervention_top_k_1.0_no_context_False_no_cnn_processed.csv")
        #expect(s?.map(\.0) == ["datatype", "model", "context_len", "completion_len", "intervention", "no_context", "processed", "no_cnn"])
        #expect(s?.map(\.1) == ["news", "llama2_7b", "100", "50", "top_k_1.0", "False", "true", "true"])
        #expect(CoTaEvalFormat.settings(fromFileName: "results.csv") == nil)
    }
}
