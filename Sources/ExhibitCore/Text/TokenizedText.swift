/// A document's tokens (SPEC §2): normalized forms with their original ranges.
///
/// Token `i` is `tokens[i]`, taken from Unicode scalars `starts[i] ..< ends[i]` of
/// the original text (half-open). Tokens born of one grapheme cluster share its range.
public struct TokenizedText: Sendable, Hashable {
    /// Normalized form of each token.
    public var tokens: [String]
    /// Scalar offset where each token's source starts.
    public var starts: [Int32]
    /// Scalar offset where each token's source ends (exclusive).
    public var ends: [Int32]

    public init(tokens: [String] = [], starts: [Int32] = [], ends: [Int32] = []) {
        self.tokens = tokens
        self.starts = starts
        self.ends = ends
    }

    public var count: Int { tokens.count }
}
