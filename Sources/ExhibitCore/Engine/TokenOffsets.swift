/// Token → Unicode scalar offset mapping: the one place that turns a half-open range of
/// token indices into the half-open range of scalars it spans in the decoded text
/// (from the first token's start to the last token's end, the gaps between them included).
public enum TokenOffsets {
    /// Scalars of tokens `tokens` (half-open token indices) given each token's scalar
    /// `starts` and `ends`; `0..<0` when `tokens` is empty or runs past the tokens.
    public static func scalars(of tokens: Range<Int>, starts: [Int32], ends: [Int32]) -> Range<Int> {
        guard !tokens.isEmpty, tokens.lowerBound >= 0, tokens.upperBound <= starts.count,
              tokens.upperBound <= ends.count else { return 0..<0 }
        return Int(starts[tokens.lowerBound])..<Int(ends[tokens.upperBound - 1])
    }
}

extension DocumentTokens {
    /// Scalars (half-open, into the decoded text) of tokens `tokens` (half-open token
    /// indices), by ``TokenOffsets``.
    public func scalars(of tokens: Range<Int>) -> Range<Int> {
        TokenOffsets.scalars(of: tokens, starts: starts, ends: ends)
    }

    /// Tokens excluded by counsel (marked in `excluded`).
    public var excludedCount: Int { excluded.reduce(0) { $1 ? $0 + 1 : $0 } }

    /// The coverage denominator: tokens that are not excluded by counsel, at least 1
    /// (as the engine divides).
    public var coverageTokens: Int { max(count - excludedCount, 1) }
}

extension TokenizedText {
    /// Scalars (half-open) of tokens `tokens` (half-open token indices), by ``TokenOffsets``.
    public func scalars(of tokens: Range<Int>) -> Range<Int> {
        TokenOffsets.scalars(of: tokens, starts: starts, ends: ends)
    }
}
