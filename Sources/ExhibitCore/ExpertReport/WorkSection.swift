/// Section 4: per work, where it came out (the coverage strip) and how much per model
/// (the bar chart), with the work's findings.
enum WorkSection {
    static func build(_ c: ReportContext) -> ReportSection {
        let r = c.result
        let entry = ReportSection.Entry(number: "4", title: "Coverage per work", anchor: "s4")
        var subs = [ReportSection.Entry]()
        var h = "<section id=\"s4\">\n<h2><span class=\"num\">4</span> Coverage per work</h2>\n"
        h += "<p>Each strip is the work from its first word (left) to its last (right); a stretch is shaded by how many outputs "
            + "reproduce it, deeper red for more; black bars below mark passages of at least 40 words after joining outputs. "
            + "Hover a stretch in a browser for its word range.</p>\n"
        for (k, w) in c.works.enumerated() {
            let work = r.works[w]
            let anchor = "s4-\(k + 1)"
            let number = "4.\(k + 1)"
            let title = work.id + (work.title.map { " — \($0)" } ?? "")
            subs.append(ReportSection.Entry(number: number, title: title, anchor: anchor))
            let strip = CoverageStrip.of(work: w, in: r)
            h += "<div class=\"work\">\n<h3 id=\"\(anchor)\"><span class=\"num\">\(number)</span> \(HTMLFormat.escape(title))</h3>\n"
            let f = work.figures
            h += "<p class=\"passage-figures\">\(work.tokens) words"
                + (work.excludedTokens > 0 ? ", \(work.excludedTokens) excluded by counsel" : "")
                + " · strict <strong>\(formatPercent(f.strictCoverage))</strong> · loose <strong>\(formatPercent(f.looseCoverage))</strong>"
                + " · longest block \(f.longestBlock) words · long passages \(f.longPassages)"
                + " · outputs contributing \(f.outputsContributing) · hits / attempts \(f.hits) / \(f.attempts)</p>\n"
            h += "<figure>\n" + CoverageStripSVG.render(strip, label: work.id)
            h += "<figcaption>" + CoverageStripSVG.legend(maxDepth: strip.maxDepth) + "</figcaption>\n</figure>\n"
            h += ModelBarChart.render(rows: [("all models", f)] + work.byModel.map { ($0.model, $0.figures) }, tokens: work.tokens)
            if !f.flags.isEmpty {
                h += "<ul class=\"flags\">\n" + f.flags.map {
                    "<li><strong>\(HTMLFormat.escape($0.rule))</strong>: \(HTMLFormat.escape($0.detail))</li>\n"
                }.joined() + "</ul>\n"
            }
            h += "</div>\n"
        }
        h += "</section>\n"
        return ReportSection(entry: entry, subsections: subs, html: h)
    }
}
