/// The report's style sheet: the export's marks (`HTMLFormat.css`: verbatim red and
/// bold, changed italic, echo and supplied dimmed) plus the layout of a printed
/// appendix: paper size, a running header with the case and date, page numbers
/// (`@page` margin boxes and the `page`/`pages` counters, CSS Paged Media), each
/// numbered section on a new page.
enum ReportStyle {
    /// - Parameter runningHeader: plain text of the header (case text allowed).
    static func css(paper: ReportPaper, runningHeader: String) -> String {
        HTMLFormat.css + """
        body { max-width: 60rem; font-family: Georgia, "Times New Roman", "Noto Serif", "Noto Serif CJK JP", "Noto Sans CJK JP", serif; }
        section.legend h2 { font-size: 1.05rem; border-bottom: none; }
        h1 { font-size: 1.7rem; margin-bottom: .3rem; }
        h2 { font-size: 1.35rem; border-bottom: 1px solid #999; padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin-top: 1.2rem; }
        .num { display: inline-block; min-width: 2.2em; color: #333; }
        nav.toc ol { list-style: none; padding-left: 0; }
        nav.toc ol ol { padding-left: 2.2em; }
        nav.toc a { color: #111; text-decoration: none; }
        nav.toc a:hover { text-decoration: underline; }
        table.facts th { width: 11rem; }
        table.figures, table.files, table.notes-table { border-collapse: collapse; font-size: .9rem; width: 100%; }
        table.figures th, table.figures td, table.files td, table.files th, table.notes-table td, table.notes-table th {
            border-bottom: 1px solid #ddd; padding: .15rem .5rem .15rem 0; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        tr.pooled td { font-weight: bold; }
        tr.work-row th { text-align: left; padding-top: .6rem; border-bottom: 1px solid #999; overflow-wrap: anywhere; }
        td.n { white-space: nowrap; }
        table.files code { font-size: .72rem; white-space: nowrap; }
        svg.strip { width: 100%; height: auto; display: block; }
        figure { margin: .6rem 0; }
        .legend-keys { font-size: .85rem; }
        .legend-keys .key { white-space: nowrap; margin-right: 1rem; }
        .legend-keys svg { vertical-align: middle; }
        table.bars td { white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.bars svg { vertical-align: middle; }
        .prompt { font-size: .9rem; }
        .prompt-text { white-space: pre-wrap; overflow-wrap: anywhere; color: #444; }
        .exhibit h3 { border-top: 2px solid #111; padding-top: .3rem; }
        .text { font-size: .92rem; }
        @page { size: \(paper.cssSize); margin: 20mm 16mm 18mm 16mm;
          @top-left { content: \(cssString(runningHeader)); font-family: Georgia, serif; font-size: 8pt; color: #444; }
          @bottom-right { content: "Page " counter(page) " of " counter(pages); font-family: Georgia, serif; font-size: 8pt; color: #444; }
        }
        @media print {
          body { max-width: none; font-size: 10pt; }
          body > section { break-before: page; }
          body > section.cover, section.legend { break-before: auto; }
          nav.toc { break-before: page; }
          .work { break-inside: avoid-page; }
          .exhibit { break-before: auto; }
          .exhibit h3, .exhibit .passage-figures, .exhibit .prompt { break-after: avoid-page; }
          nav.toc a::after { content: ""; }
          .sides.two { gap: .8rem; }
          .text { font-size: 9pt; }
        }

        """
    }

    /// `s` as a CSS string literal: ASCII letters, digits, space and plain punctuation
    /// as they are, everything else (quotes, backslash, `<`, non-ASCII, controls) as a
    /// hexadecimal escape, so case text cannot end the string or the style element.
    static func cssString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            let plain = (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9")
                || " .,:;!?()-_/+=#%&*[]{}|~^$@'`".unicodeScalars.contains(u)
            out += plain ? String(u) : "\\" + String(u.value, radix: 16) + " "
        }
        return out + "\""
    }
}
