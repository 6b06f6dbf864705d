import Foundation
import Testing
@testable import ExhibitCore

/// Case text is data: an output holding `<script>alert(1)</script>`,
/// `=HYPERLINK("http://x","y")`, an ANSI escape `ESC[31m` and a right-to-left override
/// exports inert in every format. The output's id and an annotation's note and tag
/// carry such text too, so headers, file names and CSV cells are covered.
@Suite struct ExportInjectionTests {
    static let script = "<script>alert(1)</script>"
    static let formula = "=HYPERLINK(\"http://x\",\"y\")"
    static let escape = "\u{1B}[31m"
    static let rlo = "\u{202E}"
    static let outputID = "=cmd|' /C calc'!A0<script>"

    /// A work copied by an output with the hostile strings inside the passage (a wide
    /// `max_gap` bridges them, so they are changed words inside the excerpt).
    static func setUp(outputID: String = Self.outputID) throws -> (Case, ScanResult, [ExportAnnotation]) {
        let work = MatchingTests.words("w", 0..<40)
        let text = MatchingTests.words("w", 0..<10) + " " + script + " " + MatchingTests.words("w", 10..<20) + " "
            + formula + " " + MatchingTests.words("w", 20..<30) + " " + escape + "red" + rlo + "evil "
            + MatchingTests.words("w", 30..<40)
        let output = Document(id: outputID, role: .output, path: "outputs/x.jsonl", line: 1, text: text,
                              prompt: "Write " + escape + " " + script,
                              metadata: [MetadataEntry(key: "model", value: "<b>m</b>")])
        let kase = Case(root: "/mem/injection", works: [Document(id: "W", role: .work, path: "works/W.txt", text: work)],
                        outputs: [output])
        var m = MatchParameters()
        m.maxGap = 8
        m.minIdentity = 0.5
        let r = try Scanner.scan(kase, options: ScanOptions(match: m))
        let a = ExportAnnotation(id: "x<1>", source: output.source, scalars: 0..<text.unicodeScalars.count, tag: "-tag",
                                 note: formula + " " + script + escape, creator: "@me", created: "2025-01-30T10:00:00Z")
        return (kase, r, [a])
    }

    static func exports(outputID: String = Self.outputID) throws -> [(String, ExportFormat, String)] {
        let (kase, r, annotations) = try setUp(outputID: outputID)
        #expect(r.pairs.count == 1 && r.pairs[0].passages.count == 1)
        var out = [(String, ExportFormat, String)]()
        for format in ExportFormat.allCases {
            for selection in [ExportSelection.pair(work: "W", output: outputID, passage: nil), .work("W"), .annotations(tag: nil)]
            where format != .json || selection.isAnnotations {
                let req = ExportRequest(selection: selection, format: format,
                                        options: ExportOptions(width: 60, date: ExportFixture.date, annotations: annotations))
                out.append(("\(selection)", format, try Exporter.render(req, case: kase, result: r)))
            }
        }
        return out
    }

