/// The `text` format: the header and legend, then each excerpt with its offsets,
/// figures and notes, its text marked with the ASCII markers of `TextMarkers`, line
/// breaks of the original kept and long lines wrapped to the width.
enum TextFormat {
    /// - Parameter width: line width in columns (at least 24 is used).
    static func render(_ c: ExportContent, width: Int) -> String {
        let layout = PlainTextLayout(width: max(24, width))
        var out = layout.head(c)
        for e in c.excerpts {
            out.append("")
            out += layout.paragraph(e.heading)
            if !e.figures.isEmpty { out += layout.paragraph(layout.inline(e.figures), indent: 2) }
            if let p = e.primary { out += side(p, layout) }
            for s in e.counterparts { out += side(s, layout) }
        }
        out += layout.tail(c)
        return out.joined(separator: "\n") + "\n"
    }

    private static func side(_ s: ExportSide, _ layout: PlainTextLayout) -> [String] {
        var out = [String]()
        out += layout.location(s).flatMap { layout.paragraph($0, indent: 2) }
        if !s.figures.isEmpty { out += layout.paragraph(layout.inline(s.figures), indent: 4) }
        let wrapper = TextWrapper(width: layout.width - 6, keepLineBreaks: true, markup: .markers)
        out += wrapper.lines(s.segments).map { $0.isEmpty ? "" : "      " + $0 }
        out += layout.notes(s.notes, role: s.role, indent: 4)
        return out
    }
}
