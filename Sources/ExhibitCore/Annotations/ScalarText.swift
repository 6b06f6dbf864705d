/// A document's decoded text as an array of Unicode scalars, the unit of every offset
/// Exhibit stores (SPEC §2): not UTF-16 code units, not bytes, not Characters (so CRLF is
/// two scalars and `e` + U+0301 is two, while an emoji outside the BMP is one).
public struct ScalarText: Sendable, Equatable {
    /// The text's Unicode scalars, in order.
    public let scalars: [Unicode.Scalar]
    /// Lower-case hex SHA-256 (FIPS 180-4) of the text encoded as UTF-8, as stored in
    /// `AnnotationTarget.sha256`.
    public let sha256: String

    public init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        sha256 = Self.sha256(of: text)
    }

    /// Length in Unicode scalars.
    public var count: Int { scalars.count }

    /// Lower-case hex SHA-256 of `text` encoded as UTF-8.
    public static func sha256(of text: String) -> String { FileHashing.sha256Hex(utf8: text) }

    /// The text of `range` (Unicode scalars, half-open), clamped to the text.
    public func string(_ range: Range<Int>) -> String {
        let lo = min(max(0, range.lowerBound), count), hi = min(max(lo, range.upperBound), count)
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[lo..<hi])
        return String(s)
    }

    /// The quote selector of `range` (Unicode scalars, half-open): its exact text and up
    /// to `TextQuoteSelector.contextLength` scalars of context on each side.
    public func quote(_ range: Range<Int>) -> TextQuoteSelector {
        let n = TextQuoteSelector.contextLength
        return TextQuoteSelector(exact: string(range),
                                 prefix: string(max(0, range.lowerBound - n)..<range.lowerBound),
                                 suffix: string(range.upperBound..<min(count, range.upperBound + n)))
    }

    /// The nearest grapheme cluster boundaries on each side of `offset` (Unicode scalars)
    /// when `offset` falls strictly inside a cluster (extended grapheme clusters of
    /// UAX #29, as Swift's `Character`), else nil; offsets outside `0...count` give nil.
    /// An annotation's start or end there would store half of a character.
    public func clusterBoundaries(around offset: Int) -> (before: Int, after: Int)? {
        guard offset > 0, offset < count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        var at = 0
        for ch in String(view) {
            let next = at + ch.unicodeScalars.count
            if offset == next { return nil }
            if offset < next { return (at, next) }
            at = next
        }
        return nil
    }
}
