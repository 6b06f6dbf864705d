/// Section 3: one row per work and model, and per model over all works covered.
enum SummarySection {
    static let header = ["strict", "loose", "longest block", "long passages", "outputs", "hits / attempts"]

    static func build(_ c: ReportContext) -> ReportSection {
        let r = c.result
        let entry = ReportSection.Entry(number: "3", title: "Summary", anchor: "s3")
        let subs = [ReportSection.Entry(number: "3.1", title: "Per work and model", anchor: "s3-1"),
                    ReportSection.Entry(number: "3.2", title: "Per model over all works", anchor: "s3-2")]
        var h = "<section id=\"s3\">\n<h2><span class=\"num\">3</span> Summary</h2>\n"
        h += "<p>Strict: share of the work's words reproduced by passages of at least 40 matched words; loose: by any passage; "
            + "longest block and long passages in words after joining all outputs (section 2).</p>\n"
        h += "<h3 id=\"s3-1\"><span class=\"num\">3.1</span> Per work and model</h3>\n"
        // One group per work: the work's id on a row of its own (ids can be long), then
        // the pooled row and one row per model.
        h += "<table class=\"figures\">\n<thead><tr><th scope=\"col\">model</th>"
            + header.map { "<th scope=\"col\" class=\"n\">\($0)</th>" }.joined() + "<th scope=\"col\">flag</th></tr></thead>\n"
        for w in c.works {
            let work = r.works[w]
            h += "<tbody>\n<tr class=\"work-row\"><th scope=\"rowgroup\" colspan=\"\(header.count + 2)\">work "
                + "\(HTMLFormat.escape(work.id))</th></tr>\n"
            let rows = [("all models", work.figures)] + work.byModel.map { ($0.model, $0.figures) }
            for (k, (model, f)) in rows.enumerated() {
                h += "<tr\(k == 0 ? " class=\"pooled\"" : "")><td>\(HTMLFormat.escape(model))</td>"
                h += cells([formatPercent(f.strictCoverage), formatPercent(f.looseCoverage), String(f.longestBlock),
                            String(f.longPassages), String(f.outputsContributing), "\(f.hits) / \(f.attempts)"])
                h += "<td>\(f.flags.isEmpty ? "" : "substantial")</td></tr>\n"
            }
            h += "</tbody>\n"
        }
        h += "</table>\n"
        h += "<h3 id=\"s3-2\"><span class=\"num\">3.2</span> Per model over all works</h3>\n"
        h += "<p>Reproduced words of every work covered, added up, divided by those works' words; outputs counted once however many works they copy.</p>\n"
        h += "<table class=\"figures\">\n<thead><tr><th scope=\"col\">model</th><th scope=\"col\" class=\"n\">works</th><th scope=\"col\" class=\"n\">words</th>"
            + header.map { "<th scope=\"col\" class=\"n\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        let ids = Set(c.works.map { r.works[$0].id })
        for t in ModelTotals.byModel(r, workIDs: ids) {
            h += "<tr><th scope=\"row\">\(HTMLFormat.escape(t.model))</th>"
            h += cells([String(t.works), String(t.tokens), formatPercent(t.strictCoverage), formatPercent(t.looseCoverage),
                        String(t.longestBlock), String(t.longPassages), String(t.outputsContributing), "\(t.hits) / \(t.attempts)"])
            h += "</tr>\n"
        }
        h += "</tbody>\n</table>\n</section>\n"
        return ReportSection(entry: entry, subsections: subs, html: h)
    }

    private static func cells(_ values: [String]) -> String {
        values.map { "<td class=\"n\">\(HTMLFormat.escape($0))</td>" }.joined()
    }
}
