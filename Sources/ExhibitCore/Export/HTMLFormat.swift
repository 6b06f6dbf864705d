/// The `html` format: one standalone, printable page. Verbatim words in
/// `<mark class="verbatim">`, red and bold (the convention of court exhibits such as
/// the NYT complaint's Exhibit J); changed words in `<mark class="changed">`, italic
/// with a light yellow ground and an orange underline; prompt text dimmed with a
/// dotted underline, boilerplate dimmed with a dashed one, spans counsel excluded
/// dimmed and struck through (`<s>`: no longer relevant). Every marking has a
/// non-color attribute (bold, italic, underline style), so greyscale print and
/// color-blind readers lose nothing.
///
/// All case text is HTML-escaped after control characters are made visible; marks for
/// control characters are boxed (`<span class="ctl">`), control pictures written as the
/// ASCII abbreviation they depict (`ESC`, with the code point as a tooltip) so that every
/// font shows them. A Content-Security-Policy
/// forbids scripts and remote loads, as a second line of defence.
enum HTMLFormat {
    static func render(_ c: ExportContent) -> String {
        var h = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="generator" content="\(attribute(c.provenance.engine))">
        <title>Exhibit export: \(attribute(c.title))</title>
        <style>
        \(css)</style>
        </head>
        <body>
        <header>
        <h1>Exhibit export: \(escape(c.title))</h1>
        <table class="provenance">

        """
        for f in c.provenance.fields {
            h += "<tr><th scope=\"row\">\(escape(f.label))</th><td>\(escape(f.value))</td></tr>\n"
        }
        h += "</table>\n"
        h += "<p class=\"note\">\(escape(ExportProvenance.offsetsNote))</p>\n"
        h += "<p class=\"disclaimer\">\(escape(ExportProvenance.disclaimer))</p>\n"
        h += "</header>\n"
        h += legend(showsExclusions: c.showsExclusions)
        h += "<section class=\"figures\">\n<h2>Figures</h2>\n<table>\n"
        for f in c.summary {
            h += "<tr><th scope=\"row\">\(escape(f.label))</th><td>\(escape(f.value))</td></tr>\n"
        }
        h += "</table>\n"
        if !c.flags.isEmpty {
            h += "<ul class=\"flags\">\n"
            for f in c.flags {
                h += "<li><strong>\(escape(f.rule))</strong>: \(escape(f.detail))</li>\n"
            }
            h += "</ul>\n"
        }
        h += "</section>\n"
        for e in c.excerpts {
            h += "<section class=\"excerpt\">\n<h2>\(escape(e.heading))</h2>\n"
            if !e.figures.isEmpty {
                h += "<p class=\"passage-figures\">"
                    + e.figures.map { "<span>\(escape($0.label)) <strong>\(escape($0.value))</strong></span>" }.joined(separator: " · ")
                    + "</p>\n"
            }
            let columns = e.counterparts.isEmpty ? "one" : "two"
            h += "<div class=\"sides \(columns)\">\n"
            if let p = e.primary { h += "<div class=\"column\">\n" + side(p) + "</div>\n" }
            if !e.counterparts.isEmpty {
                h += "<div class=\"column\">\n" + e.counterparts.map(side).joined() + "</div>\n"
            }
            h += "</div>\n</section>\n"
        }
        if c.excerpts.isEmpty {
            h += "<p>\(c.kind == .annotations ? "No annotations." : "No excerpts.")</p>\n"
        }
        h += "<footer><p class=\"disclaimer\">\(escape(ExportProvenance.disclaimer))</p></footer>\n"
        h += "</body>\n</html>\n"
        return h
    }

    static func side(_ s: ExportSide) -> String {
        var h = "<div class=\"side \(s.role.rawValue)\">\n"
        h += "<h3>\(escape(s.caption))</h3>\n"
        h += "<p class=\"where\">\(escape(s.source)), scalars [\(s.scalars.lowerBound), \(s.scalars.upperBound))"
            + (s.tokens.isEmpty ? "" : ", tokens [\(s.tokens.lowerBound), \(s.tokens.upperBound))") + "</p>\n"
        if !s.figures.isEmpty {
            h += "<p class=\"side-figures\">"
                + s.figures.map { "\(escape($0.label)) <strong>\(escape($0.value))</strong>" }.joined(separator: " · ")
                + "</p>\n"
        }
        h += "<div class=\"text\">" + s.segments.map(segment).joined() + "</div>\n"
        if !s.notes.isEmpty {
            h += "<ul class=\"notes\">\n"
            for a in s.notes {
                h += "<li><span class=\"tag\">\(escape(a.tag))</span> \(escape(a.note.isEmpty ? "(no text)" : a.note))"
                    + " <span class=\"by\">(\(escape(a.creator)), \(escape(a.created)), scalars [\(a.scalars.lowerBound), \(a.scalars.upperBound)))</span></li>\n"
            }
            h += "</ul>\n"
        }
        return h + "</div>\n"
    }

    /// A segment: escaped text, control marks boxed, wrapped in its label's element.
    private static func segment(_ s: StyledSegment) -> String {
        var body = ""
        VisibleText.forEachPiece(s.text, keepLayout: true) { p in
            switch p {
            case .text(let t): body += escapeKeepingLayout(t)
            case .mark(let m): body += markElement(m)
            }
        }
        switch s.label {
        case .verbatim: return "<mark class=\"verbatim\">\(body)</mark>"
        case .changed: return "<mark class=\"changed\">\(body)</mark>"
        case .echo: return "<span class=\"echo\" title=\"prompt echo: not counted\">\(body)</span>"
        case .supplied: return "<span class=\"supplied\" title=\"supplied by the prompt: not counted\">\(body)</span>"
        case .boilerplate: return "<span class=\"boilerplate\" title=\"boilerplate: not counted\">\(body)</span>"
        case .excluded: return "<s class=\"excluded\" title=\"excluded by counsel: not counted\">\(body)</s>"
        case .outside: return body
        }
    }

    /// Text for element content: `& < > " '` as entities, control characters as boxed
    /// marks (whitespace collapsed: used for fields).
    static func escape(_ s: String) -> String {
        var out = ""
        VisibleText.forEachPiece(s, keepLayout: false) { p in
            switch p {
            case .text(let t): out += escapeKeepingLayout(t)
            case .mark(let m): out += markElement(m)
            }
        }
        return out
    }

    /// Text for attribute values and `<title>`, where no element may stand: `& < > " '`
    /// as entities, control characters as their marks, whitespace collapsed.
    static func attribute(_ s: String) -> String {
        escapeKeepingLayout(VisibleText.escaped(s))
    }

    /// A mark for a control character of the original, boxed: `<span class="ctl"
    /// title="U+001B">ESC</span>` for a control picture, the `⟨U+202E⟩` mark as it is.
    /// - Parameter tag: the boxing element: `span` with class `ctl` here, `kbd` in Markdown.
    static func markElement(_ m: String, tag: String = "span") -> String {
        let open = tag == "span" ? "<span class=\"ctl\"" : "<" + tag
        guard let a = VisibleText.abbreviation(ofMark: m) else { return open + ">" + escapeKeepingLayout(m) + "</\(tag)>" }
        return open + " title=\"\(a.codePoint)\">\(a.name)</\(tag)>"
    }

    /// `& < > " '` as entities; nothing else changes.
    static func escapeKeepingLayout(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The legend; the `excluded` line only when the export's works have exclusions.
    static func legend(showsExclusions: Bool) -> String {
        """
        <section class="legend">
        <h2>Legend</h2>
        <ul>
        <li><mark class="verbatim">verbatim</mark>: the same words in work and output, counted as evidence (red, bold)</li>
        <li><mark class="changed">changed</mark>: words substituted, inserted or dropped inside a passage (italic, underlined)</li>
        <li><span class="echo">prompt echo</span> / <span class="supplied">supplied by the prompt</span>: text the prompt held, not counted (grey, dotted underline)</li>
        <li><span class="boilerplate">boilerplate</span>: not counted (grey, dashed underline)</li>

        """
            + (showsExclusions
                ? "<li><s class=\"excluded\">excluded</s>: excluded by counsel (an exclude annotation), not counted (grey, struck through)</li>\n"
                : "")
            + """
            <li><span class="ctl" title="U+001B">ESC</span> <span class="ctl">⟨U+202E⟩</span>: control characters of the original, made visible (boxed: the abbreviation of a C0 control or DEL, else the code point)</li>
            </ul>
            </section>

            """
    }

    static let css = """
    :root { color-scheme: light; }
    body { font-family: Georgia, "Times New Roman", serif; color: #111; background: #fff;
           max-width: 72rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
    h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 1.6rem; } h3 { font-size: 1rem; margin: .2rem 0; }
    table { border-collapse: collapse; margin: .5rem 0; }
    th, td { text-align: left; vertical-align: top; padding: .15rem .6rem .15rem 0; }
    th { font-weight: 600; white-space: nowrap; }
    td { overflow-wrap: anywhere; }
    .provenance th { width: 14rem; white-space: normal; overflow-wrap: anywhere; }
    .provenance td { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .85rem; }
    .disclaimer { font-weight: bold; }
    .note, .where, .side-figures, .passage-figures, .by { font-size: .85rem; color: #333; }
    .sides.two { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
    .side { margin-bottom: 1rem; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid #999; padding-left: .75rem; }
    mark.verbatim { background: none; color: #c00000; font-weight: bold; }
    mark.changed { background: #fff3b0; color: #111; font-style: italic;
                   text-decoration: underline solid #d97706 2px; text-underline-offset: 2px; }
    .echo, .supplied { color: #666; text-decoration: underline dotted #666 1px; }
    .boilerplate { color: #666; text-decoration: underline dashed #666 1px; }
    s.excluded { color: #666; text-decoration: line-through #666 1px; }
    .ctl { border: 1px solid #444; border-radius: 2px; padding: 0 1px; font-family: monospace; font-size: .85em; }
    .tag { font-weight: bold; }
    @page { margin: 18mm; }
    @media print {
      body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .excerpt { break-inside: avoid-page; }
      h2, h3 { break-after: avoid-page; }
    }

    """
}
