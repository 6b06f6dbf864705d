import TOMLKit

/// The `[[import]]` entries of `case.toml`: one per file `exhibit import` wrote, naming
/// the source it came from. They also mark which case files the importer owns (may
/// append to); every other file in `works/` and `outputs/` it never touches.
///
/// ```
/// [[import]]
/// format = "recap"
/// source = "/data/recap/A_Christmas_Carol_…json"
/// sha256 = "12467131…"
/// importer = "exhibit import 1"
/// output = "outputs/recap--A_Christmas_Carol_….jsonl"
/// records = 103
/// ```
/// Optional `joined` and `joined_sha256` name files read alongside the source (an
/// lm-eval results file).
public struct ImportEntry: Sendable, Hashable {
    /// The importer's format name, or `work-text` for a `--work-text` copy.
    public var format: String
    /// Absolute path of the source file when imported.
    public var source: String
    /// SHA-256 of the source's bytes (lower-case hex).
    public var sha256: String
    /// `CaseImporter.importerVersion` of the import that wrote the file.
    public var importer: String
    /// Case-relative path of the file written.
    public var output: String
    /// Records written by this import.
    public var records: Int
    /// Absolute paths of files read alongside the source.
    public var joined: [String] = []
    /// SHA-256 of each `joined` file, in the same order.
    public var joinedSHA256: [String] = []

    /// An entry; see the properties.
    public init(format: String, source: String, sha256: String, importer: String, output: String, records: Int,
                joined: [String] = [], joinedSHA256: [String] = []) {
        self.format = format
        self.source = source
        self.sha256 = sha256
        self.importer = importer
        self.output = output
        self.records = records
        self.joined = joined
        self.joinedSHA256 = joinedSHA256
    }

    /// The entry as TOML text (an `[[import]]` table), strings escaped.
    public var toml: String {
        var out = "[[import]]\n"
        out += "format = \(ImportProvenance.quote(format))\n"
        out += "source = \(ImportProvenance.quote(source))\n"
        out += "sha256 = \(ImportProvenance.quote(sha256))\n"
        out += "importer = \(ImportProvenance.quote(importer))\n"
        out += "output = \(ImportProvenance.quote(output))\n"
        out += "records = \(records)\n"
        if !joined.isEmpty {
            out += "joined = [" + joined.map(ImportProvenance.quote).joined(separator: ", ") + "]\n"
            out += "joined_sha256 = [" + joinedSHA256.map(ImportProvenance.quote).joined(separator: ", ") + "]\n"
        }
        return out
    }
}

/// Reads and writes `[[import]]` entries.
public enum ImportProvenance {
    /// The entries in `text` (a case.toml); empty when there are none or the TOML does
    /// not parse (the loader reports that).
    public static func entries(in text: String) -> [ImportEntry] {
        guard let table = try? TOMLTable(string: text), let list = table["import"]?.array else { return [] }
        return list.compactMap { item -> ImportEntry? in
            guard let t = item.table, let format = t["format"]?.string, let output = t["output"]?.string else { return nil }
            return ImportEntry(format: format, source: t["source"]?.string ?? "", sha256: t["sha256"]?.string ?? "",
                               importer: t["importer"]?.string ?? "", output: output, records: t["records"]?.int ?? 0,
                               joined: t["joined"]?.array?.compactMap { $0.string } ?? [],
                               joinedSHA256: t["joined_sha256"]?.array?.compactMap { $0.string } ?? [])
        }
    }

    /// `s` as a TOML basic string: `"` and `\` escaped, control characters as `\n`,
    /// `\t`, … or `\uXXXX` (TOML v1.0.0 §String).
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
