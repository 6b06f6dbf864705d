/// The `md` format: CommonMark with inline HTML. Markings degrade to Markdown's own
/// attributes where a renderer drops inline styles (GitHub does):
/// - verbatim: `<span class="verbatim" style="color:#c00000">**…**</span>`: bold
///   everywhere, red where styles survive;
/// - changed: `<mark class="changed">*…*</mark>`: italic on a yellow ground;
/// - prompt echo, supplied, boilerplate: `<small class="echo" style="color:#666666">…</small>`:
///   smaller and grey;
/// - excluded by counsel: the same, struck through (`<s>`);
/// - control characters of the original: `<kbd title="U+001B">ESC</kbd>` or
///   `<kbd>⟨U+202E⟩</kbd>`, boxed (`HTMLFormat.markElement`).
///
/// Case text is made visible, then every character Markdown or HTML could read as
/// markup (`\ * _ [ ] < > & | ~ $` and a backtick) gets a backslash, and so does a
/// paragraph's first character when it could start a block (`#`, `-`, `+`, `=`, or a
/// number followed by `.` or `)`). Excerpts are block quotes, one paragraph per
/// paragraph of the original; a single line break (LF, CRLF or a lone CR) is kept as
/// `<br>`, so verse and addresses keep their shape. Notes keep their line breaks too.
enum MarkdownFormat {
    static func render(_ c: ExportContent) -> String {
        var out = ["# Exhibit export: \(inline(c.title))", ""]
        out.append("| Provenance | |")
        out.append("|---|---|")
        for f in c.provenance.fields { out.append("| \(inline(f.label)) | \(inline(f.value)) |") }
        out.append("")
        out.append("*\(inline(ExportProvenance.offsetsNote))*")
        out.append("")
        out.append("**\(inline(ExportProvenance.disclaimer))**")
        out.append("")
        out.append("## Legend")
        out.append("")
        out.append("- \(wrap("verbatim", .verbatim)): the same words in work and output, counted as evidence (red, bold)")
        out.append("- \(wrap("changed", .changed)): words substituted, inserted or dropped inside a passage (italic, highlighted)")
        out.append("- \(wrap("prompt echo", .echo)) / \(wrap("supplied by the prompt", .supplied)): text the prompt held, not counted (small, grey)")
        out.append("- \(wrap("boilerplate", .boilerplate)): not counted (small, grey)")
        if c.showsExclusions {
            out.append("- \(wrap("excluded", .excluded)): excluded by counsel (an exclude annotation), not counted (small, grey, struck through)")
        }
        out.append("- <kbd title=\"U+001B\">ESC</kbd> <kbd>⟨U+202E⟩</kbd>: control characters of the original, made visible"
            + " (boxed: the abbreviation of a C0 control or DEL, else the code point)")
        out.append("")
        out.append("## Figures")
        out.append("")
        for f in c.summary { out.append("- **\(inline(f.label)):** \(inline(f.value))") }
        for f in c.flags { out.append("- **Flag \(inline(f.rule)):** \(inline(f.detail))") }
        if c.flags.isEmpty && c.kind != .annotations { out.append("- **Flags:** none") }
        for e in c.excerpts {
            if out.last != "" { out.append("") }
            out.append("## \(inline(e.heading))")
            out.append("")
            if !e.figures.isEmpty {
                out.append(e.figures.map { "\(inline($0.label)) **\(inline($0.value))**" }.joined(separator: " · "))
                out.append("")
            }
            if let p = e.primary { out += side(p) }
            for s in e.counterparts { out += side(s) }
        }
        if c.excerpts.isEmpty {
            out.append("")
            out.append(c.kind == .annotations ? "No annotations." : "No excerpts.")
        }
        if out.last != "" { out.append("") }
        out.append("---")
        out.append("")
        out.append("**\(inline(ExportProvenance.disclaimer))**")
        return out.joined(separator: "\n") + "\n"
    }

    private static func side(_ s: ExportSide) -> [String] {
        var out = ["**\(inline(s.caption))**: \(inline(s.source)), scalars [\(s.scalars.lowerBound), \(s.scalars.upperBound))"
            + (s.tokens.isEmpty ? "" : ", tokens [\(s.tokens.lowerBound), \(s.tokens.upperBound))")]
        if !s.figures.isEmpty {
            out[0] += "<br>\n" + s.figures.map { "\(inline($0.label)) **\(inline($0.value))**" }.joined(separator: " · ")
        }
        out.append("")
        let paragraphs = self.paragraphs(s.segments)
        for (i, p) in paragraphs.enumerated() {
            if i > 0 { out.append(">") }
            out.append("> " + p)
        }
        if paragraphs.isEmpty { out.append("> (empty)") }
        out.append("")
        for a in s.notes {
            out.append("- **Note [\(inline(a.tag))]** \(lines(a.note.isEmpty ? "(no text)" : a.note))"
                + " (\(inline(a.creator)), \(inline(a.created)), scalars [\(a.scalars.lowerBound), \(a.scalars.upperBound)))")
        }
        if !s.notes.isEmpty { out.append("") }
        return out
    }

