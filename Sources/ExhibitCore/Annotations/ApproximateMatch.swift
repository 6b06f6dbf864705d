/// Edit distance (Levenshtein: insertions, deletions, substitutions of Unicode scalars,
/// each costing 1) and approximate substring search.
///
/// Both use the bit-parallel dynamic programming of G. Myers, "A fast bit-vector algorithm
/// for approximate string matching based on dynamic programming" (J. ACM 46(3), 1999),
/// in its blocked form for patterns longer than 64 scalars: one column of the DP
/// matrix is kept as bit vectors of vertical deltas (+1 / −1 / 0) and advanced one text
/// scalar at a time in O(⌈m / 64⌉) word operations, so a search costs
/// O(n · ⌈m / 64⌉) for a text of n and a pattern of m scalars.
public enum ApproximateMatch {
    /// The bottom row of the edit-distance matrix of `pattern` against `text`:
    /// `row[j]` for `j` in `0...text.count` is the least number of edits that turn
    /// `pattern` into
    /// - a substring of `text` ending at `j` (any start), when `anchoredStart` is false
    ///   (Sellers' search problem);
    /// - `text[0..<j]`, when `anchoredStart` is true (so `row[text.count]` is the
    ///   Levenshtein distance).
    public static func bottomRow(pattern: [Unicode.Scalar], text: ArraySlice<Unicode.Scalar>,
                                 anchoredStart: Bool) -> [Int] {
        let m = pattern.count
        var row = [Int]()
        row.reserveCapacity(text.count + 1)
        guard m > 0 else {
            for j in 0...text.count { row.append(anchoredStart ? j : 0) }
            return row
        }
        let blocks = (m + 63) / 64
        // Peq: for each distinct pattern scalar, the bit vector of its positions.
        var alphabet: [Unicode.Scalar: Int] = [:]
        var peq: [UInt64] = []
        for (i, c) in pattern.enumerated() {
            let a: Int
            if let known = alphabet[c] {
                a = known
            } else {
                a = alphabet.count
                alphabet[c] = a
                peq.append(contentsOf: repeatElement(0, count: blocks))
            }
            peq[a * blocks + i / 64] |= 1 << UInt64(i % 64)
        }
        var pv = [UInt64](repeating: ~0, count: blocks)   // column 0: D[i][0] = i, all deltas +1
        var mv = [UInt64](repeating: 0, count: blocks)
        let lastBit: UInt64 = 1 << UInt64((m - 1) % 64)
        var score = m
        row.append(score)
        for c in text {
            let a = alphabet[c]
            // Row 0 is all zeros when a match may start anywhere, 0, 1, 2, … when anchored.
            var hin = anchoredStart ? 1 : 0
            for b in 0..<blocks {
                var eq: UInt64 = a.map { peq[$0 * blocks + b] } ?? 0
                let pvb = pv[b], mvb = mv[b]
                let xv = eq | mvb
                if hin < 0 { eq |= 1 }
                let xh = (((eq & pvb) &+ pvb) ^ pvb) | eq
                var ph = mvb | ~(xh | pvb)
                var mh = pvb & xh
                let top: UInt64 = b == blocks - 1 ? lastBit : 1 << 63
                let hout = ph & top != 0 ? 1 : (mh & top != 0 ? -1 : 0)
                ph <<= 1
                mh <<= 1
                if hin < 0 { mh |= 1 } else if hin > 0 { ph |= 1 }
                pv[b] = mh | ~(xv | ph)
                mv[b] = ph & xv
                hin = hout
            }
            score += hin
            row.append(score)
        }
        return row
    }

    /// Levenshtein distance between `a` and `b`, in Unicode scalar edits.
    public static func distance(_ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>) -> Int {
        // The pattern sets the number of bit-vector blocks: use the shorter string.
        let (p, t) = a.count <= b.count ? (a, b) : (b, a)
        return bottomRow(pattern: Array(p), text: t, anchoredStart: true).last!
    }

    /// `1 − distance / max(|a|, |b|)`, in [0, 1]; 1 when both are empty.
    public static func similarity(_ a: ArraySlice<Unicode.Scalar>, _ b: ArraySlice<Unicode.Scalar>) -> Double {
        let longer = max(a.count, b.count)
        return longer == 0 ? 1 : 1 - Double(distance(a, b)) / Double(longer)
    }

    /// An approximate occurrence of a pattern: its range in the text (Unicode scalar
    /// offsets, half-open) and its edit distance to the pattern.
    public struct Occurrence: Sendable, Hashable {
        /// Unicode scalar offsets in the text, half-open.
        public var range: Range<Int>
        /// Edits (insertions, deletions, substitutions) between the range's text and the pattern.
        public var errors: Int
    }

    /// The occurrences of `pattern` in `text` with at most `maxErrors` edits, one per
    /// cluster of neighbouring end positions (the best end of each run of ends within
    /// the bound), sorted by position. Each start is the one that gives the fewest edits
    /// for that end, ties going to the length closest to the pattern's.
    public static func occurrences(of pattern: [Unicode.Scalar], in text: [Unicode.Scalar],
                                   maxErrors: Int) -> [Occurrence] {
        guard !pattern.isEmpty, maxErrors >= 0 else { return [] }
        let row = bottomRow(pattern: pattern, text: text[...], anchoredStart: false)
        var ends: [Int] = []
        var j = 1
        while j < row.count {
            guard row[j] <= maxErrors else { j += 1; continue }
            var best = j
            while j < row.count && row[j] <= maxErrors {
                if row[j] < row[best] { best = j }
                j += 1
            }
            ends.append(best)
        }
        let reversed = Array(pattern.reversed())
        return ends.map { end in
            // Search backwards from the end: the reversed pattern against the reversed text
            // before `end`, anchored at `end`, gives the cost of every start.
            let from = max(0, end - pattern.count - maxErrors)
            let back = bottomRow(pattern: reversed, text: Array(text[from..<end].reversed())[...],
                                  anchoredStart: true)
            var bestLength = 0
            for length in back.indices {
                if back[length] < back[bestLength]
                    || (back[length] == back[bestLength]
                        && abs(length - pattern.count) < abs(bestLength - pattern.count)) {
                    bestLength = length
                }
            }
            return Occurrence(range: (end - bestLength)..<end, errors: back[bestLength])
        }
    }
}
