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
        let writer = try CSVWriter(stream: .toMemory())
        try writer.write(row: header)
        for p in r.pairs {
            let work = kase.works[r.works[p.work].document]
            let output = kase.outputs[r.outputs[p.output].document]
            for (n, s) in p.passages.enumerated() {
                writer.beginNewRow()
                let row = [work.id, output.id, String(n + 1),
                           String(s.workScalars.lowerBound), String(s.workScalars.upperBound),
                           String(s.outputScalars.lowerBound), String(s.outputScalars.upperBound),
                           String(s.matched), formatFraction(s.identity), s.tier.rawValue, s.label.rawValue,
                           VisibleText.escaped(VisibleText.slice(work.text, scalars: s.workScalars)),
                           VisibleText.escaped(VisibleText.slice(output.text, scalars: s.outputScalars))]
                for cell in row { try writer.write(field: neutralized(cell)) }
            }
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