    /// The segments as Markdown paragraphs (one line each), marked and escaped.
    private static func paragraphs(_ segments: [StyledSegment]) -> [String] {
        // Runs of (escaped text, label) per paragraph; a whitespace run becomes one space
        // with its own label, or a paragraph break when it holds two or more line breaks.
        var paragraphs = [[(String, TokenLabel)]]()
        var current = [(String, TokenLabel)]()
        var pendingSpace: TokenLabel?
        var newlines = 0
        var digitsOnly = true  // the paragraph so far is a number: `1.` would start a list
        func append(_ s: String, _ label: TokenLabel) {
            if let last = current.last, last.1 == label { current[current.count - 1].0 += s } else { current.append((s, label)) }
        }
        func beginWord() {
            if let space = pendingSpace {
                if newlines >= 2 && !current.isEmpty {
                    paragraphs.append(current)
                    current = []
                    digitsOnly = true
                } else if !current.isEmpty {
                    append(newlines == 1 ? "<br>" : " ", space)
                    digitsOnly = false
                }
            }
            pendingSpace = nil
            newlines = 0
        }
        for seg in segments {
            VisibleText.forEachPiece(seg.text, keepLayout: true) { piece in
                switch piece {
                case .mark(let m):
                    beginWord()
                    append(HTMLFormat.markElement(m, tag: "kbd"), seg.label)
                    digitsOnly = false
                case .text(let t):
                    for u in t.unicodeScalars {
                        if u.properties.isWhitespace {
                            if pendingSpace == nil { pendingSpace = seg.label }
                            if u == "\n" { newlines += 1 }
                            continue
                        }
                        beginWord()
                        let listDot = digitsOnly && !current.isEmpty && (u == "." || u == ")")
                        append(listDot ? "\\" + String(u) : escape(u, atParagraphStart: current.isEmpty), seg.label)
                        if !("0"..."9").contains(u) { digitsOnly = false }
                    }
                }
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs.map { runs in
            runs.map { text, label in wrapEscaped(text, label) }.joined()
        }
    }

    /// Wraps already-escaped text in its label's markup; spaces at the edges stay
    /// outside, because `**` and `*` must touch the words they emphasize.
    private static func wrapEscaped(_ text: String, _ label: TokenLabel) -> String {
        guard label != .outside else { return text }
        var core = Substring(text)
        var lead = "", trail = ""
        while core.first == " " { core.removeFirst(); lead += " " }
        while core.last == " " { core.removeLast(); trail += " " }
        guard !core.isEmpty else { return text }
        let body = String(core)
        let marked: String
        switch label {
        case .verbatim: marked = "<span class=\"verbatim\" style=\"color:#c00000\">**\(body)**</span>"
        case .changed: marked = "<mark class=\"changed\">*\(body)*</mark>"
        case .echo, .supplied, .boilerplate:
            marked = "<small class=\"\(label.rawValue)\" style=\"color:#666666\">\(body)</small>"
        case .excluded: marked = "<small class=\"excluded\" style=\"color:#666666\"><s>\(body)</s></small>"
        case .outside: marked = body
        }
        return lead + marked + trail
    }

    /// Our own text (legend) wrapped in a label's markup.
    private static func wrap(_ text: String, _ label: TokenLabel) -> String { wrapEscaped(text, label) }

    /// A header or field value: one line, escaped, control characters as boxed marks.
    static func inline(_ s: String) -> String {
        var out = ""
        VisibleText.forEachPiece(s, keepLayout: false) { p in
            switch p {
            case .text(let t): for u in t.unicodeScalars { out += escape(u, atParagraphStart: false) }
            case .mark(let m): out += HTMLFormat.markElement(m, tag: "kbd")
            }
        }
        return out
    }

    /// A note: each line as `inline`, line breaks kept as `<br>`.
    static func lines(_ s: String) -> String {
        VisibleText.escaped(s, keepLayout: true).split(separator: "\n", omittingEmptySubsequences: false)
            .map { inline(String($0)) }.joined(separator: "<br>")
    }

    /// One character of case text, escaped for Markdown.
    static func escape(_ u: Unicode.Scalar, atParagraphStart: Bool) -> String {
        if "\\`*_[]<>&|~$".unicodeScalars.contains(u) { return "\\" + String(u) }
        if atParagraphStart && "#-+=".unicodeScalars.contains(u) { return "\\" + String(u) }
        return String(u)
    }

}
