import CSV
import Foundation

/// One CSV row per passage (SPEC §8): work, output, passage number, work start, work
/// end, output start, output end (Unicode scalar offsets, half-open), matched,
/// identity, tier, label, evidence, model, method, one column per other metadata
/// field of the outputs (sorted by name; empty when an output lacks it), work excerpt,
/// output excerpt. RFC 4180 quoting by CSV.swift; cells that a spreadsheet would run
/// as a formula are neutralized.
public enum CSVReport {
    /// The columns before the metadata fields.
    public static let leadingColumns = ["work", "output", "passage", "work_start", "work_end", "output_start", "output_end",
                                        "matched", "identity", "tier", "label", "evidence", "model", "method"]
    /// The columns after the metadata fields.
    public static let trailingColumns = ["work_excerpt", "output_excerpt"]

    /// The header for outputs with the metadata fields `metadataKeys` (`metadataKeys(of:)`).
    /// A field named like a fixed column (`work`: the work the prompt aimed at) is headed
    /// `metadata_<name>`, so no two columns share a name.
    public static func header(metadataKeys: [String]) -> [String] {
        let fixed = Set(leadingColumns + trailingColumns)
        return leadingColumns + metadataKeys.map { fixed.contains($0) ? "metadata_" + $0 : $0 } + trailingColumns
    }

    /// The metadata fields of `outputs` other than `model` and `method`, sorted by name
    /// (byte order), each once.
    public static func metadataKeys(of outputs: [Document]) -> [String] {
        Set(outputs.flatMap { $0.metadata.map(\.key) }).subtracting(["model", "method"])
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The CSV text. - Throws: only if the in-memory writer fails.
    public static func csv(case kase: Case, result r: ScanResult) throws -> String {
        let keys = metadataKeys(of: r.outputs.map { kase.outputs[$0.document] })
        var rows = [header(metadataKeys: keys)]
        for p in r.pairs {
            let work = kase.works[r.works[p.work].document]
            let output = kase.outputs[r.outputs[p.output].document]
            for (n, s) in p.passages.enumerated() {
                rows.append(passageCells(work: work, output: output, number: n + 1, passage: s, metadataKeys: keys))
            }
        }
        return try write(rows: rows)
    }

    /// The cells of `header(metadataKeys:)` for passage `number` (1-based) of a pair,
    /// before neutralization: offsets, figures, evidence (`true`/`false`), the output's
    /// model (empty when not recorded), method (`unknown` when not recorded) and
    /// metadata, and the ids and both excerpts made visible (`VisibleText.escaped`:
    /// control characters shown, whitespace collapsed).
    static func passageCells(work: Document, output: Document, number: Int, passage s: Passage,
                             metadataKeys: [String]) -> [String] {
        let offsets = [String(s.workScalars.lowerBound), String(s.workScalars.upperBound),
                       String(s.outputScalars.lowerBound), String(s.outputScalars.upperBound)]
        let figures = [String(s.matched), formatFraction(s.identity), s.tier.rawValue, s.label.rawValue,
                       isEvidence(s) ? "true" : "false"]
        let meta: [String] = [VisibleText.escaped(output.model ?? ""), VisibleText.escaped(output.method ?? "unknown")]
            + metadataKeys.map { VisibleText.escaped(output.metadata($0) ?? "") }
        let excerpts = [VisibleText.escaped(VisibleText.slice(work.text, scalars: s.workScalars)),
                        VisibleText.escaped(VisibleText.slice(output.text, scalars: s.outputScalars))]
        return [VisibleText.escaped(work.id), VisibleText.escaped(output.id), String(number)] + offsets + figures + meta + excerpts
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
