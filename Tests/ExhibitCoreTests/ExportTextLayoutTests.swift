import Foundation
import Testing
@testable import ExhibitCore

/// Column widths, wrapping and escaping of the plain-text and Markdown formats.
@Suite struct ExportTextLayoutTests {
    static func seg(_ text: String, _ label: TokenLabel = .outside) -> StyledSegment {
        StyledSegment(text: text, label: label, scalars: 0..<0)
    }

    @Test func displayWidth() {
        #expect(DisplayWidth.columns("abc") == 3)
        #expect(DisplayWidth.columns("京都の橋") == 8)
        #expect(DisplayWidth.columns("e\u{301}") == 1)   // e + combining acute
        #expect(DisplayWidth.columns("ｱ") == 1)          // halfwidth katakana
        #expect(DisplayWidth.columns("Ａ") == 2)          // fullwidth A
    }

    @Test func wrapsAtSpacesWithoutCuttingWords() {
        let w = TextWrapper(width: 11, keepLineBreaks: false, markup: .plain)
        #expect(w.lines([Self.seg("the cable that feeds the old lighthouse")]) == ["the cable", "that feeds", "the old", "lighthouse"])
        // A word wider than the line is the one thing cut.
        #expect(TextWrapper(width: 8, keepLineBreaks: false, markup: .plain).lines([Self.seg("abcdefghijkl")])
                == ["abcdefgh", "ijkl"])
    }

    @Test func wideCharactersCountTwoAndMayBreakAnywhere() {
        let w = TextWrapper(width: 8, keepLineBreaks: false, markup: .plain)
        #expect(w.lines([Self.seg("京都の古い橋が百年")]) == ["京都の古", "い橋が百", "年"])
    }

    @Test func markersCloseAtLineEndsAndReopen() {
        let w = TextWrapper(width: 16, keepLineBreaks: false, markup: .markers)
        let lines = w.lines([Self.seg("for the first time", .verbatim), Self.seg(" in ", .outside), Self.seg("ninety", .changed)])
        // "[[for the first]]" would be 17 columns.
        #expect(lines == ["[[for the]]", "[[first time]]", "in {ninety}"])
        #expect(lines.allSatisfy { DisplayWidth.columns($0) <= 16 })
    }

    @Test func lineBreaksAreKeptOrReflowed() {
        let text = [Self.seg("one\ntwo\n\nthree")]
        #expect(TextWrapper(width: 40, keepLineBreaks: true, markup: .plain).lines(text) == ["one", "two", "", "three"])
        #expect(TextWrapper(width: 40, keepLineBreaks: false, markup: .plain).lines(text) == ["one two", "", "three"])
    }

    @Test func literalMarkerCharactersAreEscaped() {
        let w = TextWrapper(width: 80, keepLineBreaks: false, markup: .markers)
        #expect(w.lines([Self.seg("a [[b]] {c} <<d>> ~e\\", .outside)]) == ["a \\[\\[b\\]\\] \\{c\\} \\<\\<d\\>\\> \\~e\\\\"])
        #expect(w.lines([Self.seg("x\u{1B}y ␛", .verbatim)]) == ["[[x␛y \\␛]]"])   // the literal ␛ is escaped, the mark is not
        #expect(TextMarkers.inline([Self.seg("go", .verbatim), Self.seg(" ", .outside), Self.seg("{x}", .changed)]) == "[[go]] {\\{x\\}}")
    }

    @Test func visibleTextShowsControlsAndBidi() {
        // A lone CR is a line break, as on screen (never a raw CR, never ␍ in exports).
        #expect(VisibleText.escaped("a\u{1B}[31mb\r\nc\rd\u{202E}e\u{85}", keepLayout: true) == "a␛[31mb\nc\nd⟨U+202E⟩e⟨U+0085⟩")
        #expect(VisibleText.escaped("a\rb") == "a b")
        #expect(VisibleText.escaped("a\n\tb") == "a b")
        #expect(VisibleText.escaped("a\r\nb\u{2067}c\u{9B}") == "a b⟨U+2067⟩c⟨U+009B⟩")
    }

    /// HTML and Markdown box control pictures as the ASCII they depict, since common fonts
    /// lack the Control Pictures block; other marks stay as they are.
    @Test func boxedMarksNeedNoSymbolFont() {
        #expect(VisibleText.abbreviation(ofMark: "␛")! == ("ESC", "U+001B"))
        #expect(VisibleText.abbreviation(ofMark: "␀")! == ("NUL", "U+0000"))
        #expect(VisibleText.abbreviation(ofMark: "␍")! == ("CR", "U+000D"))
        #expect(VisibleText.abbreviation(ofMark: "␡")! == ("DEL", "U+007F"))
        #expect(VisibleText.abbreviation(ofMark: "⟨U+202E⟩") == nil)
        #expect(HTMLFormat.escape("a\u{1B}b<\u{202E}") == "a<span class=\"ctl\" title=\"U+001B\">ESC</span>b&lt;<span class=\"ctl\">⟨U+202E⟩</span>")
        #expect(HTMLFormat.attribute("a\u{1B}b") == "a␛b")
        #expect(MarkdownFormat.inline("*\u{7}") == "\\*<kbd title=\"U+0007\">BEL</kbd>")
    }

    /// The summary and `scan --csv` use the same marks as the exports, bidi controls included.
    @Test func summaryAndScanCSVShowBidiControls() throws {
        let work = MatchingTests.work100
        let out = "x\u{202E}y " + MatchingTests.words("w", 10..<20)
        var settings = CaseSettings()
        settings.title = "T\u{202E}itle\u{1B}[2J"
        let kase = Case(root: "/mem/case", settings: settings,
                        works: [Document(id: "W", role: .work, path: "works/W.txt", text: work)],
                        outputs: [MatchingTests.output("o\u{2066}", out)])
        let r = try Scanner.scan(kase, options: ScanOptions())
        let summary = SummaryTable.text(case: kase, result: r)
        #expect(summary.hasPrefix("Exhibit 0.1.0 — T⟨U+202E⟩itle␛[2J\n"))
        #expect(summary.contains("o⟨U+2066⟩") && !summary.unicodeScalars.contains { VisibleText.isBidiControl($0) })
        let csv = try CSVReport.csv(case: kase, result: r)
        #expect(csv.contains("o⟨U+2066⟩") && !csv.unicodeScalars.contains { VisibleText.isBidiControl($0) })
    }

    @Test func markdownEscapesBlockStartsAndInlineMarkup() {
        #expect(MarkdownFormat.inline("*a* _b_ [c](d) <e> & | ~ $x$ `f`") == "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\& \\| \\~ \\$x\\$ \\`f\\`")
        let c = ExportContent(
            kind: .annotations, title: "t", provenance: try! Self.provenance(), summary: [], flags: [],
            excerpts: [ExportExcerpt(heading: "h", figures: [], primary: ExportSide(
                role: .work, documentID: "w", source: "works/w.txt", caption: "Work w", scalars: 0..<1, tokens: 0..<0,
                figures: [], segments: [Self.seg("# Title\n\n1. item\n\n- dash", .outside)], notes: []), counterparts: [])],
            passageRows: [], annotationRows: [])
        let md = MarkdownFormat.render(c)
        #expect(md.contains("> \\# Title\n>\n> 1\\. item\n>\n> \\- dash\n"))
    }

    static func provenance() throws -> ExportProvenance {
        let r = try ExportFixture.scan()
        return ExportProvenance(case: ExportFixture.kase, result: r, subject: "s", documents: [], options: ExportFixture.options(),
                                annotationsShown: 0)
    }

    @Test func caseDigestIsTheSha256sumListingHashed() {
        // printf '%s  %s\n' 1111…(64) works/a.txt | sha256sum
        let files = [CaseFile(path: "works/a.txt", sha256: String(repeating: "1", count: 64))]
        #expect(ExportProvenance.digest(files) == "7732c2943471cd63589ae2372ac3fd3f1d67b49650e1fc48727f7136138a6318")
        #expect(ExportProvenance.digest([]) == nil)
    }
}

