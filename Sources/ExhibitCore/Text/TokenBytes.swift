/// A document's tokens as the tokenizer makes them (SPEC §2): the normalized forms'
/// UTF-8 laid end to end in one buffer, with each token's source range.
///
/// Token `i` is bytes `byteEnds[i - 1] ..< byteEnds[i]` of `bytes` (from 0 for the
/// first), taken from Unicode scalars `starts[i] ..< ends[i]` of the original text
/// (half-open). One buffer instead of a `String` per token: the matching engine
/// interns and resolves tokens straight from these bytes (`Vocabulary`), so a scan
/// allocates and releases no string per token.
struct TokenBytes: Sendable, Hashable {
    /// UTF-8 of every token, in order, with no separators.
    var bytes: [UInt8] = []
    /// End of each token in `bytes` (bytes, exclusive).
    var byteEnds: [UInt32] = []
    /// Scalar offset where each token's source starts.
    var starts: [Int32] = []
    /// Scalar offset where each token's source ends (exclusive).
    var ends: [Int32] = []

    var count: Int { byteEnds.count }

    /// Token `i`'s bytes as a half-open range of `bytes`.
    @inline(__always)
    func range(_ i: Int) -> Range<Int> {
        (i == 0 ? 0 : Int(byteEnds[i - 1]))..<Int(byteEnds[i])
    }

    /// The same tokens with a `String` per token.
    var tokenized: TokenizedText {
        var tokens = [String]()
        tokens.reserveCapacity(count)
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<count {
                let r = range(i)
                tokens.append(String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self))
            }
        }
        return TokenizedText(tokens: tokens, starts: starts, ends: ends)
    }
}
