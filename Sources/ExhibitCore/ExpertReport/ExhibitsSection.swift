import Foundation

/// Section 5: the strongest passages as numbered exhibits, work and output side by
/// side, marked as every export marks them (the pair export's content, one passage
/// at a time: `ExportContentBuilder`, `TokenLabeler`, `HTMLFormat`).
enum ExhibitsSection {
    static func build(_ c: ReportContext) -> ReportSection {
        let r = c.result
        let entry = ReportSection.Entry(number: "5", title: "Exhibits", anchor: "s5")
        var subs = [ReportSection.Entry]()
        var h = "<section id=\"s5\">\n<h2><span class=\"num\">5</span> Exhibits</h2>\n"
        h += "<p>The \(c.exhibits.count == 1 ? "passage" : "\(c.exhibits.count) passages") with the most matched words"
            + (c.options.works.isEmpty ? "" : " in the works covered") + ", strongest first. "
            + "Each shows the work (left) and the output (right).</p>\n"
        h += HTMLFormat.legend(showsExclusions: !r.exclusions.isEmpty)
        // The date is not shown by the sections used here; a fixed one keeps the content stable.
        let exportOptions = ExportOptions(date: Date(timeIntervalSince1970: 0), annotations: c.options.annotations ?? [])
        for (k, choice) in c.exhibits.enumerated() {
            let p = r.pairs[choice.pair]
            let s = p.passages[choice.passage]
            let work = r.works[p.work], output = r.outputs[p.output]
            let anchor = "exhibit-\(k + 1)"
            subs.append(ReportSection.Entry(number: "5.\(k + 1)", title: "Exhibit \(k + 1): \(work.id) × \(output.id)", anchor: anchor))
            h += "<div class=\"exhibit\">\n<h3 id=\"\(anchor)\"><span class=\"num\">5.\(k + 1)</span> Exhibit \(k + 1)</h3>\n"
            h += "<p class=\"passage-figures\">work <strong>\(HTMLFormat.escape(work.id))</strong> × output <strong>\(HTMLFormat.escape(output.id))</strong>"
                + " · model \(HTMLFormat.escape(output.model ?? "unknown")) · passage \(choice.passage + 1) of \(p.passages.count)"
                + " · matched <strong>\(s.matched) words</strong> · identity \(formatFraction(s.identity)) (\(s.label.rawValue))"
                + " · \(s.tier.rawValue) · longest verbatim run \(s.longestVerbatim) words · \(p.classification.rawValue)"
                + " · work words [\(s.workTokens.lowerBound), \(s.workTokens.upperBound)) of \(work.tokens), "
                + "\(formatPercent(Double(s.workTokens.lowerBound) / Double(max(work.tokens, 1))))–"
                + "\(formatPercent(Double(s.workTokens.upperBound) / Double(max(work.tokens, 1)))) into the work (its strip: "
                + "<a href=\"#s4-\((c.works.firstIndex(of: p.work) ?? 0) + 1)\">4.\((c.works.firstIndex(of: p.work) ?? 0) + 1)</a>)</p>\n"
            let selection = ExportSelection.pair(work: work.id, output: output.id, passage: choice.passage + 1)
            guard let content = try? Exporter.content(selection, case: c.kase, result: r, options: exportOptions),
                  let excerpt = content.excerpts.first, let primary = excerpt.primary else {
                h += "<p>(this passage could not be laid out)</p>\n</div>\n"
                continue
            }
            let prompt = c.kase.outputs[output.document].prompt
            h += "<p class=\"prompt\"><strong>Prompt:</strong> "
                + (prompt.map { "<span class=\"prompt-text\">\(HTMLFormat.escape($0))</span>" } ?? "(not recorded)") + "</p>\n"
            h += "<div class=\"sides two\">\n<div class=\"column\">\n" + HTMLFormat.side(primary) + "</div>\n"
            h += "<div class=\"column\">\n" + excerpt.counterparts.map(HTMLFormat.side).joined() + "</div>\n</div>\n</div>\n"
        }
        if c.exhibits.isEmpty { h += "<p>No passage counts as evidence in the works covered.</p>\n" }
        h += "</section>\n"
        return ReportSection(entry: entry, subsections: subs, html: h)
    }
}
