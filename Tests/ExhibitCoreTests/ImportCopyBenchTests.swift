import ExhibitCore
import Foundation
import Testing

/// `exhibit import copybench`. No real CopyBench output is public, so the file is
/// written here from the schema of `scripts/generate.py` (as documented in
/// ../shared/import-samples/copybench/SOURCE.md), with invented text.
@Suite struct ImportCopyBenchTests {
    /// `json.dump(list, indent=4)`: a vLLM item with `prompt`, an OpenAI item with only
    /// `conversation`, and an OpenAI item whose API call failed (`output` "").
    static let file = #"""
    [
        {
            "id": "bookmia.17.00",
            "title": "An Invented Novel",
            "input": "The lamp burned low in the tower room",
            "reference": "while the keeper counted ships",
            "model": "meta-llama/Llama-2-7b-hf",
            "prompt_tag": "literal.format1",
            "shots": 1,
            "decoding": "greedy",
            "conversation": [{"role": "user", "content": "Complete the prefix:\nThe lamp burned low in the tower room "}],
            "prompt": "Complete the prefix:\nThe lamp burned low in the tower room ",
            "output": "while the keeper counted the ships",
            "score_rouge_l": 0.8333
        },
        {
            "id": "bookmia.17.00",
            "title": "An Invented Novel",
            "input": "The lamp burned low in the tower room",
            "reference": "while the keeper counted ships",
            "model": "gpt-4o",
            "prompt_tag": "literal.format1",
            "shots": 1,
            "decoding": "greedy",
            "conversation": [{"role": "system", "content": "You complete text."}, {"role": "user", "content": "Complete the prefix:\nThe lamp"}],
            "output": "burned"
        },
        {
            "id": "bookmia.18.00",
            "title": "An Invented Novel",
            "input": "x",
            "reference_events": ["e"],
            "reference_characters": ["c"],
            "model": "gpt-4o",
            "prompt_tag": "nonliteral.format1",
            "shots": 1,
            "decoding": "greedy",
            "conversation": [{"role": "user", "content": "Continue the story:\nx"}],
            "output": ""
        }
    ]
    """#

    @Test func itemsFromTheDocumentedSchema() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        ImportSamples.write(Self.file, src, "outputs.literal.prompt1.mixed.greedy.json")
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .copybench, sources: [src], casePath: folder))
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.sources.first?.added == 2)
        #expect(report.sources.first?.skipped.first?.reason == "empty")
        let records = ImportSamples.records(folder + "/outputs/copybench--outputs.literal.prompt1.mixed.greedy.jsonl")
        #expect(records.count == 2)
        let vllm = try #require(records.first)
        #expect(vllm["id"] as? String == "meta-llama/Llama-2-7b-hf/literal.format1/greedy/bookmia.17.00")
        #expect(vllm["output"] as? String == "while the keeper counted the ships")
        #expect(vllm["prompt"] as? String == "Complete the prefix:\nThe lamp burned low in the tower room ")
        #expect(vllm["method"] as? String == "extraction")
        #expect(vllm["work"] as? String == "an-invented-novel")
        #expect(vllm["reference"] as? String == "while the keeper counted ships")
        #expect(vllm["score_rouge_l"] as? Double == 0.8333)
        #expect(vllm["prompt_rebuilt"] == nil)
        let openai = try #require(records.last)
        #expect(openai["prompt"] as? String == "You complete text.\n\nComplete the prefix:\nThe lamp")
        #expect(openai["prompt_rebuilt"] as? Bool == true)
        // Twice: same bytes.
        let before = ImportSamples.snapshot(folder)
        _ = try CaseImporter.run(ImportRequest(format: .copybench, sources: [src], casePath: folder))
        #expect(ImportSamples.snapshot(folder) == before)
    }

    @Test func notAnArray() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        ImportSamples.write("{\"id\": 1}", src, "x.json")
        let report = try CaseImporter.run(ImportRequest(format: .copybench, sources: [src + "/x.json"],
                                                        casePath: temp.folder()))
        #expect(report.errors.first?.message.contains("JSON array") == true)
    }
}
