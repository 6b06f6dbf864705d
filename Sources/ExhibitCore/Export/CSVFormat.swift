/// The `csv` format: provenance rows, an empty row, then one row per passage (pair and
/// work selections) or per annotation (annotation selections).
///
/// Provenance rows put `# <label>` in the first cell and the value in the second, padded
/// to the table's width so every row has the same number of cells (RFC 4180); scripts
/// skip them with e.g. pandas `comment="#"`, or by reading from the header row
/// (`work,output,passage,…` / `source,…`). Passage rows are the rows of `exhibit scan
/// --csv` (`CSVReport`, without metadata columns) plus `also_in` (the passage's other places),
/// `work_marked` and `output_marked` (the excerpts with the
/// text format's markers) and `notes`. Every cell has control characters made visible
/// and is neutralized against formula injection (`CSVReport.neutralized`). Cells of
/// case text (excerpts, notes) keep their line breaks inside the quoted cell (RFC 4180
/// §2.6), as spreadsheet programs show them; ids and labels are one line.
///
/// With `ExportOptions.byteOrderMark` (`exhibit export --excel`) the file starts with a
/// UTF-8 byte order mark, without which Excel reads UTF-8 as the system code page and
/// garbles accented letters.
enum CSVFormat {
    /// Columns added to `CSVReport.header(metadataKeys:)` for passages.
    static let passageExtra = ["also_in", "work_marked", "output_marked", "notes"]
    /// Columns of an annotation row.
    static let annotationHeader = ["source", "document", "role", "start", "end", "tag", "note", "creator", "created",
                                   "status", "excerpt", "excerpt_marked"]

    /// - Throws: only if the in-memory CSV writer fails.
    static func render(_ c: ExportContent, byteOrderMark: Bool = false) throws -> String {
        let keys = CSVReport.metadataKeys(of: c.passageRows.map(\.output))
        let header = c.kind == .annotations ? annotationHeader : CSVReport.header(metadataKeys: keys) + passageExtra
        let pad: ([String]) -> [String] = { $0 + [String](repeating: "", count: max(0, header.count - $0.count)) }
        var rows = [[String]]()
        rows.append(pad(["# Exhibit export", cell(c.title)]))
        // The label holds ids from the case (`Output <id>`): the same visible-text rule.
        for f in c.provenance.fields { rows.append(pad([cell("# " + f.label), cell(f.value)])) }
        rows.append(pad(["# Offsets", ExportProvenance.offsetsNote]))
        rows.append(pad(["# Note", ExportProvenance.disclaimer]))
        rows.append(pad(["# Markers", "[[verbatim]] {changed} <<from the prompt>> ~~boilerplate~~"
            + (c.showsExclusions ? " <~excluded by counsel~>" : "") + "; \\ before a literal [ ] { } < > ~ \\"]))
        rows.append(pad([]))
        rows.append(header)
        switch c.kind {
        case .pair, .work:
            for r in c.passageRows {
                rows.append(CSVReport.passageCells(work: r.work, output: r.output, number: r.number, passage: r.passage,
                                                      metadataKeys: keys, keepLayout: true)
                    + [CSVReport.alsoInCell(r.passage), TextMarkers.inline(r.workSegments, keepLayout: true),
                       TextMarkers.inline(r.outputSegments, keepLayout: true), notes(r.notes)])
            }
        case .annotations:
            for r in c.annotationRows {
                let a = r.annotation
                rows.append([cell(a.source), cell(r.document?.id ?? ""), r.document?.role.rawValue ?? "",
                             String(a.scalars.lowerBound), String(a.scalars.upperBound), cell(a.tag), text(a.note),
                             cell(a.creator), cell(a.created), r.status,
                             text(r.segments.isEmpty ? (r.exact ?? "") : r.segments.map(\.text).joined()),
                             TextMarkers.inline(r.segments, keepLayout: true)])
            }
        }
        return (byteOrderMark ? "\u{FEFF}" : "") + (try CSVReport.write(rows: rows))
    }

    /// A one-line field for a cell (ids, tags, dates), control characters visible.
    private static func cell(_ s: String) -> String { VisibleText.escaped(s) }

    /// Case text or a note for a cell: its line breaks kept, control characters visible.
    private static func text(_ s: String) -> String { VisibleText.escaped(s, keepLayout: true) }

    private static func notes(_ notes: [ExportAnnotation]) -> String {
        notes.map { "[\(cell($0.tag))] \(text($0.note)) (\(cell($0.creator)), \(cell($0.created)), \(cell($0.source)) [\($0.scalars.lowerBound), \($0.scalars.upperBound)))" }
            .joined(separator: " | ")
    }
}
