import ExhibitCore
import Foundation
import Testing

/// `exhibit import eee` on the real Every Eval Ever instance-level samples.
@Suite struct ImportEEETests {
    @Test func realSamples() throws {
        let temp = ImportTemp()
        guard let samples = ImportSamples.folder("eee") else { print(ImportSamples.missing("eee")); return }
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .eee, sources: [samples], casePath: folder))
        #expect(report.errors.isEmpty, "\(report.errors)")
        // Files in name order: hellaswag (10), narrativeqa (5).
        #expect(report.sources.map(\.added) == [10, 5])
        let records = ImportSamples.records(folder + "/outputs/eee--narrativeqa--openai-gpt2--None_samples.jsonl")
        #expect(records.count == 5)
        let first = try #require(records.first)
        #expect(first["id"] as? String == "openai/gpt2/narrativeqa/id1413")
        #expect(first["output"] as? String == " Olive.")
        #expect(first["model"] as? String == "openai/gpt2")
        #expect(first["attempt"] as? Int == 1)
        #expect((first["prompt"] as? String)?.hasPrefix("Passage: Olive Penderghast, a 17-year-old girl") == true)
        #expect(first["sample_hash"] as? String == "293d01d8fb1649a6c8c0df84bb3241621c4f5afec86634cc90a737566080cf6f")
        let input = try #require(first["input"] as? [String: Any])
        #expect(input["raw"] == nil)  // it is the prompt
        #expect((input["reference"] as? [Any])?.count == 2)
        let tokens = try #require(first["token_usage"] as? [String: Any])
        #expect(tokens["input_tokens"] as? Int == 790)
        #expect(first["status"] == nil)
        // The case loads without an error: works/ exists, empty, for the works to come.
        #expect(try CaseLoader.load(path: folder).errors.isEmpty)
        #expect(report.notices.contains { $0.message.contains("no works yet") })
        let before = ImportSamples.snapshot(folder)
        let again = try CaseImporter.run(ImportRequest(format: .eee, sources: [samples], casePath: folder))
        #expect(again.sources.map(\.added) == [0, 0])
        #expect(ImportSamples.snapshot(folder) == before)
    }

    @Test func errorsAndConversations() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        let lines = [
            #"{"schema_version":"0.3.0","evaluation_id":"e","model_id":"m/x","evaluation_name":"t","sample_id":"a","interaction_type":"single_turn","input":{"raw":"p"},"output":{"raw":["one","two"]},"answer_attribution":[],"evaluation":{"score":1}}"#,
            #"{"schema_version":"0.3.0","evaluation_id":"e","model_id":"m/x","evaluation_name":"t","sample_id":"b","interaction_type":"single_turn","input":{"raw":"p"},"output":{"raw":[""]},"answer_attribution":[],"evaluation":{"score":0},"error":"timeout"}"#,
            #"{"schema_version":"0.3.0","evaluation_id":"e","model_id":"m/x","evaluation_name":"t","sample_id":"c","interaction_type":"multi_turn","input":{"raw":"p"},"messages":[],"answer_attribution":[],"evaluation":{"score":0}}"#,
        ]
        ImportSamples.write(lines.joined(separator: "\n"), src, "x.jsonl")
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .eee, sources: [src + "/x.jsonl"], casePath: folder))
        #expect(report.sources.first?.added == 2)
        #expect(report.sources.first?.skipped.first?.reason == "error")
        #expect(report.errors.count == 1 && report.errors.first?.line == 3)
        let ids = ImportSamples.records(folder + "/outputs/eee--x.jsonl").compactMap { $0["id"] as? String }
        #expect(ids == ["m/x/t/a/1", "m/x/t/a/2"])
    }
}
