/// The per-model chart of one work: for all models pooled and each model, a bar of
/// strict coverage (solid) and of loose coverage (outlined), with the reference marks
/// of SPEC §4 as dashed ticks, labelled as references. Bars are inline SVG in an HTML
/// table, so model names wrap like any text and are never cut.
enum ModelBarChart {
    /// The chart of `work`; `rows` are (name, figures): the pooled row first.
    static func render(rows: [(name: String, figures: WorkFigures)], tokens: Int) -> String {
        let marks = ReferenceMarks.fractions(tokens: tokens)
        var h = "<table class=\"bars\">\n<thead><tr><th scope=\"col\">model</th><th scope=\"col\">strict (passages ≥ 40 words)</th>"
            + "<th scope=\"col\">loose (any passage)</th></tr></thead>\n<tbody>\n"
        for r in rows {
            h += "<tr><th scope=\"row\">\(HTMLFormat.escape(r.name))</th>"
            h += "<td>\(bar(r.figures.strictCoverage, solid: true, marks: marks)) \(formatPercent(r.figures.strictCoverage))</td>"
            h += "<td>\(bar(r.figures.looseCoverage, solid: false, marks: marks)) \(formatPercent(r.figures.looseCoverage))</td></tr>\n"
        }
        h += "</tbody>\n</table>\n"
        h += "<p class=\"note\">Dashed ticks: reference marks at " + HTMLFormat.escape(ReferenceMarks.names(tokens: tokens).joined(separator: ", "))
            + " of this work's \(tokens) words — references, not legal thresholds.</p>\n"
        return h
    }

    /// One bar, 200 × 14 user units, filled to `fraction`.
    private static func bar(_ fraction: Double, solid: Bool, marks: [Double]) -> String {
        let w = fraction <= 0 ? 0 : max(1, min(1, fraction) * 200)
        var s = "<svg class=\"bar\" viewBox=\"0 0 200 14\" width=\"200\" height=\"14\" aria-hidden=\"true\" xmlns=\"http://www.w3.org/2000/svg\">"
        s += "<rect x=\"0\" y=\"1\" width=\"200\" height=\"12\" fill=\"#f2f2f2\" stroke=\"#888\" stroke-width=\"0.5\"/>"
        if w > 0 {
            s += solid
                ? "<rect x=\"0\" y=\"1\" width=\"\(CoverageStripSVG.number(w))\" height=\"12\" fill=\"#b00000\"/>"
                : "<rect x=\"0.75\" y=\"1.75\" width=\"\(CoverageStripSVG.number(max(w - 1.5, 0.5)))\" height=\"10.5\" fill=\"#f6c1c1\" stroke=\"#b00000\" stroke-width=\"1.5\"/>"
        }
        for m in marks {
            let x = CoverageStripSVG.number(min(1, m) * 200)
            s += "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"14\" stroke=\"#000\" stroke-width=\"1\" stroke-dasharray=\"2 1.5\"/>"
        }
        return s + "</svg>"
    }
}
