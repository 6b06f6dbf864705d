import ExhibitUI

/// The pair view's legend: one line naming each marking in its own style, so
/// it reads right in every theme — in monochrome, under `NO_COLOR` or on a
/// vt100 the words show the attributes (bold, italic, underline, reverse)
/// that stand for the colors.
enum PairLegend {
    /// The markings of the pair view, most needed first: on a narrow screen
    /// the ones that do not fit are left out from the end.
    static let items: [(String, Role)] = [
        ("verbatim", .verbatim), ("changed", .changed), ("annotated", .annotation), ("focused", .focused),
        ("supplied", .supplied), ("echo", .echo), ("boilerplate", .boilerplate), ("⟨U+202E⟩ control", .escape),
    ]

    /// Draws the legend on `row`, items that do not fit left out from the end.
    static func draw(into screen: inout Screen, row: Int) {
        let clip = 0..<screen.cols
        var x = screen.put(" Key:", row: row, col: 0, style: CellStyle(.chrome), clip: clip)
        for (word, role) in items {
            guard x + 1 + DisplayWidth.columns(of: word) <= screen.cols else { break }
            x = screen.put(" ", row: row, col: x, style: CellStyle(.chrome), clip: clip)
            x = screen.put(word, row: row, col: x, style: CellStyle(role), clip: clip)
        }
    }
}
