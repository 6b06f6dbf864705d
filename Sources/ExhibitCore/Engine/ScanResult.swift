/// Token data of one scanned document, for views and exports: each token's scalar
/// range (half-open, Unicode scalars into the decoded text) and its marks.
public struct DocumentTokens: Sendable, Hashable {
    public var starts: [Int32]
    public var ends: [Int32]
    /// Per token: boilerplate (frequency rule or `boilerplate.txt`).
    public var boilerplate: [Bool]
    /// Per token: prompt echo (outputs only; empty for works).
    public var echo: [Bool]
    /// Per token: excluded by counsel (`ScanOptions.exclusions`; works only, empty for
    /// outputs and for works without exclusions).
    public var excluded: [Bool] = []

    public var count: Int { starts.count }

    /// Tokens marked as prompt echo.
    public var echoCount: Int { echo.reduce(0) { $1 ? $0 + 1 : $0 } }

    /// No token data: what an output without pairs and without marks keeps.
    public static let empty = DocumentTokens(starts: [], ends: [], boilerplate: [], echo: [])

    /// Whether an output's token data is worth keeping after its scan: only the pair
    /// view and exports read it, and only for an output with a pair or with a marked
    /// token (boilerplate, echo, excluded), since an output's unmarked tokens outside
    /// any pair are labelled exactly as no token data is (`TokenLabeler`, `StyledText`).
    /// Dropping the rest keeps an XL scan's memory and store small (most outputs have
    /// no pair).
    /// - Parameter hasPairs: the output has at least one pair.
    public func isWorthKeeping(hasPairs: Bool) -> Bool {
        hasPairs || boilerplate.contains(true) || echo.contains(true) || excluded.contains(true)
    }
}

/// Everything a scan found (SPEC §3, §4): pooled work figures, outputs, and the pairs
/// with at least one passage.
public struct ScanResult: Sendable {
    /// Engine version, stated in every report.
    public var engineVersion: String
    public var options: ScanOptions
    /// Works sorted by id.
    public var works: [WorkResult]
    /// Outputs kept by the filters, sorted by id.
    public var outputs: [OutputResult]
    /// Pairs sorted by work id, then output id.
    public var pairs: [PairResult]
    /// Parallel to `works`.
    public var workTokens: [DocumentTokens]
    /// Parallel to `outputs`; `DocumentTokens.empty` for an output whose token data is
    /// not worth keeping (`DocumentTokens.isWorthKeeping`: no pair, no marked token).
    /// Its counts are in `outputs` (`OutputResult.tokens`, `echoTokens`).
    public var outputTokens: [DocumentTokens]
    /// Problems the engine found (e.g. a short `boilerplate.txt` line).
    public var warnings: [CaseIssue]
    /// The boilerplate threshold in force (works), or nil when the rule is off.
    public var boilerplateWorks: Int?
    /// The exclusions applied: those of `options.exclusions` whose source is a work of
    /// the case, without duplicates, in report order (source, start, end, annotation).
    public var exclusions: [ExcludedSpan] = []
    /// Parallel to `outputs`: the works (indices into `works`, ascending) each output
    /// was aimed at, from which the pooled `attempts` and `hits` are counted. Kept so
    /// figures can be pooled again over a subset of the outputs (the results store).
    public var attempts: [[Int]] = []
    /// Parallel to `outputs`: each output's `OutputFingerprint`, or nil when unknown (a
    /// result merged from elsewhere). The results store keeps them, so a later scan can
    /// take over the results of outputs that did not change; nil is never taken over.
    public var outputFingerprints: [String?] = []
}

/// The version of the matching engine, stated in every report and export.
public let exhibitEngineVersion = "0.1.0"