/// Issue 9, points 7 and 8: exports keep the text's shape; names from case data are never paths.
@Suite struct ExportShapeTests {
    static func seg(_ s: String, _ l: TokenLabel) -> StyledSegment {
        StyledSegment(text: s, label: l, scalars: 0..<s.unicodeScalars.count)
    }

    @Test func csvCellsKeepLineBreaksQuotedAndExcelGetsABOM() throws {
        let cell = TextMarkers.inline([Self.seg("first line\r\nsecond\rthird", .verbatim)], keepLayout: true)
        #expect(cell == "[[first line\nsecond\nthird]]")
        let csv = try CSVReport.write(rows: [["a", cell]])
        // RFC 4180 §2.6: a field with a line break is quoted, the break kept inside.
        #expect(csv == "a,\"[[first line\nsecond\nthird]]\"\n")
        #expect(!csv.contains("\r"))
    }

    @Test func byteOrderMarkOnlyWhenAsked() throws {
        let kase = try CaseLoader.load(path: Fixtures.demoCase)
        let result = try Scanner.scan(kase, options: ScanOptions(settings: kase.settings))
        let sel = ExportSelection.pair(work: "harbor-lights", output: "o-extract-harbor", passage: nil)
        let plain = try Exporter.render(ExportRequest(selection: sel, format: .csv), case: kase, result: result)
        let excel = try Exporter.render(ExportRequest(selection: sel, format: .csv, options: ExportOptions(byteOrderMark: true)),
                                        case: kase, result: result)
        #expect(!plain.hasPrefix("\u{FEFF}"))
        #expect(Array(excel.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(excel.unicodeScalars.dropFirst().elementsEqual(plain.unicodeScalars))
        // The demo's work excerpt is hard-wrapped: the CSV cell keeps its line breaks.
        #expect(plain.contains("\"for the first time\nin ninety years"))
        // Markdown keeps them as <br>, HTML marks the text dir="auto".
        let md = try Exporter.render(ExportRequest(selection: sel, format: .markdown), case: kase, result: result)
        #expect(md.contains("for the first time<br>in ninety years"))
        let html = try Exporter.render(ExportRequest(selection: sel, format: .html), case: kase, result: result)
        #expect(html.contains("<div class=\"text\" dir=\"auto\">"))
        #expect(html.contains("unicode-bidi: plaintext"))
    }

