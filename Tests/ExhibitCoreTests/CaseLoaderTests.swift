import Foundation
import Testing
@testable import ExhibitCore

/// Loading whole case folders built in a temporary directory (SPEC §1).
@Suite struct CaseLoaderTests {
    @Test func openingAMissingPathOrAFileThrows() throws {
        #expect(throws: CaseOpenError.self) { try CaseLoader.load(path: "/nonexistent/exhibit-case") }
        let c = try TempCase()
        try c.write("works/a.txt", "x")
        #expect(throws: CaseOpenError.self) { try CaseLoader.load(path: c.root + "/works/a.txt") }
    }

    @Test func smallCaseLoadsSortedWithHashes() throws {
        let c = try TempCase()
        try c.write("works/b.txt", "Second work.")
        try c.write("works/a.md", "# First work")
        try c.write("outputs/runs.jsonl", "{\"id\":\"o2\",\"output\":\"x\"}\n{\"id\":\"o1\",\"output\":\"y\"}\n")
        try c.write("outputs/o3.txt", "z")
        try c.write("case.toml", "title = \"T\"\n")
        try c.write("boilerplate.txt", "All rights reserved by the publisher of this work.\n")
        try c.write("annotations.jsonl", "{}\n")
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.root == URL(fileURLWithPath: c.root).standardizedFileURL.path)
        #expect(loaded.title == "T")
        #expect(loaded.works.map(\.id) == ["a", "b"])
        #expect(loaded.works.map(\.path) == ["works/a.md", "works/b.txt"])
        #expect(loaded.outputs.map(\.id) == ["o1", "o2", "o3"])
        #expect(loaded.outputs.map(\.line) == [2, 1, nil])
        #expect(loaded.files.map(\.path)
            == ["boilerplate.txt", "case.toml", "outputs/o3.txt", "outputs/runs.jsonl", "works/a.md", "works/b.txt"])
        #expect(loaded.files.first(where: { $0.path == "works/b.txt" })?.sha256
            == FileHashing.sha256Hex(Array("Second work.".utf8)))
        #expect(loaded.boilerplate.map(\.line) == [1])
    }

    @Test func relativePathIsResolved() throws {
        let c = try TempCase()
        try c.write("works/a.txt", "x")
        let previous = FileManager.default.currentDirectoryPath
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let parent = (c.root as NSString).deletingLastPathComponent
        #expect(FileManager.default.changeCurrentDirectoryPath(parent))
        let loaded = try CaseLoader.load(path: (c.root as NSString).lastPathComponent + "/")
        #expect(loaded.root == URL(fileURLWithPath: c.root).standardizedFileURL.path)
        #expect(loaded.works.count == 1)
    }

    @Test func emptyFileIsAnEmptyDocumentWithAWarning() throws {
        let c = try TempCase()
        try c.write("works/empty.txt", bytes: [])
        try c.write("outputs/bom-only.txt", bytes: [0xEF, 0xBB, 0xBF])
        try c.write("outputs/none.jsonl", bytes: [])
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        #expect(loaded.work("empty")?.text == "")
        #expect(loaded.output("bom-only")?.text == "")
        #expect(loaded.warnings.map(\.path) == ["outputs/bom-only.txt", "outputs/none.jsonl", "works/empty.txt"])
        #expect(loaded.warnings.last?.message == "empty file: loaded as an empty document")
        #expect(loaded.files.count == 3)
    }

    @Test func binaryFileIsAnErrorButHashed() throws {
        let c = try TempCase()
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += (0..<4000).map { UInt8(($0 * 73 + 5) % 256) }
        try c.write("works/image.txt", bytes: png)
        try c.write("works/nuls.txt", bytes: Array(repeating: 0, count: 100) + Array("text".utf8))
        try c.write("outputs/data.jsonl", bytes: png)
        try c.write("works/fine.txt", "fine")
        let loaded = try c.load()
        #expect(loaded.works.map(\.id) == ["fine"])
        #expect(loaded.outputs.isEmpty)
        #expect(loaded.errors.map(\.path) == ["outputs/data.jsonl", "works/image.txt", "works/nuls.txt"])
        #expect(loaded.errors.allSatisfy { $0.message.hasPrefix("binary content:") })
        #expect(loaded.errors.last?.message.hasPrefix("binary content: 100 of the first 104 bytes") == true)
        #expect(loaded.files.count == 4)
    }

    @Test func invalidUTF8DocumentLoadsWithReplacementsAndAWarning() throws {
        let c = try TempCase()
        var bytes = Array("line one\nab".utf8)          // 11 bytes
        bytes += [0xF0, 0x9F, 0x98]                      // one subpart at 11–13
        bytes += Array("cd".utf8)
        bytes += [0xC0, 0xAF]                            // two subparts at 16, 17
        bytes += Array("ef\n".utf8) + Array(repeating: UInt8(ascii: "g"), count: 500)
        try c.write("works/bad.txt", bytes: bytes)
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        let text = try #require(loaded.work("bad")?.text)
        #expect(fffdCount(text) == 3)
        #expect(text.hasPrefix("line one\nab\u{FFFD}cd\u{FFFD}\u{FFFD}ef\n"))
        #expect(loaded.warnings.map(\.path) == ["outputs", "works/bad.txt"])
        #expect(loaded.warnings.first?.message == "folder outputs/ holds no documents")
        let warning = try #require(loaded.warnings.last)
        #expect(warning.path == "works/bad.txt")
        #expect(warning.line == 2)
        #expect(warning.offset == 11)
        #expect(warning.message == "invalid UTF-8: 3 sequences at byte offsets 11–13, 16 and 17 replaced by U+FFFD")
    }

    @Test func byteOrderMarksAndUTF16() throws {
        let c = try TempCase()
        try c.write("works/bom.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("Bom text".utf8))
        try c.write("works/le.txt", bytes: utf16Bytes("Little é 😀", bigEndian: false))
        try c.write("works/be.txt", bytes: utf16Bytes("Big é 😀", bigEndian: true))
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        #expect(loaded.work("bom")?.text == "Bom text")
        #expect(loaded.work("le")?.text == "Little é 😀")
        #expect(loaded.work("be")?.text == "Big é 😀")
        #expect(loaded.files.first(where: { $0.path == "works/le.txt" })?.sha256
            == FileHashing.sha256Hex(utf16Bytes("Little é 😀", bigEndian: false)))
    }

    @Test func crlfAndLoneCRAreKept() throws {
        let c = try TempCase()
        try c.write("works/crlf.txt", "one\r\ntwo\rthree\n")
        try c.write("outputs/o.jsonl", "{\"id\":\"o\",\"output\":\"a\\r\\nb\\rc\"}\r\n")
        let loaded = try c.load()
        let work = try #require(loaded.work("crlf"))
        #expect(work.text == "one\r\ntwo\rthree\n")
        #expect(work.text.unicodeScalars.count == 15)   // CR and LF count as two scalars
        #expect(loaded.output("o")?.text == "a\r\nb\rc")
    }

    @Test func jsonlErrorsNameFileLineAndOffsetAndTheRestLoads() throws {
        let c = try TempCase()
        let lines = [
            "{\"id\":\"a\",\"output\":\"ok\"}",     // 24 bytes + LF
            "this is not json",                   // line 2 at 25
            "",                                   // blank line 3, skipped silently
            "{\"id\":\"b\",\"prompt\":\"p\"}",      // line 4 lacks the text field
            "{\"output\":\"no id\"}",             // line 5 lacks the id: it takes runs.jsonl#5
            "{\"id\":\"c\",\"output\":\"ok\"}",
        ]
        try c.write("outputs/runs.jsonl", lines.joined(separator: "\n") + "\n")
        let loaded = try c.load()
        #expect(loaded.outputs.map(\.id) == ["a", "c", "runs.jsonl#5"])
        #expect(loaded.outputs.map(\.line) == [1, 6, 5])
        #expect(loaded.errors.map(\.line) == [2, 4])
        #expect(loaded.errors.allSatisfy { $0.path == "outputs/runs.jsonl" })
        let lineStarts = [25, 43, 67]
        #expect(loaded.errors[1].offset == lineStarts[1])
        #expect((25..<42).contains(loaded.errors[0].offset ?? -1))
        #expect(loaded.errors[0].message.hasPrefix("not valid JSON"))
        #expect(loaded.errors[1].message.hasPrefix("record has no text field"))
        #expect(loaded.errors[1].description.hasPrefix("outputs/runs.jsonl:4 (byte 43): "))
    }

    @Test func loneSurrogateEscapeLoadsWithWarning() throws {
        let c = try TempCase()
        try c.write("outputs/s.jsonl", "{\"id\":\"s\",\"output\":\"bad \\udc00 here\"}\n")
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        #expect(loaded.output("s")?.text == "bad \u{FFFD} here")
        let warnings = loaded.warnings.filter { $0.path == "outputs/s.jsonl" }
        #expect(warnings.map(\.offset) == [24])
        #expect(warnings.map(\.line) == [1])
    }

    @Test func duplicateIdsAreErrorsAtTheSecondOccurrence() throws {
        let c = try TempCase()
        // Within one file.
        try c.write("outputs/a.jsonl", "{\"id\":\"x\",\"output\":\"first\"}\n{\"id\":\"x\",\"output\":\"second\"}\n")
        // Across files (b.jsonl sorts after a.jsonl), and file name vs JSONL id.
        try c.write("outputs/b.jsonl", "{\"id\":\"x\",\"output\":\"third\"}\n{\"id\":\"y\",\"output\":\"from jsonl\"}\n")
        try c.write("outputs/y.txt", "from file")
        try c.write("works/y.txt", "a work may share an output's id")
        try c.write("works/w.jsonl", "{\"id\":\"v\",\"text\":\"first\"}\n")
        try c.write("works/v.txt", "second")
        let loaded = try c.load()
        #expect(loaded.output("x")?.text == "first")
        #expect(loaded.output("y")?.text == "from jsonl")
        #expect(loaded.outputs.count == 2)
        #expect(loaded.work("y") != nil)
        #expect(loaded.work("v")?.text == "second")   // v.txt sorts before w.jsonl
        let duplicates = loaded.errors.map { "\($0.path):\($0.line.map(String.init) ?? "-")" }
        #expect(duplicates == ["outputs/a.jsonl:2", "outputs/b.jsonl:1", "outputs/y.txt:-", "works/w.jsonl:1"])
        #expect(loaded.errors[0].message == "duplicate output id \"x\" (first in outputs/a.jsonl line 1): not loaded")
        #expect(loaded.errors[0].offset == 28)
        #expect(loaded.errors[2].message == "duplicate output id \"y\" (first in outputs/b.jsonl line 2): not loaded")
        #expect(loaded.errors[3].message == "duplicate work id \"v\" (first in works/v.txt): not loaded")
    }

    /// Tests run as root here, and root reads a chmod 000 file anyway, so an unreadable
    /// file is simulated by a FIFO named like a document (a folder would be a sub-folder,
    /// read like works/); the chmod test runs only when not root. The FIFO has no
    /// writer: loading must not wait for one.
    @Test func unreadableEntryIsAnErrorAndTheRestLoads() throws {
        let c = try TempCase()
        #expect(mkfifo(c.root + "/works/x.txt", 0o644) == 0)
        try c.write("works/ok.txt", "ok")
        let loaded = try c.load()
        #expect(loaded.works.map(\.id) == ["ok"])
        #expect(loaded.errors == [CaseIssue(path: "works/x.txt", message: "cannot read: not a regular file")])
        #expect(loaded.files.map(\.path) == ["works/ok.txt"])
    }

    @Test(.enabled(if: getuid() != 0, "root reads chmod 000 files; covered by the folder-named-x.txt test"))
    func permissionDeniedIsAnError() throws {
        let c = try TempCase()
        try c.write("works/locked.txt", "secret")
        chmod(c.root + "/works/locked.txt", 0)
        defer { chmod(c.root + "/works/locked.txt", 0o644) }
        let loaded = try c.load()
        #expect(loaded.works.isEmpty)
        #expect(loaded.errors.first?.message.hasPrefix("cannot read: ") == true)
    }

    @Test func missingWorksFolderIsAnErrorAndOutputsLoad() throws {
        let c = try TempCase(works: false)
        try c.write("outputs/o.txt", "out")
        let loaded = try c.load()
        #expect(loaded.errors == [CaseIssue(path: "works", message: "folder works/ is missing: no works loaded")])
        #expect(loaded.outputs.map(\.id) == ["o"])
    }

    @Test func otherEntriesAreIgnoredWithAWarning() throws {
        let c = try TempCase()
        try c.write("works/a.TXT", "upper-case extension is fine")
        try c.write("works/notes.docx", "x")
        try c.write("works/.DS_Store", "x")
        try FileManager.default.createDirectory(atPath: c.root + "/outputs/sub", withIntermediateDirectories: false)
        try c.write("outputs/o.txt", "o")
        let loaded = try c.load()
        #expect(loaded.works.map(\.id) == ["a"])
        #expect(loaded.errors.isEmpty)
        // An empty sub-folder is read like works/ and holds nothing: no warning.
        #expect(loaded.warnings.map(\.path) == ["works/notes.docx"])
    }

    @Test func tenMegabyteSingleLineDocumentLoads() throws {
        let c = try TempCase()
        let text = String(repeating: "word ", count: 2_100_000)
        try c.write("works/big.txt", text)
        try c.write("outputs/big.jsonl", "{\"id\":\"big\",\"output\":\"" + text + "\"}\n")
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        #expect(loaded.work("big")?.text.utf8.count == 10_500_000)
        #expect(loaded.output("big")?.text.utf8.count == 10_500_000)
    }

    @Test func metadataKeepsUnknownFieldsInOrder() throws {
        let c = try TempCase()
        try c.write("outputs/o.jsonl",
                    "{\"zz\":1,\"id\":\"o\",\"custom\":{\"b\":[1, 2],\"a\":null},\"output\":\"t\",\"hinted\":true,\"aa\":\"s\"}\n")
        let loaded = try c.load()
        let output = try #require(loaded.output("o"))
        #expect(output.metadata == [
            MetadataEntry(key: "zz", value: "1"),
            MetadataEntry(key: "custom", value: "{\"b\":[1,2],\"a\":null}"),
            MetadataEntry(key: "hinted", value: "true"),
            MetadataEntry(key: "aa", value: "s"),
        ])
    }

    @Test func issuesAreSortedByPathLineOffset() throws {
        let c = try TempCase()
        try c.write("outputs/b.jsonl", "bad\n{\"id\":1}\n")
        try c.write("outputs/a.jsonl", "{\"id\":\"a\"}\n[]\n")
        let loaded = try c.load()
        let order = loaded.errors.map { "\($0.path):\($0.line ?? 0)" }
        #expect(order == ["outputs/a.jsonl:1", "outputs/a.jsonl:2", "outputs/b.jsonl:1", "outputs/b.jsonl:2"])
    }

    @Test func loadingIsDeterministic() throws {
        let c = try TempCase()
        for i in 0..<40 { try c.write("works/w\(i).txt", "work \(i)") }
        let records = (0..<500).map { "{\"id\":\"o\($0 % 450)\",\"output\":\"text \($0)\",\"n\":\($0)}" }
        try c.write("outputs/o.jsonl", records.joined(separator: "\n"))
        let first = try c.load()
        let second = try c.load()
        #expect(first.works == second.works)
        #expect(first.outputs == second.outputs)
        #expect(first.errors == second.errors)
        #expect(first.files == second.files)
        #expect(first.outputs.count == 450)
        #expect(first.errors.count == 50)
    }

    // MARK: case.toml, boilerplate.txt

    @Test func caseTomlValues() throws {
        let c = try TempCase()
        try c.write("case.toml", """
        title = "Doe v. Model"
        description = \"\"\"
        Two lines
        of description.\"\"\"

        [match]
        min_words = 8
        max_gap = 3
        min_identity = 0.85
        echo_words = 4
        boilerplate_works = 5

        [findings]
        substantial_words = 50
        near_exact_identity = 1
        substantial_fraction = 0.2

        [normalize]
        nfkc = false
        case_fold = false
        quotes = false
        invisibles = false
        hyphens = false
        cjk_chars = false

        [annotations]
        tags = ["key", "exclude"]

        """)
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        #expect(loaded.warnings.filter { $0.path == "case.toml" }.isEmpty)
        let s = loaded.settings
        #expect(s.title == "Doe v. Model")
        #expect(s.description == "Two lines\nof description.")
        #expect(s.match.minWords == 8)
        #expect(s.match.maxGap == 3)
        #expect(s.match.minIdentity == 0.85)
        #expect(s.match.echoWords == 4)
        #expect(s.match.boilerplateWorks == 5)
        #expect(s.findings.substantialWords == 50)
        #expect(s.findings.nearExactIdentity == 1)
        #expect(s.findings.substantialFraction == 0.2)
        #expect(s.normalize == { var n = NormalizationOptions(); n.nfkc = false; n.caseFold = false; n.quotes = false
            n.invisibles = false; n.hyphens = false; n.cjkChars = false; return n }())
        #expect(s.tags == ["key", "exclude"])
        #expect(loaded.title == "Doe v. Model")
    }

    @Test func badCaseTomlValuesAreErrorsAndDefaultsStay() throws {
        let c = try TempCase()
        try c.write("case.toml", "title = \"T\"\r\n\r\n[match]\r\nmin_words = \"six\"\r\nmax_gap = 1\r\nmin_identity = 1.5\r\nmin_word = 3\r\n\r\n[normalize]\r\nnfkc = 1\r\n")
        let loaded = try c.load()
        #expect(loaded.settings.title == "T")
        #expect(loaded.settings.match.minWords == 6)
        #expect(loaded.settings.match.maxGap == 1)
        #expect(loaded.settings.match.minIdentity == 0.8)
        #expect(loaded.settings.normalize.nfkc == true)
        #expect(loaded.errors.map(\.line) == [4, 6, 10])
        #expect(loaded.errors[0].message == "match.min_words must be an integer from 1 to 1000, not the string \"six\"; the default is used")
        #expect(loaded.errors[0].offset == 24)   // start of line 4: 13 + 2 + 9 bytes
        let tomlWarnings = loaded.warnings.filter { $0.path == "case.toml" }
        #expect(tomlWarnings.map(\.line) == [7])
        #expect(tomlWarnings.first?.message == "unknown key match.min_word, ignored")
    }

    @Test func tomlSyntaxErrorIsAnErrorWithLineAndDefaultsAreUsed() throws {
        let c = try TempCase()
        try c.write("case.toml", "title = \"T\"\n[match]\nmin_words = = 3\n")
        try c.write("works/a.txt", "a")
        let loaded = try c.load()
        #expect(loaded.settings == CaseSettings())
        #expect(loaded.errors.count == 1)
        let error = try #require(loaded.errors.first)
        #expect(error.path == "case.toml")
        #expect(error.line == 3)
        #expect((20...35).contains(error.offset ?? -1))
        #expect(error.message.hasPrefix("not valid TOML"))
        #expect(loaded.works.count == 1)
        #expect(loaded.files.map(\.path) == ["case.toml", "works/a.txt"])
    }

    @Test func boilerplateLinesKeepTheirNumbers() throws {
        let c = try TempCase()
        try c.write("boilerplate.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("First span here\r\n\r\n  \nSecond span\nThird".utf8))
        let loaded = try c.load()
        #expect(loaded.boilerplate.map(\.line) == [1, 4, 5])
        #expect(loaded.boilerplate.map(\.text) == ["First span here", "Second span", "Third"])
    }

    // MARK: The real case

    static let recap = "/work/shared/cases/recap-novels"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: recap),
                   "the real case /work/shared/cases/recap-novels is not on this machine"))
    func recapNovelsLoads() throws {
        let loaded = try CaseLoader.load(path: Self.recap)
        #expect(loaded.errors.isEmpty, "\(loaded.errors)")
        #expect(loaded.works.map(\.id) == ["a-christmas-carol", "alices-adventures-in-wonderland"])
        #expect(loaded.outputs.count == 868)
        #expect(loaded.outputs.allSatisfy { $0.metadata("hinted") == "true" || $0.metadata("hinted") == "false" })
        #expect(loaded.outputs.allSatisfy { $0.prompt != nil && $0.model != nil })
        #expect(loaded.works.allSatisfy { !$0.text.hasPrefix("\u{FEFF}") })
        #expect(loaded.works[0].text.hasPrefix("PREFACE"))
        #expect(loaded.settings.title == "Two novels vs. five models (RECAP extraction outputs)")
        #expect(loaded.files.count == 8)
        let first = try #require(loaded.outputs.first)
        #expect(first.metadata.map(\.key) == ["model", "method", "work", "attempt", "technique", "hinted", "chapter", "event"])
    }
}
