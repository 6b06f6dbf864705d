/// Pieces shared by the two plain-text formats: the provenance header, the legend,
/// label/value fields and note lines, wrapped to a width in columns.
struct PlainTextLayout {
    /// Line width in columns.
    var width: Int

    /// `label: value`, wrapped; continuation lines indented 4 more than `indent`.
    /// The value is case text: control characters are made visible.
    func field(_ label: String, _ value: String, indent: Int = 2, keepLineBreaks: Bool = false) -> [String] {
        let wrapper = TextWrapper(width: max(8, width - indent - 4), keepLineBreaks: keepLineBreaks, markup: .plain)
        let lines = wrapper.lines(plain: label + ": " + value)
        return lines.enumerated().map { (i, l) in String(repeating: " ", count: indent + (i == 0 ? 0 : 4)) + l }
    }

    /// `text` wrapped as one paragraph at `indent`.
    func paragraph(_ text: String, indent: Int = 0) -> [String] {
        TextWrapper(width: max(8, width - indent), keepLineBreaks: false, markup: .plain).lines(plain: text)
            .map { String(repeating: " ", count: indent) + $0 }
    }

    /// A title with an underline of `=` as wide as the title.
    func title(_ text: String) -> [String] {
        let lines = paragraph(text)
        let rule = String(repeating: "=", count: min(width, lines.map { DisplayWidth.columns($0) }.max() ?? 0))
        return lines + [rule]
    }

    /// The provenance header, the legend and the pair's or work's figures and flags.
    func head(_ c: ExportContent) -> [String] {
        var out = title("EXHIBIT EXPORT. " + c.title)
        for f in c.provenance.fields { out += field(f.label, f.value, indent: 0) }
        out += paragraph(ExportProvenance.offsetsNote)
        out += paragraph(ExportProvenance.disclaimer)
        out.append("")
        out.append("LEGEND")
        var legend = TextMarkers.legend
        if c.showsExclusions { legend.insert(TextMarkers.excludedLegend, at: 5) }
        out += legend.map { "  " + $0 }
        out.append("")
        out.append("FIGURES")
        for f in c.summary { out += field(f.label, f.value) }
        for f in c.flags { out += field("Flag " + f.rule, f.detail) }
        if c.flags.isEmpty && c.kind != .annotations { out += field("Flags", "none") }
        return out
    }

    /// The end of an export: a line when there was nothing to show, then the disclaimer.
    func tail(_ c: ExportContent) -> [String] {
        var out = [String]()
        if c.excerpts.isEmpty {
            out.append("")
            out.append(c.kind == .annotations ? "No annotations." : "No excerpts.")
        }
        out.append("")
        return out + paragraph("End of export. " + ExportProvenance.disclaimer)
    }

    /// Where a side is: caption and source on one line, offsets on the next (so a
    /// range is never cut by wrapping).
    func location(_ s: ExportSide) -> [String] {
        ["\(s.caption) in \(s.source)", Self.offsets(s)]
    }

    /// `scalars [a, b), tokens [c, d)`.
    static func offsets(_ s: ExportSide) -> String {
        "scalars [\(s.scalars.lowerBound), \(s.scalars.upperBound))"
            + (s.tokens.isEmpty ? "" : ", tokens [\(s.tokens.lowerBound), \(s.tokens.upperBound))")
    }

    /// `label value; label value`.
    func inline(_ fields: [ExportField]) -> String {
        fields.map { "\($0.label) \($0.value)" }.joined(separator: "; ")
    }

    /// One field per note: tag, who, when, where, and the note, its own line breaks kept.
    func notes(_ notes: [ExportAnnotation], role: DocumentRole, indent: Int = 2) -> [String] {
        notes.flatMap { a in
            field("Note [\(a.tag)] by \(a.creator), \(a.created), \(role.rawValue) scalars [\(a.scalars.lowerBound), \(a.scalars.upperBound))",
                  a.note.isEmpty ? "(no text)" : a.note, indent: indent, keepLineBreaks: true)
        }
    }
}
