import CSV
import Foundation

/// One CSV row per passage (SPEC §8): work, output, passage number, work start, work
/// end, output start, output end (Unicode scalar offsets, half-open), matched,
/// identity, tier, label, work excerpt, output excerpt. RFC 4180 quoting by CSV.swift;
/// cells that a spreadsheet would run as a formula are neutralized.
public enum CSVReport {
    public static let header = ["work", "output", "passage", "work_start", "work_end", "output_start", "output_end",
                                "matched", "identity", "tier", "label", "work_excerpt", "output_excerpt"]

    /// The CSV text. - Throws: only if the in-memory writer fails.
    public static func csv(case kase: Case, result r: ScanResult) throws -> String {
        var rows = [header]
        for p in r.pairs {
            let work = kase.works[r.works[p.work].document]
            let output = kase.outputs[r.outputs[p.output].document]
            for (n, s) in p.passages.enumerated() {
                rows.append(passageCells(work: work, output: output, number: n + 1, passage: s))
            }
        }
        return try write(rows: rows)
    }

    /// The cells of `header` for passage `number` (1-based) of a pair, before
    /// neutralization: offsets, figures, and the ids and both excerpts made visible
    /// (`VisibleText.escaped`: control characters shown, whitespace collapsed).
    /// `keepLayout` keeps the excerpts' line breaks (exports: `CSVFormat`).
    static func passageCells(work: Document, output: Document, number: Int, passage s: Passage,
                             keepLayout: Bool = false) -> [String] {
        [VisibleText.escaped(work.id), VisibleText.escaped(output.id), String(number),
         String(s.workScalars.lowerBound), String(s.workScalars.upperBound),
         String(s.outputScalars.lowerBound), String(s.outputScalars.upperBound),
         String(s.matched), formatFraction(s.identity), s.tier.rawValue, s.label.rawValue,
         VisibleText.escaped(VisibleText.slice(work.text, scalars: s.workScalars), keepLayout: keepLayout),
         VisibleText.escaped(VisibleText.slice(output.text, scalars: s.outputScalars), keepLayout: keepLayout)]
    }

    /// RFC 4180 text of `rows`, every cell neutralized; ends with a line break.
    /// - Throws: only if the in-memory writer fails.
    static func write(rows: [[String]]) throws -> String {
        let writer = try CSVWriter(stream: .toMemory())
        for (i, row) in rows.enumerated() {
            if i > 0 { writer.beginNewRow() }
            for cell in row { try writer.write(field: neutralized(cell)) }
        }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A cell that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, so a
    /// spreadsheet shows it as text instead of evaluating it (OWASP, CSV injection).
    public static func neutralized(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }
}
