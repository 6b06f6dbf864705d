import Foundation

/// The header every export starts with (SPEC §4, §6): the case, the documents with
/// their SHA-256, the engine version, the parameters, the date, and the statement that
/// figures are evidence, not a legal conclusion. Values are case text where noted;
/// formats escape them.
public struct ExportProvenance: Sendable, Hashable {
    /// A document the export shows, with the hash of the file that holds it.
    public struct DocumentEntry: Sendable, Hashable {
        public var role: DocumentRole
        public var id: String
        /// Case-relative path of the file.
        public var path: String
        /// `path`, with `#id` for a JSONL record.
        public var source: String
        /// Lower-case hex SHA-256 of the file's bytes, or nil when the loader did not record it.
        public var sha256: String?
    }

    /// A work span counsel excluded from the figures, on a work the export shows.
    public struct ExclusionEntry: Sendable, Hashable {
        /// The work's source (`works/a.txt`).
        public var source: String
        /// Unicode scalar offsets into the work's decoded text, half-open.
        public var scalars: Range<Int>
        /// Work tokens the span excludes.
        public var tokens: Int
        /// Id of the `exclude` annotation, when there is one.
        public var annotation: String?
    }

    /// The sentence every export carries.
    public static let disclaimer = "The figures are evidence for review, not a legal conclusion."
    /// How to read offsets, stated once per export.
    public static let offsetsNote = "Offsets are Unicode scalar (code point) offsets into each document's decoded text,"
        + " half-open [start, end); token ranges count words (tokens), half-open."

    /// Where every figure is defined, stated in every export.
    public static let definitions = "docs/figures.md in the Exhibit repository: every figure, its unit and its rule"

    /// Case title (case text).
    public var caseTitle: String
    /// What is exported, e.g. `pair harbor-lights × o-extract-harbor, all passages` (case text).
    public var subject: String
    /// Export date, ISO 8601 in UTC (`2025-01-31T09:30:00Z`).
    public var date: String
    /// `exhibit 0.1.0`.
    public var engine: String
    /// Parameters in force, as name/value text, in a fixed order.
    public var parameters: [ExportField]
    /// The documents shown, in the order they appear.
    public var documents: [DocumentEntry]
    /// `case.toml`, `boilerplate.txt` and `annotations.jsonl` when the case lists them.
    public var settingsFiles: [CaseFile]
    /// Files the case lists in all.
    public var caseFileCount: Int
    /// SHA-256 of the `sha256sum` listing of every case file (`<hash>  <path>\n`, sorted
    /// by path): one value that pins the whole case; nil when no file hashes are known.
    public var caseDigest: String?
    /// Whether annotation notes are included, e.g. `3 included` or `not available …`.
    public var annotations: String
    /// Exclusions on the works shown (all of the scan's exclusions are counted in the
    /// `excluded` parameter), in report order.
    public var exclusions: [ExclusionEntry]

