import Testing
@testable import ExhibitCore

@Suite struct DiagonalEndsTests {
    /// Negative diagonals (a work position left of the sequence position), overwrites
    /// and growth past the first table keep every diagonal's last end.
    @Test func keepsTheLastEndOfEveryDiagonal() {
        var ends = DiagonalEnds()
        #expect(ends[0] == nil)
        ends.set(-3, 10)
        ends.set(0, 4)
        ends.set(-3, 12)
        #expect(ends[-3] == 12 && ends[0] == 4 && ends[3] == nil)
        for d in stride(from: -500, to: 500, by: 7) { ends.set(d, d + 1000) }
        for d in stride(from: -500, to: 500, by: 7) { #expect(ends[d] == d + 1000) }
        #expect(ends[-499] == nil && ends[Int.max] == nil)
    }
}
