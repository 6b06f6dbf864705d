import Testing
@testable import ExhibitCore

/// The checkpointed gap aligner against the full-table LCS it replaced (issue 17):
/// same pairs, tie-breaking included, for every block size.
@Suite struct GapAlignerTests {
    /// The full-table algorithm as it was before checkpointing, kept as the reference.
    static func fullTable(_ work: ArraySlice<UInt32>, _ output: ArraySlice<UInt32>) -> [(Int, Int)] {
        let a = Array(work), b = Array(output)
        guard !a.isEmpty, !b.isEmpty else { return [] }
        let n = a.count, m = b.count
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

    private static func same(_ x: [(Int, Int)], _ y: [(Int, Int)]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    @Test func handComputedGap() {
        // work: a b c d, output: b x d → LCS b, d.
        let work: [UInt32] = [9, 1, 2, 3, 4], output: [UInt32] = [7, 7, 2, 5, 4]
        let pairs = GapAligner.align(work[1...], output[2...])
        #expect(pairs.map(\.0) == [2, 4])
        #expect(pairs.map(\.1) == [2, 4])
        // Ties prefer the earliest pairing: a a vs a → the first a.
        #expect(GapAligner.align([5, 5][...], [5][...]).map(\.0) == [0])
    }

    @Test func everyBlockSizeGivesTheFullTablePairs() {
        var rng = SeededGenerator(seed: 17)
        for trial in 0..<3000 {
            let alphabet = UInt32.random(in: 1...4, using: &rng)
            let n = Int.random(in: 0...14, using: &rng), m = Int.random(in: 0...14, using: &rng)
            let a = (0..<(n + 2)).map { _ in UInt32.random(in: 0..<alphabet, using: &rng) }
            let b = (0..<(m + 3)).map { _ in UInt32.random(in: 0..<alphabet, using: &rng) }
            let work = a[2...], output = b[3...]   // slices not starting at 0
            let expected = Self.fullTable(work, output)
            #expect(Self.same(GapAligner.align(work, output), expected), "trial \(trial)")
            for s in 1...(n + 1) {
                #expect(Self.same(GapAligner.align(work, output, rowsPerBlock: s), expected), "trial \(trial), s \(s)")
            }
        }
    }

    /// A gap too big for one table still gives the full-table pairs.
    @Test func largeGapIsCheckpointedAndUnchanged() {
        var rng = SeededGenerator(seed: 3)
        let a = (0..<400).map { _ in UInt32.random(in: 0..<3, using: &rng) }
        let b = (0..<300).map { _ in UInt32.random(in: 0..<3, using: &rng) }
        #expect(401 * 301 > GapAligner.fullTableCells)
        #expect(Self.same(GapAligner.align(a[...], b[...]), Self.fullTable(a[...], b[...])))
    }
}
