import Foundation
import Testing
@testable import ExhibitCore

/// JSONL reading: lines, offsets, repair pass, key order, value texts, aliases.
@Suite struct CaseLoaderJSONLTests {
    func read(_ bytes: [UInt8]) throws -> JSONLFile {
        JSONLReader.read(try TextDecoding.decode(bytes), path: "outputs/x.jsonl")
    }

    func read(_ text: String) throws -> JSONLFile { try read(Array(text.utf8)) }

    @Test func loneCRLineEndsSeparateRecords() throws {
        let file = try read("{\"id\":\"a\",\"output\":\"x\"}\r{\"id\":\"b\",\"output\":\"y\"}\r\n{\"id\":\"c\"}\r")
        #expect(file.records.map(\.line) == [1, 2, 3])
        #expect(file.errors.isEmpty)
        // Line 3 starts after 23 bytes + CR and 23 bytes + CRLF.
        #expect(file.records.last?.offset == 49)
    }

    @Test func linesKeepPhysicalNumbersAndByteOffsets() throws {
        let text = "{\"id\":\"a\",\"output\":\"x\"}\r\n\n   \r\n{\"id\":\"b\",\"output\":\"é\"}\n{\"id\":\"c\",\"output\":\"y\"}"
        let file = try read(text)
        #expect(file.errors.isEmpty)
        #expect(file.warnings.isEmpty)
        #expect(file.records.map(\.line) == [1, 4, 5])
        // Line 4 starts after 23 + 2 (CRLF) + 1 + 5 bytes; line 5 after line 4's 24 bytes (é is 2) + LF.
        #expect(file.records.map(\.offset) == [0, 31, 56])
    }

    @Test func byteOrderMarkCountsInOffsets() throws {
        let file = try read([0xEF, 0xBB, 0xBF] + Array("{\"id\":\"a\",\"output\":\"x\"}\n[1]\n".utf8))
        #expect(file.records.map(\.offset) == [3])
        #expect(file.errors.map(\.offset) == [27])
        #expect(file.errors.map(\.line) == [2])
    }

