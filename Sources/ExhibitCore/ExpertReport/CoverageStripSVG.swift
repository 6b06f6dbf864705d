/// Draws a `CoverageStrip` as inline SVG: the work left to right, each stretch
/// shaded by how many outputs reproduce it (deeper red: more outputs), long passages
/// (merged ≥ 40 words) as black bars under the strip, the work's first and last word
/// numbered. Shades also differ in lightness, so a greyscale print keeps the order.
enum CoverageStripSVG {
    /// Depth bins: (lowest depth, highest depth or nil for open, fill color).
    static let bins: [(low: Int, high: Int?, fill: String)] = [
        (1, 1, "#f6c1c1"), (2, 2, "#e88080"), (3, 4, "#d03030"), (5, 9, "#a00000"), (10, nil, "#500000"),
    ]
    /// Width of the drawing in SVG user units.
    static let width = 1000.0

    /// The fill of a stretch reproduced by `depth` outputs.
    static func fill(depth: Int) -> String {
        bins.last { depth >= $0.low }?.fill ?? bins[0].fill
    }

    /// `<svg>` of `strip`; `label` (case text) names the work for screen readers.
    static func render(_ strip: CoverageStrip, label: String) -> String {
        let n = Double(max(strip.length, 1))
        var s = "<svg class=\"strip\" viewBox=\"0 0 1000 56\" role=\"img\" aria-label=\"Coverage strip of \(HTMLFormat.attribute(label))\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        s += "<rect x=\"0\" y=\"0\" width=\"1000\" height=\"26\" fill=\"#f2f2f2\" stroke=\"#888\" stroke-width=\"0.5\"/>\n"
        for st in strip.stretches {
            let x = Double(st.tokens.lowerBound) / n * width
            let w = max(Double(st.tokens.count) / n * width, 0.6)
            let outputs = st.depth == 1 ? "1 output" : "\(st.depth) outputs"
            s += "<rect x=\"\(number(x))\" y=\"0\" width=\"\(number(w))\" height=\"26\" fill=\"\(fill(depth: st.depth))\">"
                + "<title>words [\(st.tokens.lowerBound), \(st.tokens.upperBound)): \(outputs)</title></rect>\n"
        }
        for r in strip.longPassages {
            let x = Double(r.lowerBound) / n * width
            let w = max(Double(r.count) / n * width, 0.6)
            s += "<rect x=\"\(number(x))\" y=\"30\" width=\"\(number(w))\" height=\"6\" fill=\"#000\">"
                + "<title>passage of \(r.count) words ≥ 40, words [\(r.lowerBound), \(r.upperBound))</title></rect>\n"
        }
        s += "<text x=\"0\" y=\"52\" font-size=\"13\">word 0</text>\n"
        s += "<text x=\"1000\" y=\"52\" font-size=\"13\" text-anchor=\"end\">word \(strip.length)</text>\n"
        return s + "</svg>\n"
    }

    /// The legend of the shades that `maxDepth` needs, and of the long-passage bar.
    static func legend(maxDepth: Int) -> String {
        var items = [String]()
        for b in bins where b.low <= max(maxDepth, 1) {
            let name = b.high == b.low ? (b.low == 1 ? "1 output" : "\(b.low) outputs")
                : b.high.map { "\(b.low)–\($0) outputs" } ?? "\(b.low) or more outputs"
            items.append("<span class=\"key\"><svg width=\"18\" height=\"12\" aria-hidden=\"true\"><rect width=\"18\" height=\"12\" fill=\"\(b.fill)\" stroke=\"#888\" stroke-width=\"0.5\"/></svg> \(name)</span>")
        }
        items.append("<span class=\"key\"><svg width=\"18\" height=\"12\" aria-hidden=\"true\"><rect x=\"0\" y=\"3\" width=\"18\" height=\"6\" fill=\"#000\"/></svg> passage of ≥ 40 words (merged across outputs)</span>")
        items.append("<span class=\"key\"><svg width=\"18\" height=\"12\" aria-hidden=\"true\"><rect width=\"18\" height=\"12\" fill=\"#f2f2f2\" stroke=\"#888\" stroke-width=\"0.5\"/></svg> not reproduced</span>")
        return "<p class=\"legend-keys\">" + items.joined(separator: " ") + "</p>\n"
    }

    /// `x` with at most two decimals, no trailing zeros (stable text for golden files).
    static func number(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let whole = hundredths / 100, frac = hundredths % 100
        if frac == 0 { return String(whole) }
        return frac % 10 == 0 ? "\(whole).\(frac / 10)" : "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}
