/// Everything a scan's results depend on (SPEC §9), as text and its SHA-256: a store
/// is current only when its key equals the key of the case as it stands now.
///
/// Parts: the engine version and the store's schema version; every matching, findings
/// and normalization parameter (all their fields, so a new parameter joins the key
/// without a change here); the `--where` filters in their order (the commands store
/// unfiltered results and filter when reading, so theirs are empty); `--no-exclusions`
/// and the exclusions in force; and the SHA-256 of every file the case was read from
/// (works, outputs, `case.toml`, `boilerplate.txt`), sorted by path, and the ids of
/// the documents scanned. The thread count
/// is not part of it: results never depend on it.
public struct StoreKey: Sendable, Hashable {
    /// One part a line, for `meta.key_text` (readable when a key is compared by hand).
    public let text: String
    /// Lowercase hex SHA-256 of `text`'s UTF-8.
    public let digest: String

    public init(case kase: Case, options: ScanOptions, noExclusions: Bool,
                engineVersion: String = exhibitEngineVersion) {
        var lines = [
            "engine \(engineVersion)",
            "schema \(StoreSchema.version)",
            "match \(String(reflecting: options.match))",
            "findings \(String(reflecting: options.findings))",
            "normalize \(String(reflecting: options.normalize))",
            "no-exclusions \(noExclusions)",
        ]
        lines += options.filters.map { "where \($0.key)=\($0.value)" }
        lines += Set(options.exclusions).sorted(by: ExcludedSpan.reportOrder).map {
            "exclude \($0.source) \($0.scalars.lowerBound) \($0.scalars.upperBound) \($0.annotation ?? "-")"
        }
        lines += kase.files.sorted { $0.path < $1.path }.map { "file \($0.sha256) \($0.path)" }
        // The documents scanned, in case order: a case narrowed after loading (the
        // report's `--model`) reads the same files but scans fewer outputs.
        let documents = (kase.works.map { "w \($0.id)" } + kase.outputs.map { "o \($0.id)" }).joined(separator: "\n")
        lines.append("documents \(kase.works.count) \(kase.outputs.count) \(FileHashing.sha256Hex(utf8: documents))")
        text = lines.joined(separator: "\n") + "\n"
        digest = FileHashing.sha256Hex(utf8: text)
    }

    /// True when this key and `stored` (another key's text) differ at most in the
    /// outputs: only `file` lines of paths under `outputs/` and the `documents` line
    /// differ, so the works, parameters, exclusions, `case.toml` and `boilerplate.txt`
    /// are the same and the stored results of unchanged outputs hold as they are.
    public func differsOnlyInOutputs(from stored: String) -> Bool {
        // Compared as UTF-8 bytes (exactly, which is never looser than comparing the
        // Strings): `String`'s comparisons follow canonical equivalence, which over the
        // 10,000 file lines of a large case took a tenth of a second a call.
        func base(_ text: String) -> [ArraySlice<UInt8>] {
            Array(text.utf8).split(separator: UInt8(ascii: "\n")).filter { line in
                if line.starts(with: "documents ".utf8) { return false }
                guard line.starts(with: "file ".utf8) else { return true }
                // `file <sha256> <path>`
                let afterHash = line.dropFirst(5).drop { $0 != UInt8(ascii: " ") }
                return !afterHash.dropFirst().starts(with: "outputs/".utf8)
            }
        }
        return base(stored) == base(text)
    }

    /// What differs between this key and `stored` (another key's text), for a notice:
    /// the kinds of lines that changed, e.g. `files, match`.
    public func changes(from stored: String) -> String {
        let old = Set(stored.split(separator: "\n")), new = Set(text.split(separator: "\n"))
        let kinds = Set(old.symmetricDifference(new).map { $0.prefix { $0 != " " } })
        return kinds.isEmpty ? "key" : kinds.sorted().joined(separator: ", ")
    }
}
