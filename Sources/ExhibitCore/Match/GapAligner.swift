/// Aligns the few tokens of a gap between two seeds of a passage by a longest
/// common subsequence (Wagner & Fischer, "The string-to-string correction
/// problem", 1974): aligned equal tokens are *same*, the rest *changed*.
/// Gaps hold at most `max_gap` tokens a side, so the quadratic table is tiny.
enum GapAligner {
    /// Equal token pairs (index into `work`, index into `output`) of one LCS,
    /// in increasing order; ties prefer the earliest pairing.
    static func align(_ work: ArraySlice<UInt32>, _ output: ArraySlice<UInt32>) -> [(Int, Int)] {
        let a = Array(work), b = Array(output)
        guard !a.isEmpty, !b.isEmpty else { return [] }
        let n = a.count, m = b.count
        // lcs[i][j] = LCS length of a[i...] and b[j...]
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var pairs = [(Int, Int)]()
        var i = 0, j = 0
        while i < n && j < m {
            if a[i] == b[j] {
                pairs.append((work.startIndex + i, output.startIndex + j))
                i += 1; j += 1
            } else if lcs[i + 1][j] >= lcs[i][j + 1] {
                i += 1
            } else {
                j += 1
            }
        }
        return pairs
    }
}
