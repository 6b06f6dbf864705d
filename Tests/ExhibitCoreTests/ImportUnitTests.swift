import Foundation
import Testing
@testable import ExhibitCore

/// The importers' small rules, with hand-computed values.
@Suite struct ImportUnitTests {
    @Test func pythonWordCount() {
        // str.split() splits on NBSP and U+001F too; "a\u{A0}b c" is 3 words.
        #expect(EventContext.pythonWordCount("a\u{A0}b c") == 3)
        #expect(EventContext.pythonWordCount("  one\n\ttwo\u{1F}three  ") == 3)
        #expect(EventContext.pythonWordCount("") == 0)
        // A zero-width space is not whitespace to Python.
        #expect(EventContext.pythonWordCount("a\u{200B}b") == 1)
    }

    @Test func recapStatus() {
        #expect(RecapFormat.status(of: "MODEL_RESPONSE_BLOCKED") == "blocked")
        #expect(RecapFormat.status(of: "MODEL_RESPONSE_BLOCKED - content_filter: RECITATION") == "blocked")
        #expect(RecapFormat.status(of: "Error at Chapter 'III'; Approach 'Agent'; Attempt 3/3: boom") == "error")
        #expect(RecapFormat.status(of: "It was the best of times") == nil)
    }

    @Test func tomlQuoting() throws {
        let tricky = "a\"b\\c\nd\te\u{7F}\u{01}é"
        let quoted = ImportProvenance.quote(tricky)
        #expect(quoted == "\"a\\\"b\\\\c\\nd\\te\\u007F\\u0001é\"")
        let entry = ImportEntry(format: "eee", source: tricky, sha256: "00", importer: "exhibit import 1",
                                output: "outputs/eee--x.jsonl", records: 2, joined: ["r.json"], joinedSHA256: ["11"])
        let back = ImportProvenance.entries(in: "title = \"t\"\n\n" + entry.toml)
        #expect(back == [entry])
    }

    @Test func lmEvalNames() {
        let n = LMEvalFormat.taskAndTimestamp("samples_math_perturbed_full_2026-01-21T03-44-18.458309.jsonl")
        #expect(n?.task == "math_perturbed_full" && n?.timestamp == "2026-01-21T03-44-18.458309")
        #expect(LMEvalFormat.taskAndTimestamp("results_x.json") == nil)
    }

    @Test func lmEvalStringsToNumbers() throws {
        let value = try SourceJSONParser.parse(Array(#"[["-12.5", "False"], ["1e-3", "True"], ["-inf", "x"], " 3"]"#.utf8))
        #expect(LMEvalFormat.unstring(value).serialized() == #"[[-12.5,false],[1e-3,true],["-inf","x"]," 3"]"#)
    }

    @Test func reservedKeysAreRenamed() {
        let out = ImportedOutput(id: "i", output: "o", metadata: [("id", .string("src")), ("x", .int(1)), ("source_id", .null)])
        #expect(out.record.serialized() == #"{"id":"i","output":"o","method":"unknown","source_id":"src","x":1,"source_source_id":null}"#)
    }

    @Test func slugsAndFileNames() {
        #expect(ImportIDs.slug("The Great Gatsby") == "the-great-gatsby")
        #expect(ImportIDs.slug("  Œuvres — complètes! ") == "œuvres-complètes")
        #expect(ImportIDs.fileName("../a/b c") == "_a_b_c")
        #expect(ImportIDs.fileName("...") == "source")
    }
}