    /// Builds the header.
    /// - Parameters:
    ///   - documents: the documents the export shows, in order; duplicates are dropped.
    ///   - annotationsShown: how many annotations the export includes, when a store was given.
    init(case kase: Case, result r: ScanResult, subject: String, documents: [Document], options: ExportOptions,
         annotationsShown: Int) {
        caseTitle = kase.title
        self.subject = subject
        date = Self.isoDate(options.date)
        engine = "exhibit \(r.engineVersion)"
        parameters = Self.parameters(r)
        let hashes = Dictionary(kase.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        var seen = Set<String>()
        self.documents = documents.compactMap { d in
            guard seen.insert(d.source + "\u{0}" + d.role.rawValue).inserted else { return nil }
            return DocumentEntry(role: d.role, id: d.id, path: d.path, source: d.source, sha256: hashes[d.path])
        }
        settingsFiles = kase.files.filter { ["case.toml", "boilerplate.txt", "annotations.jsonl"].contains($0.path) }
        caseFileCount = kase.files.count
        caseDigest = Self.digest(kase.files)
        if options.annotations == nil {
            annotations = "not included (no annotation store was available to this export)"
        } else {
            annotations = annotationsShown == 1 ? "1 included" : "\(annotationsShown) included"
        }
        let shownWorks = Set(self.documents.filter { $0.role == .work }.map(\.source))
        exclusions = r.exclusions.filter { shownWorks.contains($0.source) }.map { x in
            let tokens = kase.works.firstIndex { $0.source == x.source }
                .flatMap { d in r.works.firstIndex { $0.document == d } }
                .map { w in
                    let t = r.workTokens[w]
                    return ExcludedSpan.tokenMask([x.scalars], starts: t.starts, ends: t.ends).reduce(0) { $1 ? $0 + 1 : $0 }
                } ?? 0
            return ExclusionEntry(source: x.source, scalars: x.scalars, tokens: tokens, annotation: x.annotation)
        }
    }

    /// `date` as ISO 8601 in UTC, to the second.
    static func isoDate(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    /// Hex SHA-256 of the `sha256sum`-style listing of `files`, sorted by path; nil when empty.
    /// Reproducible with `sha256sum FILES… | sha256sum` run in the case folder on the
    /// same files in the same (byte-wise sorted) order.
    public static func digest(_ files: [CaseFile]) -> String? {
        guard !files.isEmpty else { return nil }
        let listing = files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
            .map { "\($0.sha256)  \($0.path)\n" }.joined()
        return FileHashing.sha256Hex(utf8: listing)
    }

    /// The scan's parameters, in the order of the JSON report (SPEC §8).
    static func parameters(_ r: ScanResult) -> [ExportField] {
        let m = r.options.match, f = r.options.findings, n = r.options.normalize
        let on: (Bool) -> String = { $0 ? "on" : "off" }
        let list: [(String, String)] = [
            ("min_words", String(m.minWords)),
            ("max_gap", String(m.maxGap)),
            ("min_identity", formatFraction(m.minIdentity)),
            ("x_drop", String(m.xDrop)),
            ("echo_words", String(m.echoWords)),
            ("boilerplate_works", r.boilerplateWorks.map(String.init) ?? "off (fewer than 4 works, or disabled)"),
            ("substantial_words", String(f.substantialWords)),
            ("near_exact_identity", formatFraction(f.nearExactIdentity)),
            ("substantial_fraction", formatFraction(f.substantialFraction)),
            ("normalize", "nfkc \(on(n.nfkc)), case_fold \(on(n.caseFold)), quotes \(on(n.quotes)), "
                + "invisibles \(on(n.invisibles)), hyphens \(on(n.hyphens)), cjk_chars \(on(n.cjkChars))"),
            ("where", r.options.filters.isEmpty ? "(all outputs)" : r.options.filters.map(\.description).joined(separator: " ")),
            ("excluded", r.exclusions.isEmpty ? "none"
                : r.exclusions.count == 1 ? "1 work span (exclude annotations)" : "\(r.exclusions.count) work spans (exclude annotations)"),
        ]
        return list.map { ExportField($0.0, $0.1) }
    }

    /// The header as label/value lines, the form the text, Markdown, HTML and CSV
    /// formats lay out. Values may hold case text.
    public var fields: [ExportField] {
        var out: [(String, String)] = [
            ("Case", caseTitle),
            ("Exported", subject),
            ("Date", date),
            ("Engine", engine),
            ("Parameters", parameters.map { "\($0.label) \($0.value)" }.joined(separator: "; ")),
            ("Definitions", Self.definitions),
        ]
        for d in documents {
            out.append(("\(d.role == .work ? "Work" : "Output") \(d.id)",
                        "\(d.source), sha256 \(d.sha256 ?? "not recorded by the case loader")"))
        }
        for f in settingsFiles { out.append(("Settings", "\(f.path), sha256 \(f.sha256)")) }
        for x in exclusions {
            out.append(("Excluded", "\(x.source) [\(x.scalars.lowerBound), \(x.scalars.upperBound)): "
                + "\(x.tokens == 1 ? "1 work word" : "\(x.tokens) work words") left out of the figures"
                + (x.annotation.map { ", annotation \($0)" } ?? "")))
        }
        out.append(("Case files", caseDigest.map { "\(caseFileCount) files, digest sha256 \($0) (sha256sum listing sorted by path, hashed)" }
                        ?? "file hashes not recorded by the case loader"))
        out.append(("Annotations", annotations))
        return out.map { ExportField($0.0, $0.1) }
    }
}
