/// Aligns the tokens of a gap between two seeds of a passage by a longest common
/// subsequence (Wagner & Fischer, "The string-to-string correction problem", 1974):
/// aligned equal tokens are *same*, the rest *changed*.
///
/// Memory is bounded whatever the gap: the table of suffix LCS lengths is kept only
/// every `s` rows (s ≈ √n) and each block of `s` rows is recomputed from its
/// checkpoint when the traceback reaches it (checkpointing: Grice, Hughey & Speck,
/// "Reduced space sequence alignment", CABIOS 13(1), 1997). That takes
/// (⌈n/s⌉ + s + 2)·(m + 1) 32-bit cells instead of (n + 1)·(m + 1), e.g. 16 MB instead
/// of 2 GB for a 16,000-token gap a side, for at most twice the time. Unlike
/// Hirschberg's divide and conquer, it recomputes the very table entries the full
/// table held, so the traceback, and its tie-breaking, are exactly those of the full
/// table: every alignment, hence every figure, is unchanged.
enum GapAligner {
    /// Largest table, in cells, filled at once; larger gaps are checkpointed.
    static let fullTableCells = 1 << 16

    /// Equal token pairs (index into `work`, index into `output`) of one LCS,
    /// in increasing order; ties prefer the earliest pairing.
    static func align(_ work: ArraySlice<UInt32>, _ output: ArraySlice<UInt32>) -> [(Int, Int)] {
        let n = work.count, m = output.count
        if (n + 1) * (m + 1) <= fullTableCells { return align(work, output, rowsPerBlock: n) }
        var s = 1
        while s * s < n { s += 1 }
        return align(work, output, rowsPerBlock: s)
    }

    /// `align` with the table recomputed in blocks of `rowsPerBlock` rows (≥ 1; `n`
    /// or more fills the whole table once). Internal so tests can force small blocks.
    static func align(_ work: ArraySlice<UInt32>, _ output: ArraySlice<UInt32>, rowsPerBlock: Int) -> [(Int, Int)] {
        let a = Array(work), b = Array(output)
        guard !a.isEmpty, !b.isEmpty else { return [] }
        let n = a.count, m = b.count, w = m + 1
        let s = max(1, min(rowsPerBlock, n))
        // Row i of the table: lcs(i, j) = LCS length of a[i...] and b[j...]; row n is zeros.
        func fill(_ i: Int, below: UnsafeBufferPointer<Int32>, into row: UnsafeMutableBufferPointer<Int32>) {
            row[m] = 0
            let ai = a[i]
            for j in stride(from: m - 1, through: 0, by: -1) {
                row[j] = ai == b[j] ? below[j + 1] + 1 : max(below[j], row[j + 1])
            }
        }
        // Block starts 0, s, 2s, … and n. Checkpoint rows s, 2s, … (row 0 is never read,
        // row n is zeros) are computed bottom-up from the row below; one block needs none.
        let checkpointRows = Array(stride(from: 0, to: n, by: s)) + [n]
        var checkpoints = [Int32](repeating: 0, count: checkpointRows.count * w)
        checkpoints.withUnsafeMutableBufferPointer { cp in
            var below = [Int32](repeating: 0, count: w), row = [Int32](repeating: 0, count: w)
            var next = checkpointRows.count - 2
            for i in stride(from: n - 1, through: checkpointRows[1], by: -1) {
                below.withUnsafeBufferPointer { bl in row.withUnsafeMutableBufferPointer { fill(i, below: bl, into: $0) } }
                if next >= 0 && checkpointRows[next] == i {
                    for j in 0..<w { cp[next * w + j] = row[j] }
                    next -= 1
                }
                swap(&below, &row)
            }
        }
        // Traceback, block by block: rows b0 ... b1 recomputed from checkpoint b1.
        var pairs = [(Int, Int)]()
        var block = [Int32](repeating: 0, count: (s + 1) * w)
        var i = 0, j = 0
        var blockIndex = 0
        while i < n && j < m {
            let b0 = checkpointRows[blockIndex], b1 = checkpointRows[blockIndex + 1]
            checkpoints.withUnsafeBufferPointer { cp in
                block.withUnsafeMutableBufferPointer { bl in
                    for j in 0..<w { bl[(b1 - b0) * w + j] = cp[(blockIndex + 1) * w + j] }
                    for r in stride(from: b1 - 1, through: b0, by: -1) {
                        let below = UnsafeBufferPointer(rebasing: bl[((r + 1 - b0) * w)..<((r + 2 - b0) * w)])
                        fill(r, below: below, into: UnsafeMutableBufferPointer(rebasing: bl[((r - b0) * w)..<((r + 1 - b0) * w)]))
                    }
                }
            }
            // lcs(r, c) for r in b0...b1 is block[(r - b0) * w + c].
            while i < b1 && j < m {
                if a[i] == b[j] {
                    pairs.append((work.startIndex + i, output.startIndex + j))
                    i += 1; j += 1
                } else if block[(i + 1 - b0) * w + j] >= block[(i - b0) * w + j + 1] {
                    i += 1
                } else {
                    j += 1
                }
            }
            blockIndex += 1
        }
        return pairs
    }
}
