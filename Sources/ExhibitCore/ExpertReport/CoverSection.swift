/// Section 1: what the report is about, when and by what it was made, and the one
/// value that pins every input file.
enum CoverSection {
    static func build(_ c: ReportContext) -> ReportSection {
        let r = c.result
        let entry = ReportSection.Entry(number: "1", title: "Cover", anchor: "s1")
        var h = "<section id=\"s1\" class=\"cover\">\n<h2><span class=\"num\">1</span> Cover</h2>\n"
        h += "<table class=\"facts\">\n"
        func row(_ k: String, _ v: String) { h += "<tr><th scope=\"row\">\(HTMLFormat.escape(k))</th><td>\(v)</td></tr>\n" }
        row("Case", HTMLFormat.escape(c.kase.title))
        if let d = c.kase.settings.description, !d.isEmpty { row("Description", HTMLFormat.escape(d)) }
        row("Date", HTMLFormat.escape(c.options.date))
        row("Engine", HTMLFormat.escape("exhibit \(r.engineVersion)"))
        row("Works covered", c.works.count == r.works.count ? "all \(r.works.count)"
            : "\(c.works.count) of \(r.works.count): " + HTMLFormat.escape(c.works.map { r.works[$0].id }.joined(separator: ", ")))
        row("Outputs scanned", String(r.outputs.count) + (c.options.models.isEmpty ? ""
            : " (models " + HTMLFormat.escape(c.options.models.joined(separator: ", ")) + " only)"))
        row("Parameters", ExportProvenance.parameters(r).map {
            "<span class=\"param\">\(HTMLFormat.escape($0.label)) <strong>\(HTMLFormat.escape($0.value))</strong></span>"
        }.joined(separator: "; "))
        row("Case files", ExportProvenance.digest(c.kase.files).map {
            "\(c.kase.files.count) files; digest SHA-256 <code>\($0)</code> (the <code>sha256sum</code> listing of every file, sorted by path, hashed; files in section 6)"
        } ?? "no file hashes recorded")
        h += "</table>\n"
        h += "<p class=\"disclaimer\">\(HTMLFormat.escape(ExportProvenance.disclaimer))</p>\n"
        h += "</section>\n"
        return ReportSection(entry: entry, subsections: [], html: h)
    }
}
