import Foundation
import Testing
@testable import ExhibitCore

/// Bad input never crashes `exhibit scan` and never stops the rest of the case: one case
/// holding every kind of bad document, scanned by the real binary.
@Suite struct BadInputScanTests {
    @Test func everyBadDocumentIsReportedAndTheRestIsScanned() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try TempCase()
        let copied = (0..<60).map { "word\($0)" }.joined(separator: " ")
        try c.write("works/good.txt", copied)
        try c.write("works/empty.txt", "")
        try c.write("works/binary.txt", bytes: [0x89, 0x50, 0x4E, 0x47] + [UInt8](repeating: 0, count: 400))
        // Not UTF-8, and nothing in it looks like UTF-8: read as Windows-1252, with a notice.
        try c.write("works/latin1.txt", bytes: Array("caf".utf8) + [0xE9] + Array(String(repeating: " au lait", count: 25).utf8))
        try c.write("works/huge.txt", String(repeating: "alpha beta gamma ", count: 620_000))  // 10.5 MB, one line
        // A link to nothing (a folder named *.txt would be a sub-folder, read like works/).
        try FileManager.default.createSymbolicLink(atPath: c.root + "/works/unreadable.txt", withDestinationPath: "nowhere.txt")
        let lines = [
            #"{"id": "o1", "output": "\#(copied)", "model": "m"}"#,
            #"{"id": "o2", "output": "not json"#,
            #"{"id": "o3", "prompt": "no text field"}"#,
            #"{"id": "o1", "output": "duplicate id"}"#,
            #"{"id": "o4", "output": "lone \ud800 surrogate"}"#,
        ]
        try c.write("outputs/runs.jsonl", lines.joined(separator: "\n") + "\n")
        let r = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let errors = try #require(json["errors"] as? [[String: Any]])
        let located = errors.map { "\($0["path"]!):\($0["line"] ?? "-")" }
        #expect(located.contains("outputs/runs.jsonl:2"))        // not JSON
        #expect(located.contains("outputs/runs.jsonl:3"))        // no text field
        #expect(located.contains("outputs/runs.jsonl:4"))        // duplicate id
        #expect(errors.contains { ($0["path"] as? String) == "works/binary.txt" })
        #expect(errors.contains { ($0["path"] as? String) == "works/unreadable.txt" })
        // Line 4 starts after three lines: its byte offset is their length plus newlines.
        let offset4 = lines[0..<3].reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(errors.contains { ($0["line"] as? Int) == 4 && ($0["offset"] as? Int) == offset4 })
        let works = try #require(json["works"] as? [[String: Any]]).map { $0["id"] as! String }
        #expect(works == ["empty", "good", "huge", "latin1"])
        let outputs = try #require(json["outputs"] as? [[String: Any]]).map { $0["id"] as! String }
        #expect(outputs == ["o1", "o4"])
        let pairs = try #require(json["pairs"] as? [[String: Any]])
        #expect(pairs.count == 1 && pairs[0]["work"] as? String == "good" && pairs[0]["matched_words"] as? Int == 60)
        let warnings = try #require(json["warnings"] as? [[String: Any]]).map { $0["path"] as! String }
        #expect(warnings.contains("works/latin1.txt") && warnings.contains("works/empty.txt"))
    }

    @Test func aMissingWorksFolderStillScansTheOutputs() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try TempCase(works: false)
        try c.write("outputs/a.txt", "some output text")
        let r = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((json["errors"] as? [[String: Any]])?.first?["path"] as? String == "works")
        #expect((json["outputs"] as? [Any])?.count == 1)
    }
}
