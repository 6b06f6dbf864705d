/// One output's results as a store holds them, for a scan that takes them over instead
/// of matching the output again (an incremental scan, SPEC §9).
public struct StoredOutput: Sendable, Hashable {
    /// Its token data (offsets, echo and boilerplate marks).
    public var tokens: DocumentTokens
    /// The works it was aimed at (indices into the works, ascending).
    public var attempts: [Int]
    /// Its pairs, in work order; their `output` index is rewritten by the scan.
    public var pairs: [PairResult]

    public init(tokens: DocumentTokens, attempts: [Int], pairs: [PairResult]) {
        self.tokens = tokens
        self.attempts = attempts
        self.pairs = pairs
    }
}