    @Test func noRawControlCharactersInAnyFormat() throws {
        for (what, format, text) in try Self.exports() {
            let bad = text.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) || VisibleText.isBidiControl($0)
            }
            #expect(bad.isEmpty, "\(format) of \(what) holds raw control characters \(bad.map { String($0.value, radix: 16) })")
            if format == .html {
                #expect(text.contains("<span class=\"ctl\" title=\"U+001B\">ESC</span>"), "\(what) does not show ESC boxed")
            } else if format == .markdown {
                #expect(text.contains("<kbd title=\"U+001B\">ESC</kbd>"), "\(what) does not show ESC boxed")
            } else if format != .json {
                #expect(text.contains("␛"), "\(format) of \(what) does not show ESC as ␛")
            }
        }
    }

    @Test func htmlEscapesEverything() throws {
        for (what, format, text) in try Self.exports() where format == .html {
            #expect(!text.lowercased().contains("<script"), "\(what)")
            #expect(!text.contains("<b>"), "\(what)")
            #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(what)")
            #expect(text.contains("⟨U+202E⟩"), "\(what)")
            // The only tags are the page's own.
            let tags = Set(text.matches(of: /<\/?([a-zA-Z0-9!]+)/).map { String($0.output.1).lowercased() })
            #expect(tags.isSubset(of: ["!doctype", "html", "head", "meta", "title", "style", "body", "header", "table", "tr", "th",
                                       "td", "p", "section", "h1", "h2", "h3", "ul", "li", "strong", "span", "div", "mark",
                                       "footer"]), "\(what): \(tags)")
        }
    }

    @Test func markdownEscapesMarkup() throws {
        for (what, format, text) in try Self.exports() where format == .markdown {
            // Every `<` of the case text carries a backslash; the only raw tags are Exhibit's own.
            #expect(text.contains("\\<<mark class=\"changed\">*script\\>alert(1)\\</script*</mark>\\>"), "\(what)")
            let tags = Self.unescapedTags(text)
            #expect(tags.isSubset(of: ["span", "mark", "small", "kbd", "br"]), "\(what): \(tags)")
        }
    }

    @Test func plainTextMarksLiteralMarkerCharacters() throws {
        for (what, format, text) in try Self.exports() where format == .text || format == .sideBySide {
            if what.hasPrefix("pair") || what.hasPrefix("work") {
                // Inside marked excerpts, `<` of the original is escaped so `<<` stays a
                // marker; the tokens of the script are changed words: `\<{script\>alert(1)\</script}\>`.
                // (A 28-column side-by-side column cuts this one long "word" after `\</scr`.)
                #expect(text.contains(format == .text ? "\\<{script\\>alert(1)\\</script}\\>" : "\\<{script\\>alert(1)\\</scr}"),
                        "\(format) \(what)")
            }
        }
    }

    /// The `# Output <id>` / `# Work <id>` label cells too: an id with ESC[2J or U+202E.
    @Test func csvProvenanceLabelsShowControlsVisibly() throws {
        let id = "o" + Self.escape + "[2J" + Self.rlo + "x"
        for (what, format, text) in try Self.exports(outputID: id) where format == .csv {
            let bad = text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || VisibleText.isBidiControl($0) }
            #expect(bad.isEmpty, "\(what) holds raw control characters \(bad.map { String($0.value, radix: 16) })")
            #expect(text.contains("# Output " + VisibleText.escaped(id)), "\(what): the label shows the id escaped")
        }
    }

    @Test func csvCellsAreNeutralized() throws {
        for (what, format, text) in try Self.exports() where format == .csv {
            let rows = try #require(Self.parseCSV(text))
            for cell in rows.joined() {
                guard let first = cell.unicodeScalars.first else { continue }
                #expect(!"=+-@\t\r".unicodeScalars.contains(first), "\(what): cell \(cell)")
            }
            #expect(rows.joined().contains { $0.hasPrefix("'=cmd") }, "\(what): the output id is neutralized, not dropped")
        }
    }

    @Test func jsonKeepsTextExactButEscaped() throws {
        let (_, _, text) = try #require(try Self.exports().first { $0.1 == .json })
        #expect(text.contains("\\u001b"))
        #expect(text.contains("\\u202e"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let first = try #require(object["first"] as? [String: Any])
        let item = try #require((first["items"] as? [[String: Any]])?.first)
        let target = try #require(item["target"] as? [String: Any])
        let selectors = try #require(target["selector"] as? [[String: Any]])
        let quote = try #require(selectors.first { $0["type"] as? String == "TextQuoteSelector" }?["exact"] as? String)
        #expect(quote.contains(Self.escape) && quote.contains(Self.script) && quote.contains(Self.rlo))
    }

    @Test func fileNamesStayInTheExportsFolder() {
        let req = ExportRequest(selection: .pair(work: "../../etc", output: Self.outputID, passage: 2), format: .html)
        let name = Exporter.defaultFileName(req)
        #expect(!name.contains("/") && !name.hasPrefix("."))
        #expect(name == "pair-__.__etc--_cmd____C_calc__A0_script_-passage-2.html")  // no ".." left either
        let kase = Case(root: "/cases/c")
        #expect(Exporter.defaultPath(req, case: kase) == "/cases/c/exports/" + name)
    }

    /// Names of the tags opened or closed by a `<` that no backslash escapes.
    static func unescapedTags(_ text: String) -> Set<String> {
        let chars = Array(text)
        var out = Set<String>()
        for i in chars.indices where chars[i] == "<" && (i == 0 || chars[i - 1] != "\\") {
            var j = i + 1
            if j < chars.count && chars[j] == "/" { j += 1 }
            var name = ""
            while j < chars.count, chars[j].isLetter { name.append(chars[j]); j += 1 }
            out.insert(name.lowercased())
        }
        return out
    }

    /// Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF rows.
    static func parseCSV(_ text: String) -> [[String]]? {
        var rows = [[String]](), row = [String](), field = "", quoted = false, wasQuoted = false
        var it = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() { if n == "\"" { field.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": if field.isEmpty && !wasQuoted { quoted = true; wasQuoted = true } else { return nil }
            case ",": row.append(field); field = ""; wasQuoted = false
            case "\n", "\r\n": row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
            default: field.append(c)
            }
        }
        if !row.isEmpty || !field.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