    @Test func lineThatIsNotJSONIsAnErrorAndTheRestLoads() throws {
        let text = "{\"id\":\"a\",\"output\":\"x\"}\n{\"id\":\"b\",\"output\": tru}\n{\"id\":\"c\",\"output\":\"z\"}\n"
        let file = try read(text)
        #expect(file.records.map(\.line) == [1, 3])
        #expect(file.errors.count == 1)
        let error = try #require(file.errors.first)
        #expect(error.path == "outputs/x.jsonl")
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("not valid JSON"))
        // Within line 2 (bytes 24..<49): the parser's own position, here at `tru}`.
        #expect((44...48).contains(error.offset ?? -1))
    }

    @Test func truncatedLineIsAnError() throws {
        let file = try read("{\"id\":\"a\",\"output\":\"unterminated\n{\"id\":\"b\",\"output\":\"ok\"}\n")
        #expect(file.records.map(\.line) == [2])
        #expect(file.errors.map(\.line) == [1])
        #expect(file.errors.first?.message.contains("end of line") == true)
    }

    @Test func lineThatIsNotAnObjectIsAnError() throws {
        let file = try read("[1,2]\n\"text\"\n{\"id\":\"a\",\"output\":\"x\"}\n")
        #expect(file.records.map(\.line) == [3])
        #expect(file.errors.map(\.message) == ["a JSON array, not an object", "a JSON string, not an object"])
        #expect(file.errors.map(\.offset) == [0, 6])
    }

    @Test func loneSurrogateEscapeBecomesReplacementWithWarning() throws {
        let line1 = "{\"id\":\"a\",\"output\":\"x\\uD800y\\uDC00z \\uD83D\\uDE00\"}"
        let file = try read(line1 + "\n")
        #expect(file.errors.isEmpty)
        let record = try #require(file.records.first)
        #expect(record.field("output")?.text == "x\u{FFFD}y\u{FFFD}z 😀")
        #expect(file.warnings.count == 1)
        let warning = try #require(file.warnings.first)
        #expect(warning.line == 1)
        // `\uD800` starts at byte 21, `\uDC00` at 28.
        #expect(warning.offset == 21)
        #expect(warning.message.contains("2 escapes at byte offsets 21–26 and 28–33"))
    }

    @Test func escapedBackslashBeforeUIsNotAnEscape() throws {
        let file = try read("{\"id\":\"a\",\"output\":\"C:\\\\uD800\"}\n")
        #expect(file.warnings.isEmpty)
        #expect(file.records.first?.field("output")?.text == "C:\\uD800")
    }

    @Test func rawControlCharacterInStringIsKeptWithWarning() throws {
        // Padded with a blank line so that one NUL stays under the binary threshold.
        let padding = String(repeating: " ", count: 300)
        let file = try read("{\"id\":\"a\",\"output\":\"x\ty\u{0}z\"}\n{\"id\":\"b\",\"output\": tru}\n" + padding + "\n")
        #expect(file.records.first?.field("output")?.text == "x\ty\u{0}z")
        #expect(file.warnings.first?.offset == 21)
        #expect(file.warnings.first?.message.contains("2 characters at byte offsets 21 and 23") == true)
        // Repairs shift the line; the error on line 2 still points into line 2.
        #expect(file.errors.first?.line == 2)
    }

    @Test func invalidUTF8InALineIsReplacedAndWarnedOnThatLine() throws {
        var bytes = Array("{\"id\":\"a\",\"output\":\"ok\"}\n{\"id\":\"b\",\"output\":\"x".utf8)
        let badAt = bytes.count
        bytes += [0xF0, 0x9F, 0x98, 0xC0, 0xAF]
        bytes += Array("y\"}\n".utf8) + Array(repeating: UInt8(ascii: " "), count: 600)
        let file = try read(bytes)
        #expect(file.errors.isEmpty)
        #expect(file.records.last?.field("output")?.text == "x\u{FFFD}\u{FFFD}\u{FFFD}y")
        let warning = try #require(file.warnings.first)
        #expect(warning.line == 2)
        #expect(warning.offset == badAt)
        #expect(warning.message.contains("3 sequences at byte offsets \(badAt)–\(badAt + 2), \(badAt + 3) and \(badAt + 4)"))
    }

    @Test func fieldsKeepSourceOrderAndValuesAsWritten() throws {
        let line = """
        {"zeta": 1.50, "id": "r1", "alpha": true, "output": "t", "n": null, "big": 1e3, \
        "list": [1, "a b", {"y": 2, "x": [ ]}], "obj": {"b": 1, "a": "\\u00e9"}, "\\u006bey": "v", "neg": -0}
        """
        let file = try read(line + "\n")
        let record = try #require(file.records.first)
        #expect(record.fields.map(\.key) == ["zeta", "id", "alpha", "output", "n", "big", "list", "obj", "key", "neg"])
        #expect(record.fields.map(\.text) == ["1.50", "r1", "true", "t", "null", "1e3",
                                              "[1,\"a b\",{\"y\":2,\"x\":[]}]", "{\"b\":1,\"a\":\"\\u00e9\"}", "v", "-0"])
        #expect(record.fields.map(\.kind) == [.number, .string, .boolean, .string, .null, .number,
                                              .array, .object, .string, .number])
    }

    @Test func duplicateKeyKeepsFirstPositionAndLastValue() throws {
        let file = try read("{\"id\":\"a\",\"k\":1,\"output\":\"x\",\"k\":2}\n")
        #expect(file.records.first?.fields.map(\.key) == ["id", "k", "output"])
        #expect(file.records.first?.field("k")?.text == "2")
        #expect(file.warnings.first?.message.contains("\"k\"") == true)
    }

    @Test func utf16JSONLOffsetsAreFileBytes() throws {
        let text = "{\"id\":\"a\",\"output\":\"é\"}\nbad\n"
        let file = try read(utf16Bytes(text, bigEndian: false))
        #expect(file.records.first?.field("output")?.text == "é")
        #expect(file.errors.first?.line == 2)
        // BOM (2) + 23 UTF-16 units + LF = 2 + 2 * 24.
        #expect(file.errors.first?.offset == 50)
    }

    @Test func tenMegabyteSingleLineRecordLoads() throws {
        let body = String(repeating: "lorem ipsum dolor sit amet, \\\"quoted\\\" words\\n", count: 230_000)
        let line = "{\"id\":\"big\",\"output\":\"" + body + "\",\"model\":\"m\"}\n"
        #expect(line.utf8.count > 10_000_000)
        let file = try read(line)
        #expect(file.records.count == 1)
        #expect(file.records.first?.fields.map(\.key) == ["id", "output", "model"])
        #expect(file.records.first?.field("output")?.text.hasPrefix("lorem ipsum dolor sit amet, \"quoted\" words\nlorem") == true)
    }

    // MARK: Record → Document

    func map(_ line: String, _ role: DocumentRole) throws -> RecordMapping.Outcome {
        let record = try #require(try read(line + "\n").records.first)
        return RecordMapping.map(record, role: role, path: "outputs/x.jsonl", fileName: "x.jsonl")
    }

    func document(_ line: String, _ role: DocumentRole = .output) throws -> Document {
        guard case .document(let document, _) = try map(line, role) else {
            Issue.record("rejected: \(line)")
            throw CancellationError()
        }
        return document
    }

    func rejection(_ line: String, _ role: DocumentRole = .output) throws -> String? {
        if case .rejected(let message) = try map(line, role) { return message }
        return nil
    }

    @Test func outputTextAliasesInOrder() throws {
        #expect(try document("{\"id\":\"a\",\"generation\":\"g\",\"completion\":\"c\"}").text == "c")
        #expect(try document("{\"id\":\"a\",\"generation\":\"g\",\"text\":\"t\"}").text == "t")
        #expect(try document("{\"id\":\"a\",\"text\":\"t\",\"output\":\"o\"}").text == "o")
        #expect(try document("{\"id\":\"a\",\"generation\":\"g\"}").text == "g")
        // A null output falls through to the next alias; the unused alias stays as metadata.
        let d = try document("{\"id\":\"a\",\"output\":null,\"text\":\"t\",\"completion\":\"c\"}")
        #expect(d.text == "t")
        #expect(d.metadata == [MetadataEntry(key: "output", value: "null"), MetadataEntry(key: "completion", value: "c")])
    }

    @Test func worksUseTextOnlyAndTitle() throws {
        let d = try document("{\"id\":\"w\",\"title\":\"T\",\"text\":\"body\",\"output\":\"o\",\"url\":\"u\"}", .work)
        #expect(d.text == "body")
        #expect(d.title == "T")
        #expect(d.metadata.map(\.key) == ["output", "url"])
        #expect(try rejection("{\"id\":\"w\",\"output\":\"o\"}", .work) == "record has no text field: expected \"text\"")
    }

    @Test func outputPromptAndMetadataInOrder() throws {
        let d = try document(
            "{\"id\":\"o\",\"output\":\"x\",\"prompt\":\"p\",\"model\":\"m\",\"method\":\"extraction\",\"hinted\":false,\"attempt\":2,\"title\":\"t\"}")
        #expect(d.prompt == "p")
        #expect(d.title == nil)
        #expect(d.metadata.map(\.key) == ["model", "method", "hinted", "attempt", "title"])
        #expect(d.metadata("hinted") == "false")
        #expect(d.metadata("attempt") == "2")
        #expect(d.model == "m")
        #expect(d.line == 1)
        #expect(d.source == "outputs/x.jsonl#o")
    }

    @Test func promptThatIsNotAStringIsKeptAsMetadata() throws {
        guard case .document(let d, let warnings) = try map("{\"id\":\"o\",\"output\":\"x\",\"prompt\":[{\"role\":\"user\"}]}", .output)
        else { Issue.record("rejected"); return }
        #expect(d.prompt == nil)
        #expect(d.metadata == [MetadataEntry(key: "prompt", value: "[{\"role\":\"user\"}]")])
        #expect(warnings.count == 1)
    }

    @Test func missingOrBadIdAndText() throws {
        // Without an id (or null, or empty): <file name>#<line>; the record is line 1.
        #expect(try document("{\"output\":\"x\"}").id == "x.jsonl#1")
        #expect(try document("{\"id\":null,\"output\":\"x\"}").id == "x.jsonl#1")
        guard case .document(let empty, let warnings) = try map("{\"id\":\"\",\"output\":\"x\"}", .output) else {
            Issue.record("rejected")
            return
        }
        #expect(empty.id == "x.jsonl#1" && warnings == ["\"id\" is empty: the record takes the id x.jsonl#1"])
        #expect(try rejection("{\"id\":true,\"output\":\"x\"}") == "\"id\" is a JSON boolean, not a string or number")
        #expect(try rejection("{\"id\":[1],\"output\":\"x\"}") == "\"id\" is a JSON array, not a string or number")
        // Numbers keep their digits: 2^53 + 1 and 2^53 differ, a 20-digit id is whole.
        #expect(try document("{\"id\":9007199254740993,\"output\":\"x\"}").id == "9007199254740993")
        #expect(try document("{\"id\":9007199254740992,\"output\":\"x\"}").id == "9007199254740992")
        #expect(try document("{\"id\":12345678901234567890,\"output\":\"x\"}").id == "12345678901234567890")
        #expect(try document("{\"id\":1.50,\"output\":\"x\"}").id == "1.50")
        #expect(try rejection("{\"id\":\"a\",\"prompt\":\"p\"}")
            == "record has no text field: expected \"output\" (or \"text\", \"completion\", \"generation\")")
        #expect(try rejection("{\"id\":\"a\",\"output\":42}") == "\"output\" is a JSON number, not a string")
        #expect(try document("{\"id\":17,\"output\":\"x\"}").id == "17")
    }
}
