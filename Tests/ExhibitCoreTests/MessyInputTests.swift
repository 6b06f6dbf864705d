import Foundation
import Testing
@testable import ExhibitCore

/// Messy real input (SPEC §1): short texts with invalid UTF-8 or NULs are text, known
/// binary formats are named, Windows-1252 is decoded with a notice, double encoding is
/// reported, JSONL records without ids keep their line, empty documents are listed.
/// Every file is written byte for byte; the figures are counted by hand.
@Suite struct MessyInputTests {
    /// Tokens of a loaded document with the case's settings.
    static func tokens(_ text: String) -> TokenizedText { Tokenizer().tokenize(text) }

    static func mkdir(_ c: TempCase, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: c.root + "/" + path, withIntermediateDirectories: true)
    }

    // MARK: Point 2: text is text, however short

    /// 160 bytes: "The harbor lights were " (23 bytes), E2 80 (a three-byte sequence cut
    /// short), " dim and the old " (17), FF (never UTF-8), " keeper slept; " (15),
    /// ED A0 80 (an encoded surrogate: three maximal subparts), then 100 ASCII bytes.
    static let damaged: [UInt8] = Array("The harbor lights were ".utf8) + [0xE2, 0x80]
        + Array(" dim and the old ".utf8) + [0xFF] + Array(" keeper slept; ".utf8) + [0xED, 0xA0, 0x80]
        + Array(" nobody saw the ship come in. The tide turned at nine and the boats lay still. A gull cried at dawn".utf8)

    @Test func aShortFileWithThreeInvalidSequencesLoads() throws {
        #expect(Self.damaged.count == 160)
        let c = try TempCase()
        try c.write("works/harbor.txt", bytes: Self.damaged)
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        let text = try #require(loaded.work("harbor")).text
        let scalars = Array(text.unicodeScalars)
        // 160 bytes - 6 invalid bytes + 5 replacement characters = 159 scalars.
        #expect(scalars.count == 159)
        #expect(scalars.indices.filter { scalars[$0] == "\u{FFFD}" } == [23, 41, 57, 58, 59])
        let warning = try #require(loaded.warnings.first { $0.path == "works/harbor.txt" })
        #expect(warning.line == 1 && warning.offset == 23)
        #expect(warning.message == "invalid UTF-8: 5 sequences at byte offsets 23–24, 42, 58, 59 and 60 replaced by U+FFFD")
        // 4 + 4 + 2 + 10 + 11 words; U+FFFD separates "were" from "dim", "old" from "keeper".
        let t = Self.tokens(text)
        #expect(t.count == 31)
        #expect(t.tokens[3] == "were" && t.starts[3] == 18 && t.ends[3] == 22)
        #expect(t.tokens[4] == "dim" && t.starts[4] == 25 && t.ends[4] == 28)
        #expect(t.tokens[8] == "keeper" && t.starts[8] == 43 && t.ends[8] == 49)
        #expect(t.tokens[10] == "nobody" && t.starts[10] == 61)
    }

    @Test func twoNULsAreSeparatorsNotBinary() throws {
        let c = try TempCase()
        // "alpha" NUL "beta gamma" NUL "delta": 23 bytes, 2 NULs (8.7 %, under 10 %).
        let bytes = Array("alpha".utf8) + [0] + Array("beta gamma".utf8) + [0] + Array("delta".utf8)
        try c.write("works/nul.txt", bytes: bytes)
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        let text = try #require(loaded.work("nul")).text
        #expect(text.unicodeScalars.filter { $0 == "\u{0}" }.count == 2)
        let t = Self.tokens(text)
        #expect(t.tokens == ["alpha", "beta", "gamma", "delta"])
        #expect(t.starts == [0, 6, 11, 17] && t.ends == [5, 10, 16, 22])
        // Shown as a visible mark, never raw.
        #expect(!VisibleText.escaped(text).unicodeScalars.contains("\u{0}"))
    }

    @Test func moreThanTenPercentNULsIsBinary() throws {
        // 3 NULs in 20 bytes = 15 %.
        let bytes = Array("abcdefg".utf8) + [0, 0, 0] + Array("hijklmnopq".utf8)
        #expect(throws: BinaryContentError(reason: .nulBytes(count: 3, window: 20), encoding: .utf8)) {
            try TextDecoding.decode(bytes)
        }
        // 2 NULs in 20 bytes = exactly 10 %: not more, so text.
        let ten = Array("abcdefgh".utf8) + [0, 0] + Array("hijklmnopq".utf8)
        #expect(try TextDecoding.decode(ten).text.unicodeScalars.count == 20)
    }

    @Test func knownSignaturesNameTheFormatAndTheWayOut() throws {
        let cases: [([UInt8], String, String)] = [
            (Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8), "PDF document", "pdftotext"),
            ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8), "ZIP archive (also DOCX", "pandoc"),
            ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "PNG image", "tesseract"),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array("JFIF".utf8), "JPEG image", "OCR"),
            (Array("GIF89a".utf8) + [1, 0, 1, 0], "GIF image", "no text"),
            ([0x1F, 0x8B, 0x08, 0x00], "gzip-compressed file", "gunzip"),
            ([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0], "ELF executable", "not a text"),
        ]
        for (bytes, format, advice) in cases {
            do {
                _ = try TextDecoding.decode(bytes)
                Issue.record("\(format) decoded as text")
            } catch {
                #expect(error.description.hasPrefix("binary content: a \(format)"), "\(error.description)")
                #expect(error.description.contains(advice), "\(error.description)")
            }
        }
        // A text that merely starts with "PK" or "%PD" is text.
        #expect(try TextDecoding.decode(Array("PK is a text, %PDF is too".utf8)).text.hasPrefix("PK"))
    }

    @Test func aBinaryWorkIsAnErrorNamingTheFormat() throws {
        let c = try TempCase()
        try c.write("works/brief.txt", bytes: Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x41, count: 50))
        let loaded = try c.load()
        #expect(loaded.works.isEmpty)
        #expect(loaded.errors.map(\.path) == ["works/brief.txt"])
        #expect(loaded.errors.first?.message
            == "binary content: a PDF document, not a text file; extract its text first, e.g. pdftotext -layout FILE.pdf FILE.txt")
    }

    // MARK: Point 3: legacy encodings

    /// `He didn’t say “why”—she left café` in Windows-1252: ’ 0x92, “ 0x93, ” 0x94,
    /// — 0x97, é 0xE9. 33 bytes, 33 scalars.
    static let cp1252: [UInt8] = Array("He didn".utf8) + [0x92] + Array("t say ".utf8) + [0x93] + Array("why".utf8)
        + [0x94, 0x97] + Array("she left caf".utf8) + [0xE9]

    @Test func windows1252IsDecodedWithANotice() throws {
        #expect(Self.cp1252.count == 33)
        let c = try TempCase()
        try c.write("works/memo.txt", bytes: Self.cp1252)
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        let text = try #require(loaded.work("memo")).text
        #expect(text == "He didn\u{2019}t say \u{201C}why\u{201D}\u{2014}she left caf\u{E9}")
        #expect(text.unicodeScalars.count == 33)
        #expect(loaded.warnings.filter { $0.path == "works/memo.txt" }.map(\.message) == [
            "decoded as Windows-1252: not valid UTF-8, and nothing in it looks like UTF-8 (declare it in case.toml [encoding] to be sure)",
        ])
        // didn’t stays one word; the em dash separates "why" and "she".
        let t = Self.tokens(text)
        #expect(t.tokens == ["he", "didn't", "say", "why", "she", "left", "café"])
        #expect(t.starts == [0, 3, 10, 15, 20, 24, 29] && t.ends == [2, 9, 13, 18, 23, 28, 33])
    }

    @Test func windows1252OffsetsMapBackToFileBytes() throws {
        let decoded = try TextDecoding.decode(Self.cp1252)
        #expect(decoded.encoding == .windows1252 && decoded.guessedLegacyEncoding)
        // "t" after ’: scalar 8; UTF-8 offset 7 + 3 = 10; file byte 8.
        #expect(decoded.fileOffset(ofUTF8Offset: 10) == 8)
        // é is scalar and file byte 32; its UTF-8 starts at 32 + 2·4 = 40 (four 3-byte marks before it).
        #expect(decoded.fileOffset(ofUTF8Offset: 40) == 32)
    }

    @Test func somethingThatLooksLikeUTF8IsNotGuessedAsWindows1252() throws {
        // "caf" C3 A9 (a real é) then a stray 0x92: not valid UTF-8, but C3 A9 looks like
        // UTF-8, so it stays UTF-8 with one replacement.
        let bytes = Array("caf".utf8) + [0xC3, 0xA9] + Array(" didn".utf8) + [0x92] + Array("t".utf8)
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.encoding == .utf8 && !decoded.guessedLegacyEncoding)
        #expect(decoded.text == "caf\u{E9} didn\u{FFFD}t")
        #expect(decoded.replaced.map(\.bytes) == [10..<11])
        // An undefined Windows-1252 byte (0x81) also rules the guess out.
        let undefined = Array("caf".utf8) + [0xE9, 0x81]
        #expect(try TextDecoding.decode(undefined).encoding == .utf8)
    }

    @Test func caseTomlDeclaresEncodingsPerFileOrFolder() throws {
        let c = try TempCase()
        try Self.mkdir(c, "works/old")
        // In works/old (declared windows-1252): C3 A9 is "Ã©", not é.
        try c.write("works/old/a.txt", bytes: Array("caf".utf8) + [0xC3, 0xA9])
        // Declared utf-8 for one file: 0x92 becomes U+FFFD, no guess.
        try c.write("works/b.txt", bytes: Array("didn".utf8) + [0x92] + Array("t".utf8))
        // No declaration: guessed.
        try c.write("works/c.txt", bytes: Array("didn".utf8) + [0x92] + Array("t".utf8))
        // A byte-order mark beats the declaration.
        try c.write("works/old/bom.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("caf".utf8) + [0xC3, 0xA9])
        try c.write("case.toml", """
            [encoding]
            "works/old" = "windows-1252"
            "./works/b.txt" = "utf-8"
            "../elsewhere" = "utf-8"
            "works/c.txt" = "latin-9"

            """)
        let loaded = try c.load()
        #expect(loaded.work("old/a")?.text == "caf\u{C3}\u{A9}")
        #expect(loaded.work("old/bom")?.text == "caf\u{E9}")
        #expect(loaded.work("b")?.text == "didn\u{FFFD}t")
        #expect(loaded.work("c")?.text == "didn\u{2019}t")
        #expect(loaded.errors.map(\.message) == [
            "encoding.../elsewhere names a path outside works/ and outputs/, not the string \"utf-8\"; the default is used",
            "encoding.works/c.txt must be utf-8 or windows-1252, not the string \"latin-9\"; the default is used",
        ])
        let notices = loaded.warnings.filter { $0.message.hasPrefix("decoded as Windows-1252") }.map(\.path)
        #expect(notices == ["works/c.txt"])
        // The declared Windows-1252 file holds a double-encoded-looking pair: reported.
        #expect(loaded.warnings.contains { $0.path == "works/old/a.txt" && $0.message.contains("1 such sequence;") })
    }

    @Test func doubleEncodedTextIsCountedNotRepaired() throws {
        let c = try TempCase()
        // UTF-8 of "didnâ€™t say cafÃ© twice: â€™" (three double-encoded sequences).
        let text = "didn\u{E2}\u{20AC}\u{2122}t say caf\u{C3}\u{A9} twice: \u{E2}\u{20AC}\u{2122}"
        try c.write("outputs/o.txt", text)
        let loaded = try c.load()
        #expect(loaded.output("o")?.text == text)  // kept as is
        let warning = try #require(loaded.warnings.first { $0.path == "outputs/o.txt" })
        #expect(warning.message
            == "looks double-encoded (UTF-8 read once as Windows-1252, e.g. â€™ for ’): 3 such sequences; kept as is, not repaired")
        #expect(warning.line == 1 && warning.offset == 4)
        #expect(DoubleEncoding.sequences(in: text).map(\.scalars) == [4..<7, 16..<18, 26..<29])
        // Ordinary accented text is not double-encoded.
        #expect(DoubleEncoding.sequences(in: "café déjà vu, Ångström, naïve").isEmpty)
    }

    /// The figures follow: a Windows-1252 work (rejected before) is matched by a UTF-8
    /// output word for word.
    @Test func aWindows1252WorkIsMatchedByAUTF8Output() throws {
        let c = try TempCase()
        // 62 bytes, 62 scalars, 13 words: he didn't say why she left the harbor before the storm came in.
        try c.write("works/memo.txt", bytes: Array("He didn".utf8) + [0x92]
                    + Array("t say why she left the harbor before the storm came in".utf8))
        // "Reporter: " (10 scalars), then the same 13 words with a straight apostrophe: 14 words, 73 scalars.
        try c.write("outputs/o.txt", "Reporter: He didn't say why she left the harbor before the storm came in.")
        let kase = try c.load()
        let result = try Scanner.scan(kase, options: ScanOptions(settings: kase.settings))
        let pair = try #require(result.pairs.first)
        #expect(result.pairs.count == 1 && pair.passages.count == 1)
        #expect(pair.matchedWords == 13)
        #expect(pair.workCoverage == 1.0)
        #expect(pair.outputCoverage == 13.0 / 14.0)
        let passage = pair.passages[0]
        #expect(passage.workScalars == 0..<62 && passage.outputScalars == 10..<72)
        #expect(passage.identity == 1.0)
    }

    // MARK: Point 5: numbers keep their hyphen apart

    @Test func aPageRangeWithAnEnDashIsTheSameWords() throws {
        let c = try TempCase()
        // 14 words each: the report on pages 10 12 was copied in full by the model here.
        try c.write("works/w.txt", "The report on pages 10-12 was copied in full by the model here.")
        try c.write("outputs/o.txt", "The report on pages 10\u{2013}12 was copied in full by the model here.")
        let kase = try c.load()
        let result = try Scanner.scan(kase, options: ScanOptions(settings: kase.settings))
        let pair = try #require(result.pairs.first)
        // Before, the work's "1012" against the output's "10" "12" was a changed word.
        #expect(pair.passages.count == 1)
        #expect(pair.matchedWords == 14 && pair.passages[0].identity == 1.0)
        #expect(pair.passages[0].workScalars == 0..<62 && pair.passages[0].outputScalars == 0..<62)
        #expect(result.workTokens[0].count == 14)
    }

    @Test func everyDoubleEncodedCharacterIsCountedOnce() {
        // UTF-8 read as Windows-1252 (undefined bytes kept as their C1 code points, as
        // lenient decoders do): each non-ASCII character becomes exactly one sequence.
        func mojibake(_ s: String) -> String {
            var out = String.UnicodeScalarView()
            for b in s.utf8 { out.append(Unicode.Scalar(Windows1252.scalar(of: b) ?? UInt32(b))!) }
            return String(out)
        }
        var rng = SeededGenerator(seed: 0x5EED_0008)
        let pieces = ["a", " ", "didn", "\u{2019}", "\u{E9}", "\u{2014}", "\u{20AC}", "\u{FC}", "\u{1F600}", "\u{141}",
                      "\u{151}", "\u{4E2D}", "\u{D55C}", "\u{90}", "\u{10FFFD}"]
        for round in 0..<2000 {
            let s = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let expected = s.unicodeScalars.filter { $0.value >= 0x80 }.count
            #expect(DoubleEncoding.sequences(in: mojibake(s)).count == expected, "round \(round): \(s.debugDescription)")
        }
    }

    // MARK: Point 4: JSONL without ids, exact numeric ids

    @Test func recordsWithoutIdsTakeFileAndLine() throws {
        let c = try TempCase()
        try Self.mkdir(c, "outputs/runs")
        let lines = [
            #"{"id": 9007199254740993, "output": "first"}"#,
            #"{"id": 9007199254740992, "output": "second"}"#,
            #"{"output": "a lone line without an id"}"#,
            "",
            #"{"id": 12345678901234567890, "output": "twenty digits"}"#,
            #"{"id": null, "output": "null id"}"#,
        ]
        try c.write("outputs/outputs.jsonl", lines.joined(separator: "\n") + "\n")
        try c.write("outputs/runs/a.jsonl", #"{"output": "in a sub-folder"}"# + "\n")
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        #expect(loaded.outputs.map(\.id) == [
            "12345678901234567890", "9007199254740992", "9007199254740993",
            "outputs.jsonl#3", "outputs.jsonl#6", "runs/a.jsonl#1",
        ])
        let lone = try #require(loaded.output("outputs.jsonl#3"))
        #expect(lone.line == 3 && lone.text == "a lone line without an id")
        #expect(lone.source == "outputs/outputs.jsonl#outputs.jsonl#3")
        #expect(loaded.output("runs/a.jsonl#1")?.path == "outputs/runs/a.jsonl")
    }

    // MARK: Point 7: empty and blank documents

    @Test func emptyAndBlankDocumentsAreListed() throws {
        let c = try TempCase()
        try c.write("works/empty.txt", "")
        try c.write("works/blank.txt", " \n\t \r\n")
        try c.write("works/full.txt", "words here")
        let lines = [#"{"id": "a", "output": "text"}"#, #"{"id": "b", "output": ""}"#, #"{"id": "c", "output": "  \n "}"#]
        try c.write("outputs/o.jsonl", lines.joined(separator: "\n"))
        let loaded = try c.load()
        #expect(loaded.works.count == 3 && loaded.outputs.count == 3)  // listed, loaded, not dropped
        let found = loaded.warnings.map { "\($0)" }
        // Line 2 starts after 29 bytes + LF; line 3 after 29 + 1 + 25 + 1.
        #expect(found == [
            "outputs/o.jsonl:2 (byte 30): output \"b\" is empty: it has no words",
            "outputs/o.jsonl:3 (byte 56): output \"c\" is blank (white space only): it has no words",
            "works/blank.txt: work \"blank\" is blank (white space only): it has no words",
            "works/empty.txt: empty file: loaded as an empty document",
        ])
    }

    // MARK: Sub-folders and symbolic links

    @Test func worksMayBeALinkToACorpusElsewhere() throws {
        let corpus = NSTemporaryDirectory() + "exhibit-corpus-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: corpus + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        try "a corpus text".write(toFile: corpus + "/sub/a.txt", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: corpus + "/b.txt", withDestinationPath: "sub/a.txt")
        let c = try TempCase(works: false)
        try FileManager.default.createSymbolicLink(atPath: c.root + "/works", withDestinationPath: corpus)
        let loaded = try c.load()
        #expect(loaded.errors.isEmpty)
        #expect(loaded.works.map(\.id) == ["b", "sub/a"])
    }

    @Test func subFoldersGiveIdsAndLinksOutsideOrLoopingAreNotFollowed() throws {
        let c = try TempCase()
        try Self.mkdir(c, "works/old")
        try Self.mkdir(c, "works/new")
        try Self.mkdir(c, "notes")
        try c.write("works/old/chapter-1.txt", "old text")
        try c.write("works/new/chapter-1.txt", "new text")
        try c.write("notes/inside.txt", "inside the case")
        let outside = NSTemporaryDirectory() + "exhibit-outside-\(UUID().uuidString).txt"
        try "outside".write(toFile: outside, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: c.root + "/works/inside.txt", withDestinationPath: "../notes/inside.txt")
        try fm.createSymbolicLink(atPath: c.root + "/works/outside.txt", withDestinationPath: outside)
        try fm.createSymbolicLink(atPath: c.root + "/works/self.txt", withDestinationPath: "self.txt")
        try fm.createSymbolicLink(atPath: c.root + "/works/old/up", withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: c.root + "/works/escape", withDestinationPath: "/")
        let loaded = try c.load()
        #expect(loaded.works.map(\.id) == ["inside", "new/chapter-1", "old/chapter-1"])
        #expect(loaded.work("old/chapter-1")?.path == "works/old/chapter-1.txt")
        #expect(loaded.errors.map { "\($0)" } == [
            "works/escape: symbolic link points outside the case folder: not followed",
            "works/old/up: symbolic link loops back to a folder it is in: not followed",
            "works/outside.txt: symbolic link points outside the case folder: not followed",
            "works/self.txt: symbolic link loops (too many levels of links): not followed",
        ])
    }
}
