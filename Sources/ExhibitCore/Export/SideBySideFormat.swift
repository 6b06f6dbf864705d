/// The `side-by-side` format: the header and legend, then each excerpt as two wrapped
/// columns separated by ` | ` (work left, output right; for a work's reconstruction,
/// every reproducing passage stacked on the right; for an annotation, its fields on
/// the right). Columns are aligned excerpt by excerpt: the shorter one is padded with
/// blank lines. Text reflows: single line breaks become spaces, blank lines stay.
enum SideBySideFormat {
    /// - Parameter width: the whole line in columns (at least 24 is used); each column
    ///   is (width − 3) / 2 wide.
    static func render(_ c: ExportContent, width: Int) -> String {
        let total = max(24, width)
        let layout = PlainTextLayout(width: total)
        let columnWidth = (total - 3) / 2
        var out = layout.head(c)
        for e in c.excerpts {
            out.append("")
            out += layout.paragraph(e.heading)
            if !e.figures.isEmpty { out += layout.paragraph(layout.inline(e.figures), indent: 2) }
            var left = [String](), right = [String]()
            if let p = e.primary {
                left = column(p, width: columnWidth)
            } else {
                left = ["(no text: see the status above)"]
            }
            if e.counterparts.isEmpty, let p = e.primary {
                let fields = PlainTextLayout(width: columnWidth)
                right = p.notes.flatMap { a in
                    fields.field("Note [\(a.tag)]", a.note.isEmpty ? "(no text)" : a.note, indent: 0)
                        + fields.field("by", "\(a.creator), \(a.created)", indent: 0)
                }
            }
            for (k, s) in e.counterparts.enumerated() {
                if k > 0 { right.append("") }
                right += column(s, width: columnWidth)
            }
            let rule = String(repeating: "-", count: columnWidth)
            out.append(rule + "-+-" + rule)
            for i in 0..<max(left.count, right.count) {
                let l = i < left.count ? left[i] : ""
                let r = i < right.count ? right[i] : ""
                let pad = String(repeating: " ", count: max(0, columnWidth - DisplayWidth.columns(l)))
                var line = l + pad + " | " + r
                while line.last == " " { line.removeLast() }
                out.append(line)
            }
            out.append(rule + "-+-" + rule)
            // Notes on the side of a pair or work go below, full width.
            if !e.counterparts.isEmpty {
                if let p = e.primary { out += layout.notes(p.notes, role: p.role) }
                for s in e.counterparts { out += layout.notes(s.notes, role: s.role) }
            }
        }
        out += layout.tail(c)
        return out.joined(separator: "\n") + "\n"
    }

    /// A side as column lines: caption and offsets, figures, a rule, the marked text.
    private static func column(_ s: ExportSide, width: Int) -> [String] {
        let plain = TextWrapper(width: width, keepLineBreaks: false, markup: .plain)
        var out = plain.lines(plain: s.caption)
        out += plain.lines(plain: s.source)
        out += plain.lines(plain: "scalars [\(s.scalars.lowerBound), \(s.scalars.upperBound))")
        if !s.tokens.isEmpty { out += plain.lines(plain: "tokens [\(s.tokens.lowerBound), \(s.tokens.upperBound))") }
        if !s.figures.isEmpty {
            out += plain.lines(plain: s.figures.map { "\($0.label) \($0.value)" }.joined(separator: "; "))
        }
        out.append(String(repeating: ".", count: min(width, 12)))
        out += TextWrapper(width: width, keepLineBreaks: false, markup: .markers).lines(s.segments)
        return out
    }
}
