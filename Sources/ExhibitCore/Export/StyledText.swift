/// A run of original text with one label: the unit every export format (and the
/// review screen) styles.
public struct StyledSegment: Sendable, Hashable {
    /// The original text, unescaped: formats make it safe (HTML escaping, visible
    /// control characters) when they write it.
    public var text: String
    public var label: TokenLabel
    /// Where `text` is in the document: Unicode scalar offsets, half-open.
    public var scalars: Range<Int>

    public init(text: String, label: TokenLabel, scalars: Range<Int>) {
        self.text = text
        self.label = label
        self.scalars = scalars
    }
}

/// Cuts a scalar range of a document into styled segments from its token labels.
///
/// Each token's scalars take its label. Text between two tokens (spaces, punctuation,
/// line breaks, control text) takes the label the two tokens share, so a verbatim
/// run reads as one marked span (`[[for the first time]]`, not `[[for]] [[the]] …`);
/// between tokens of different labels, and before the first or after the last token of
/// the range, it is `.outside` (plain), so a marker never claims a character that no
/// token on that side of it claims. Overlapping token ranges (tokens born of one
/// grapheme cluster) take the stronger label.
public enum StyledText {
    /// Segments covering `scalars` of `text` (clamped to the text), in order, adjacent
    /// segments with different labels.
    /// - Parameters:
    ///   - tokens: the document's token ranges (Unicode scalars, half-open).
    ///   - labels: labels of (at least) the tokens that intersect `scalars`.
    public static func segments(text: String, scalars: Range<Int>, tokens: DocumentTokens,
                                labels: TokenLabels) -> [StyledSegment] {
        let slice = VisibleText.slice(text, scalars: scalars)
        let base = max(0, scalars.lowerBound)
        let chars = Array(slice.unicodeScalars)
        guard !chars.isEmpty else { return [] }
        let end = base + chars.count

        // Per scalar: the label of the token that covers it, or nil in a gap.
        var perScalar = [TokenLabel?](repeating: nil, count: chars.count)
        var first = firstToken(endingAfter: base, tokens)
        while first < tokens.count && Int(tokens.starts[first]) < end {
            let label = labels[first]
            let lo = max(Int(tokens.starts[first]), base), hi = min(Int(tokens.ends[first]), end)
            for s in lo..<max(lo, hi) {
                let i = s - base
                if let old = perScalar[i], old.strength >= label.strength { continue }
                perScalar[i] = label
            }
            first += 1
        }

        // Gaps take the label shared by both neighbouring tokens, else `.outside`.
        var filled = [TokenLabel](repeating: .outside, count: chars.count)
        var i = 0
        while i < chars.count {
            if let l = perScalar[i] { filled[i] = l; i += 1; continue }
            var j = i
            while j < chars.count && perScalar[j] == nil { j += 1 }
            let left = i > 0 ? perScalar[i - 1] : nil
            let right = j < chars.count ? perScalar[j] : nil
            let l: TokenLabel = (left != nil && left == right) ? left! : .outside
            for k in i..<j { filled[k] = l }
            i = j
        }

        var out = [StyledSegment]()
        var start = 0
        for k in 1...chars.count where k == chars.count || filled[k] != filled[start] {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: chars[start..<k])
            out.append(StyledSegment(text: String(s), label: filled[start], scalars: (base + start)..<(base + k)))
            start = k
        }
        return out
    }

    /// Index of the first token whose end is after scalar `offset` (binary search; token
    /// ranges are in text order).
    static func firstToken(endingAfter offset: Int, _ tokens: DocumentTokens) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens.ends[mid]) <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The half-open token range whose tokens intersect `scalars` (possibly empty).
    public static func tokenRange(covering scalars: Range<Int>, _ tokens: DocumentTokens) -> Range<Int> {
        let lo = firstToken(endingAfter: scalars.lowerBound, tokens)
        var hi = lo
        while hi < tokens.count && Int(tokens.starts[hi]) < scalars.upperBound { hi += 1 }
        return lo..<hi
    }
}
