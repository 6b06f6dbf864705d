/// Section 6: every file read with its SHA-256, the problems of loading, and
/// counsel's annotations, orphaned ones included (SPEC §5: never dropped).
enum AppendixSection {
    static func build(_ c: ReportContext) -> ReportSection {
        let r = c.result, kase = c.kase
        let entry = ReportSection.Entry(number: "6", title: "Appendix", anchor: "s6")
        let subs = [ReportSection.Entry(number: "6.1", title: "Files", anchor: "s6-1"),
                    ReportSection.Entry(number: "6.2", title: "Errors and warnings", anchor: "s6-2"),
                    ReportSection.Entry(number: "6.3", title: "Annotations", anchor: "s6-3")]
        var h = "<section id=\"s6\">\n<h2><span class=\"num\">6</span> Appendix</h2>\n"

        h += "<h3 id=\"s6-1\"><span class=\"num\">6.1</span> Files</h3>\n"
        h += "<p>Every file of the case folder that was read, with the SHA-256 of its bytes (check with <code>sha256sum</code> in the case folder).</p>\n"
        h += "<table class=\"files\">\n<thead><tr><th scope=\"col\">file</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n"
        for f in kase.files {
            h += "<tr><td>\(HTMLFormat.escape(f.path))</td><td><code>\(f.sha256)</code></td></tr>\n"
        }
        h += "</tbody>\n</table>\n"

        h += "<h3 id=\"s6-2\"><span class=\"num\">6.2</span> Errors and warnings</h3>\n"
        let groups: [(String, [CaseIssue])] = [
            ("Errors of loading (documents not read)", kase.errors),
            ("Warnings of loading", kase.warnings),
            ("Warnings of the scan", r.warnings),
            ("Warnings of annotations.jsonl", c.options.annotationWarnings),
        ]
        for (title, issues) in groups {
            h += "<p><strong>\(HTMLFormat.escape(title))</strong>: \(issues.isEmpty ? "none." : "\(issues.count).")</p>\n"
            if issues.isEmpty { continue }
            h += "<ul class=\"issues\">\n" + issues.map { "<li>\(HTMLFormat.escape($0.description))</li>\n" }.joined() + "</ul>\n"
        }

        h += "<h3 id=\"s6-3\"><span class=\"num\">6.3</span> Annotations</h3>\n"
        if let notes = c.options.annotations {
            let orphans = notes.filter(\.orphaned).count
            h += "<p>\(notes.count == 1 ? "1 current annotation" : "\(notes.count) current annotations")"
                + (orphans > 0 ? ", \(orphans) of them orphaned (the annotated text was not found again; the recorded quote is shown)" : "")
                + ". Offsets are Unicode code points, [start, end).</p>\n"
            if !notes.isEmpty {
                h += "<table class=\"notes-table\">\n<thead><tr><th scope=\"col\">source</th><th scope=\"col\">span</th><th scope=\"col\">tag</th>"
                    + "<th scope=\"col\">note</th><th scope=\"col\">by, when</th><th scope=\"col\">status</th></tr></thead>\n<tbody>\n"
                for a in notes {
                    let status = a.orphaned
                        ? "orphaned; quote: " + (a.quote.map { "“\(HTMLFormat.escape($0))”" } ?? "(none recorded)")
                        : "anchored"
                    h += "<tr><td>\(HTMLFormat.escape(a.source))</td><td>[\(a.scalars.lowerBound), \(a.scalars.upperBound))</td>"
                        + "<td>\(HTMLFormat.escape(a.tag))</td><td>\(HTMLFormat.escape(a.note.isEmpty ? "(no text)" : a.note))</td>"
                        + "<td>\(HTMLFormat.escape(a.creator)), \(HTMLFormat.escape(a.created))</td><td>\(status)</td></tr>\n"
                }
                h += "</tbody>\n</table>\n"
            }
        } else {
            h += "<p>Not included: annotations.jsonl could not be read.</p>\n"
        }
        h += "<p class=\"disclaimer\">\(HTMLFormat.escape(ExportProvenance.disclaimer))</p>\n"
        h += "</section>\n"
        return ReportSection(entry: entry, subsections: subs, html: h)
    }
}
