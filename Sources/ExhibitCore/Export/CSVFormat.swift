/// The `csv` format: provenance rows, an empty row, then one row per passage (pair and
/// work selections) or per annotation (annotation selections).
///
/// Provenance rows put `# <label>` in the first cell and the value in the second, padded
/// to the table's width so every row has the same number of cells (RFC 4180); scripts
/// skip them with e.g. pandas `comment="#"`, or by reading from the header row
/// (`work,output,passage,…` / `source,…`). Passage rows are the rows of `exhibit scan
/// --csv` (`CSVReport`) plus `work_marked` and `output_marked` (the excerpts with the
/// text format's markers) and `notes`. Every cell has control characters made visible
/// and is neutralized against formula injection (`CSVReport.neutralized`).
enum CSVFormat {
    /// Columns added to `CSVReport.header(metadataKeys:)` for passages.
    static let passageExtra = ["work_marked", "output_marked", "notes"]
    /// Columns of an annotation row.
    static let annotationHeader = ["source", "document", "role", "start", "end", "tag", "note", "creator", "created",
                                   "status", "excerpt", "excerpt_marked"]

    /// - Throws: only if the in-memory CSV writer fails.
    static func render(_ c: ExportContent) throws -> String {
        let keys = CSVReport.metadataKeys(of: c.passageRows.map(\.output))
        let header = c.kind == .annotations ? annotationHeader : CSVReport.header(metadataKeys: keys) + passageExtra
        let pad: ([String]) -> [String] = { $0 + [String](repeating: "", count: max(0, header.count - $0.count)) }
        var rows = [[String]]()
        rows.append(pad(["# Exhibit export", cell(c.title)]))
        for f in c.provenance.fields { rows.append(pad(["# " + f.label, cell(f.value)])) }
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
                                                      metadataKeys: keys)
                    + [TextMarkers.inline(r.workSegments), TextMarkers.inline(r.outputSegments), notes(r.notes)])
            }
        case .annotations:
            for r in c.annotationRows {
                let a = r.annotation
                rows.append([cell(a.source), cell(r.document?.id ?? ""), r.document?.role.rawValue ?? "",
                             String(a.scalars.lowerBound), String(a.scalars.upperBound), cell(a.tag), cell(a.note),
                             cell(a.creator), cell(a.created), r.status,
                             cell(r.segments.isEmpty ? (r.exact ?? "") : r.segments.map(\.text).joined()),
                             TextMarkers.inline(r.segments)])
            }
        }
        return try CSVReport.write(rows: rows)
    }

    /// Case text for a cell: one line, control characters visible.
    private static func cell(_ s: String) -> String { VisibleText.escaped(s) }

    private static func notes(_ notes: [ExportAnnotation]) -> String {
        notes.map { "[\(cell($0.tag))] \(cell($0.note)) (\(cell($0.creator)), \(cell($0.created)), \(cell($0.source)) [\($0.scalars.lowerBound), \($0.scalars.upperBound)))" }
            .joined(separator: " | ")
    }
}
