/// Pooled figures of one work over a set of outputs: reconstruction (SPEC §4).
/// Coverages are fractions in [0, 1] of the work's tokens that are not excluded by
/// counsel; lengths are in tokens.
public struct WorkFigures: Sendable, Hashable {
    /// Share of work tokens reproduced (where not supplied) by passages with ≥ 40 matched words.
    public var strictCoverage: Double = 0
    /// Share of work tokens reproduced by any passage.
    public var looseCoverage: Double = 0
    /// Longest run of loosely reproduced work tokens after merging across outputs.
    public var longestBlock: Int = 0
    /// Number of maximal runs of strictly reproduced work tokens at least 40 tokens long.
    public var longPassages: Int = 0
    /// Outputs that reproduced at least one token of the work.
    public var outputsContributing: Int = 0
    /// Outputs aimed at the work: metadata `work` names it, or (for outputs without `work`
    /// metadata, or naming a work not in the case) the prompt holds ≥ k of its
    /// non-boilerplate tokens.
    public var attempts: Int = 0
    /// Attempts with an extraction-scale passage (≥ 40 matched words) in the work.
    public var hits: Int = 0
    /// *Substantial* findings.
    public var flags: [Finding] = []
    /// Loosely reproduced work token intervals (sorted, disjoint), for views.
    public var reproduced: [Range<Int>] = []
    /// Strictly reproduced work token intervals (sorted, disjoint), for views.
    public var strictReproduced: [Range<Int>] = []
    public init() {}
}

/// A work with its pooled figures, over all (filtered) outputs and per model.
public struct WorkResult: Sendable, Hashable {
    public var id: String
    public var title: String?
    /// Index into `Case.works`.
    public var document: Int
    /// Number of tokens of the work.
    public var tokens: Int
    /// Tokens of the work excluded by counsel (`ScanOptions.exclusions`): left out of
    /// the coverages' numerators and denominators.
    public var excludedTokens: Int = 0
    public var figures: WorkFigures
    /// Figures per model (`model` metadata; outputs without it under `unknown`), sorted by model.
    public var byModel: [(model: String, figures: WorkFigures)]

    public static func == (a: Self, b: Self) -> Bool {
        a.id == b.id && a.title == b.title && a.document == b.document && a.tokens == b.tokens
            && a.excludedTokens == b.excludedTokens
            && a.figures == b.figures && a.byModel.map(\.model) == b.byModel.map(\.model)
            && a.byModel.map(\.figures) == b.byModel.map(\.figures)
    }
    public func hash(into h: inout Hasher) { h.combine(id) }
}

/// An output as the scan saw it.
public struct OutputResult: Sendable, Hashable {
    public var id: String
    /// Index into `Case.outputs`.
    public var document: Int
    public var model: String?
    /// `method` metadata, or `unknown`.
    public var method: String
    /// `work` metadata: the work the prompt aimed at.
    public var work: String?
    /// Number of tokens of the output.
    public var tokens: Int
    /// Output tokens that are prompt echo.
    public var echoTokens: Int
    /// Output tokens inside an evidence passage with any work (not echo, boilerplate or
    /// aligned to excluded work text), each counted once, / output tokens (SPEC §4).
    public var tracedCoverage: Double = 0
}
