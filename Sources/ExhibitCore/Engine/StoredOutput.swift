/// One output's results as a store holds them, for a scan that takes them over instead
/// of matching the output again (an incremental scan, SPEC §9).
public struct StoredOutput: Sendable, Hashable {
    /// Its token data (offsets, echo and boilerplate marks); empty for an output the
    /// store keeps none for (`DocumentTokens.isWorthKeeping`), or when `undecoded`.
    public var tokens: DocumentTokens
    /// Its tokens (words), whether or not `tokens` holds their data.
    public var tokenCount: Int
    /// Its tokens marked as prompt echo, whether or not `tokens` holds their data.
    public var echoTokens: Int
    /// The works it was aimed at (indices into the works, ascending).
    public var attempts: [Int]
    /// Its pairs, in work order; their `output` index is rewritten by the scan.
    public var pairs: [PairResult]
    /// Set when the token data was left as the store holds it (a scan whose result only
    /// goes to the reports and back to the store, `ResultsStore.reusable(tokens: false)`):
    /// the stored bytes, written back as they are.
    public var undecoded: UndecodedTokens?
    /// Its index among the outputs of the case the store was written from (the
    /// record's `OutputResult.document`); nil when not read from a store. A store
    /// update that keeps its row checks it is unchanged (`ResultsStore.addOutputs`).
    public var storedDocument: Int?

    /// - Parameters:
    ///   - tokenCount, echoTokens: the output's counts (tokens); nil: those of `tokens`.
    public init(tokens: DocumentTokens, attempts: [Int], pairs: [PairResult], tokenCount: Int? = nil,
                echoTokens: Int? = nil, undecoded: UndecodedTokens? = nil) {
        self.tokens = tokens
        self.tokenCount = tokenCount ?? tokens.count
        self.echoTokens = echoTokens ?? tokens.echoCount
        self.attempts = attempts
        self.pairs = pairs
        self.undecoded = undecoded
    }
}

/// A stored output's token data not decoded: its record as the store holds it.
public struct UndecodedTokens: Sendable, Hashable {
    /// The output's stored `record` (`ResultCodec`).
    var record: [UInt8]
    /// Where in `record` its token data starts: from there on (token data, then
    /// attempts) the bytes are the same for the output wherever it stands.
    var tail: Int
}
