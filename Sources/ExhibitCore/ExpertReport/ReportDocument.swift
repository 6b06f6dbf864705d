/// Puts the numbered sections together into one self-contained HTML page: no
/// script, no remote resource (a Content-Security-Policy forbids both), styles
/// inline, a table of contents with section numbers and links.
enum ReportDocument {
    static func render(_ c: ReportContext) -> String {
        let sections = [CoverSection.build(c), MethodsSection.build(c), SummarySection.build(c),
                        WorkSection.build(c), ExhibitsSection.build(c), AppendixSection.build(c)]
        let title = "Expert report appendix: \(c.kase.title)"
        let header = VisibleText.escaped(c.kase.title) + " — " + c.options.date
        var h = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="generator" content="exhibit \(HTMLFormat.attribute(c.result.engineVersion))">
        <title>\(HTMLFormat.attribute(title))</title>
        <style>
        \(ReportStyle.css(paper: c.options.paper, runningHeader: header))</style>
        </head>
        <body>
        <h1>\(HTMLFormat.escape(title))</h1>
        <p class="note">\(HTMLFormat.escape(c.options.date)) · exhibit \(HTMLFormat.escape(c.result.engineVersion))</p>

        """
        h += sections[0].html
        h += "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
        for s in sections {
            h += "<li>" + link(s.entry)
            if !s.subsections.isEmpty {
                h += "\n<ol>\n" + s.subsections.map { "<li>" + link($0) + "</li>\n" }.joined() + "</ol>\n"
            }
            h += "</li>\n"
        }
        h += "</ol>\n</nav>\n"
        for s in sections.dropFirst() { h += s.html }
        h += "</body>\n</html>\n"
        return h
    }

    private static func link(_ e: ReportSection.Entry) -> String {
        "<a href=\"#\(e.anchor)\"><span class=\"num\">\(e.number)</span> \(HTMLFormat.escape(e.title))</a>"
    }
}
