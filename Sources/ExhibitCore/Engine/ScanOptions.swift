/// A `--where KEY=VALUE` filter: keeps outputs whose metadata field `key` has the
/// text `value` (`true`, `gpt-4.1`, `3`). `id` and `model` can be filtered too.
public struct MetadataFilter: Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }

    /// Parses `KEY=VALUE`; nil when there is no `=` or the key is empty.
    public init?(_ text: String) {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else { return nil }
        key = String(text[..<eq])
        value = String(text[text.index(after: eq)...])
    }

    public func matches(_ d: Document) -> Bool {
        key == "id" ? d.id == value : d.metadata(key) == value
    }

    public var description: String { "\(key)=\(value)" }
}

/// Everything a scan depends on besides the case's documents.
public struct ScanOptions: Sendable, Hashable {
    public var match: MatchParameters
    public var findings: FindingsParameters
    public var normalize: NormalizationOptions
    /// Outputs must match every filter.
    public var filters: [MetadataFilter]
    /// Worker threads; results never depend on it.
    public var threads: Int
    /// Work spans left out of the figures (counsel's `exclude` annotations; see
    /// `ExcludedSpan` for how they count). Order does not matter; a span whose source
    /// is no work of the case is reported as a warning and changes nothing.
    public var exclusions: [ExcludedSpan]

    public init(match: MatchParameters = MatchParameters(), findings: FindingsParameters = FindingsParameters(),
                normalize: NormalizationOptions = NormalizationOptions(), filters: [MetadataFilter] = [],
                threads: Int = 1, exclusions: [ExcludedSpan] = []) {
        self.match = match
        self.findings = findings
        self.normalize = normalize
        self.filters = filters
        self.threads = threads
        self.exclusions = exclusions
    }

    /// The case's settings, with its `[match]`, `[findings]` and `[normalize]`.
    public init(settings: CaseSettings, threads: Int = 1) {
        self.init(match: settings.match, findings: settings.findings, normalize: settings.normalize, threads: threads)
    }
}

/// How far a scan has come; delivered to a progress handler from worker threads.
public struct ScanProgress: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable {
        case tokenizing, indexing, matching, pooling, done
    }
    public var phase: Phase
    /// Documents tokenized so far, of `documentsTotal`.
    public var documentsTokenized: Int
    public var documentsTotal: Int
    /// Outputs matched against all works so far, of `outputsTotal`.
    public var outputsMatched: Int
    public var outputsTotal: Int
    /// Pairs with at least one passage found so far.
    public var pairsFound: Int
}