    @Test(arguments: ["../../etc/passwd", "/abs/path", "..", ".hidden", "a\u{1B}[31m\u{0}b", "CON", "nul.txt", "", "日本/語",
                      String(repeating: "x/", count: 200)])
    func exportNamesNeverClimbOutOfExports(id: String) {
        for selection in [ExportSelection.pair(work: id, output: id, passage: 2), .work(id), .annotations(tag: id)] {
            let name = Exporter.defaultFileName(ExportRequest(selection: selection, format: .html))
            #expect(!name.contains("/") && !name.contains("\\"))
            #expect(!name.hasPrefix("."))
            #expect(!name.contains(".."))
            #expect(name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F })
            #expect(name.utf8.count <= 255)
            let path = "/case/exports/" + name
            #expect(URL(fileURLWithPath: path).standardized.path.hasPrefix("/case/exports/"))
        }
        #expect(Exporter.safe("CON") == "CON_" && Exporter.safe("nul.txt") == "nul.txt_" && Exporter.safe("..") == "_")
    }

    @Test func aMultiLineNoteKeepsItsLinesInEveryFormat() throws {
        let kase = try CaseLoader.load(path: Fixtures.demoCase)
        let result = try Scanner.scan(kase, options: ScanOptions(settings: kase.settings))
        let source = try #require(kase.outputs.first { $0.id == "o-extract-harbor" }).source
        let note = ExportAnnotation(source: source, scalars: 0..<40, tag: "key-passage",
                                    note: "first line\r\nsecond line\rthird line", creator: "c", created: "2026-01-01")
        let sel = ExportSelection.pair(work: "harbor-lights", output: "o-extract-harbor", passage: nil)
        func render(_ f: ExportFormat) throws -> String {
            try Exporter.render(ExportRequest(selection: sel, format: f, options: ExportOptions(annotations: [note])),
                                case: kase, result: result)
        }
        let text = try render(.text)
        #expect(text.contains("first line\n") && text.contains("second line\n"))
        #expect(!text.contains("\r"))
        #expect(try render(.markdown).contains("first line<br>second line<br>third line"))
        #expect(try render(.html).contains("first line<br>second line<br>third line"))
        #expect(try render(.csv).contains("first line\nsecond line\nthird line"))
    }
}
