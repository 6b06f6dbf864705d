import CSV
import Foundation

/// One CSV row per passage (SPEC §8): work, output, passage number, work start, work
/// end, output start, output end (Unicode scalar offsets, half-open), matched,
/// identity, tier, label (`no evidence: <cause>` for a passage that is not evidence),
/// evidence, model, method, then one column per other metadata field of the scanned
/// outputs (sorted by name), work excerpt, output excerpt. RFC 4180 quoting by CSV.swift;
/// cells that a spreadsheet would run as a formula are neutralized.
public enum CSVReport {
    /// The columns without metadata columns (the form exports use).
    public static let header = header(metadata: [])

    /// The columns, with one column per metadata field in `metadata`.
    public static func header(metadata: [String]) -> [String] {
        ["work", "output", "passage", "work_start", "work_end", "output_start", "output_end",
         "matched", "identity", "tier", "label", "evidence", "model", "method"]
            + metadata + ["work_excerpt", "output_excerpt"]
    }

    /// The CSV text. - Throws: only if the in-memory writer fails.
    public static func csv(case kase: Case, result r: ScanResult) throws -> String {
        let metadata = metadataFields(r.outputs.map { kase.outputs[$0.document] })
        var rows = [header(metadata: metadata)]
        for p in r.pairs {
            let work = kase.works[r.works[p.work].document]
            let output = kase.outputs[r.outputs[p.output].document]
            for (n, s) in p.passages.enumerated() {
                rows.append(passageCells(work: work, output: output, number: n + 1, passage: s, metadata: metadata))
            }
        }
        return try write(rows: rows)
    }

    /// Metadata field names of `outputs` other than `model` and `method`, sorted.
    static func metadataFields(_ outputs: [Document]) -> [String] {
        var names = Set<String>()
        for o in outputs { for m in o.metadata where m.key != "model" && m.key != "method" { names.insert(m.key) } }
        return names.sorted()
    }

    /// The cells of `header(metadata:)` for passage `number` (1-based) of a pair, before
    /// neutralization: offsets, figures, metadata, and the ids and both excerpts made
    /// visible (`VisibleText.escaped`: control characters shown, whitespace collapsed).
    static func passageCells(work: Document, output: Document, number: Int, passage s: Passage,
                             metadata: [String] = []) -> [String] {
        [VisibleText.escaped(work.id), VisibleText.escaped(output.id), String(number),
         String(s.workScalars.lowerBound), String(s.workScalars.upperBound),
         String(s.outputScalars.lowerBound), String(s.outputScalars.upperBound),
         String(s.matched), formatFraction(s.identity), s.tier.rawValue, s.displayLabel, s.evidence ? "true" : "false",
         VisibleText.escaped(output.model ?? ""), VisibleText.escaped(output.method ?? "unknown")]
            + metadata.map { VisibleText.escaped(output.metadata($0) ?? "") }
            + [VisibleText.escaped(VisibleText.slice(work.text, scalars: s.workScalars)),
               VisibleText.escaped(VisibleText.slice(output.text, scalars: s.outputScalars))]
    }

    /// `harbor [31, 277); orchard [0, 40)`: a passage's other places, for CSV cells.
    static func alsoInCell(_ s: Passage) -> String {
        VisibleText.escaped(s.alsoIn.map(\.description).joined(separator: "; "))
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
