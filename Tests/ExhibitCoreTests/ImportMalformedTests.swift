import ExhibitCore
import Foundation
import Testing

/// Bad sources give clear errors (file, line, byte offset, reason) and lose nothing else.
@Suite struct ImportMalformedTests {
    static let row = #"{"schema_version":"0.3.0","evaluation_id":"e","model_id":"m","evaluation_name":"t","sample_id":"S","interaction_type":"single_turn","input":{"raw":"p"},"output":{"raw":["text S"]},"answer_attribution":[],"evaluation":{"score":1}}"#

    static func row(_ id: String) -> String { row.replacingOccurrences(of: "S", with: id) }

    @Test func truncatedJSONLine() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        let text = Self.row("a") + "\n" + String(Self.row("b").prefix(80)) + "\n" + Self.row("c") + "\n"
        ImportSamples.write(text, src, "x.jsonl")
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .eee, sources: [src], casePath: folder))
        #expect(report.sources.first?.added == 2)
        let error = try #require(report.errors.first)
        #expect(error.line == 2)
        let lineStart = Self.row("a").utf8.count + 1
        #expect((lineStart...(lineStart + 80)).contains(error.offset ?? -1))
        #expect(error.message.contains("truncated"))
        #expect(error.description.hasPrefix(src + "/x.jsonl:2 (byte "))
    }

    @Test func truncatedRecapFileLosesOnlyItself() throws {
        let temp = ImportTemp()
        guard let samples = ImportSamples.folder("recap") else { print(ImportSamples.missing("recap")); return }
        let src = temp.folder()
        let gatsby = "The_Great_Gatsby_-_F._Scott_Fitzgerald_extraction_gemini-2.5-flash-preview-04-17_feedback_gpt-4.1-2025-04-14.EXCERPT-ch-III-events-2-3-5-8-9.json"
        let whole = try #require(FileManager.default.contents(atPath: samples + "/" + gatsby))
        _ = FileManager.default.createFile(atPath: src + "/" + gatsby, contents: whole)
        _ = FileManager.default.createFile(atPath: src + "/Cut_-_X_extraction_m_feedback_f.json", contents: whole.prefix(30_000))
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .recap, sources: [src], casePath: folder))
        let error = try #require(report.errors.first { $0.path.hasSuffix("Cut_-_X_extraction_m_feedback_f.json") })
        #expect(error.offset == 30_000 || error.message.contains("truncated"), "\(error)")
        #expect(error.line != nil)
        #expect(report.sources.first { $0.path.contains("Great_Gatsby") }?.added == 10)
    }

    @Test func wrongFormat() throws {
        let temp = ImportTemp()
        guard let lmEval = ImportSamples.folder("lm-eval") else { print(ImportSamples.missing("lm-eval")); return }
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(
            format: .recap, sources: [lmEval + "/results_2026-01-21T03-44-18.458309.json"], casePath: folder))
        #expect(report.errors.first?.message.contains("not a RECAP extraction file") == true)
        #expect(ImportFormat(rawValue: "cooper") == nil)
        #expect(ImportFormat.unsupported.contains { $0.name == "cooper" })
        // Nothing was written.
        #expect(ImportSamples.snapshot(folder).isEmpty)
    }

    @Test func missingField() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        let broken = Self.row("b").replacingOccurrences(of: #""model_id":"m","#, with: "")
        ImportSamples.write([Self.row("a"), broken, Self.row("c")].joined(separator: "\n"), src, "x.jsonl")
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .eee, sources: [src], casePath: folder))
        #expect(report.sources.first?.added == 2)
        #expect(report.errors.count == 1)
        #expect(report.errors.first?.line == 2)
        #expect(report.errors.first?.message.contains("\"model_id\"") == true)
    }

    @Test func fiftyMegabyteRecord() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        let big = Self.row("big").replacingOccurrences(of: "text big", with: String(repeating: "x", count: 50 << 20))
        ImportSamples.write(Self.row("a") + "\n" + big + "\n" + Self.row("c") + "\n", src, "x.jsonl")
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .eee, sources: [src], casePath: folder))
        #expect(report.sources.first?.added == 2)
        let error = try #require(report.errors.first)
        #expect(error.line == 2 && error.offset == Self.row("a").utf8.count + 1)
        #expect(error.message.contains("16 MiB"))
    }

    @Test func codeIsNeverLoaded() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        _ = FileManager.default.createFile(atPath: src + "/meta.json", contents: Data([0x80, 0x04, 0x95, 0x00]))
        ImportSamples.write("a: !!python/object:os.system x\n", src, "cfg.yaml")
        let folder = temp.folder()
        let report = try CaseImporter.run(ImportRequest(format: .recap, sources: [src + "/meta.json", src + "/cfg.yaml"],
                                                        casePath: folder))
        #expect(report.errors.count == 2)
        #expect(report.errors[0].message.contains("pickle"))
        #expect(report.errors[1].message.contains("YAML"))
    }

    @Test func deepNestingIsAnError() throws {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: SourceJSONError.self) { try SourceJSONParser.parse(Array(deep.utf8)) }
    }

    @Test func neverTouchesFilesItDoesNotOwn() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        ImportSamples.write(Self.row("a") + "\n", src, "x.jsonl")
        let folder = temp.folder()
        try FileManager.default.createDirectory(atPath: folder + "/outputs", withIntermediateDirectories: true)
        ImportSamples.write("{\"id\":\"mine\",\"output\":\"counsel's own\"}\n", folder + "/outputs", "eee--x.jsonl")
        let before = ImportSamples.snapshot(folder)
        let report = try CaseImporter.run(ImportRequest(format: .eee, sources: [src], casePath: folder))
        #expect(report.errors.first?.message.contains("not written by exhibit import") == true)
        #expect(ImportSamples.snapshot(folder) == before)
    }

    @Test func neverWritesThroughALinkOutOfTheCase() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        ImportSamples.write(Self.row("a") + "\n", src, "x.jsonl")
        let folder = temp.folder(), elsewhere = temp.folder()
        try FileManager.default.createSymbolicLink(atPath: folder + "/outputs", withDestinationPath: elsewhere)
        let report = try CaseImporter.run(ImportRequest(format: .eee, sources: [src], casePath: folder))
        #expect(report.errors.contains { $0.message.contains("symbolic link leads outside") })
        #expect(ImportSamples.snapshot(elsewhere).isEmpty)
    }

    @Test func parserKeepsOrderAndDigits() throws {
        let value = try SourceJSONParser.parse(Array(#"{"b": 1.50, "a": [1e400, "\u00e9\ud83d\ude00"], "c": null}"#.utf8))
        #expect(value.jsonValue.serialized() == #"{"b":1.50,"a":[1e400,"é😀"],"c":null}"#)
        #expect(throws: SourceJSONError.self) { try SourceJSONParser.parse(Array(#"{"a": "\ud800"}"#.utf8)) }
        #expect(throws: SourceJSONError.self) { try SourceJSONParser.parse(Array(#"{"a": 01}"#.utf8)) }
    }

    /// A metrics file listed by name (as a shell glob `recap/*.json` lists it) is skipped
    /// with a notice, as in a folder, not read as a broken source.
    @Test func anExplicitlyListedMetricsFileIsSkippedWithANotice() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        let metrics = ImportSamples.write("{\"rouge\": 1}", src, "Book_-_A_m_metrics_feedback_f.json")
        let report = try CaseImporter.run(ImportRequest(format: .recap, sources: [metrics], casePath: temp.folder()))
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.notices.contains { $0.path == metrics && $0.message.contains("metrics file") })
        #expect(report.sources.isEmpty)
    }

    /// The message names the field that is missing, not both.
    @Test func aRecapEventMissingOnlyFirstSentenceSaysSo() throws {
        let temp = ImportTemp()
        let src = temp.folder()
        let file = ImportSamples.write("""
            {"book_name": "Book_-_A", "chapters": [{"chapter_title": "I", "events": [
              {"text_segment": "Some text.", "segmentation_boundaries": {}, "LLM_completions": {}}]}]}
            """, src, "Book_-_A_extraction_m_feedback_f.json")
        let report = try CaseImporter.run(ImportRequest(format: .recap, sources: [file], casePath: temp.folder()))
        let error = try #require(report.errors.first { $0.message.contains("lacks") }, "\(report.errors)")
        #expect(error.message.contains("lacks \"segmentation_boundaries.first_sentence\" (a string)"))
        #expect(!error.message.contains("text_segment\" or"))
    }
}
