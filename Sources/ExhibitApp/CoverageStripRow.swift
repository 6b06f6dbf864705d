import ExhibitCore
import ExhibitUI

/// The coverage strip of a work in one terminal row (the expert report's strip, in
/// cells): the work from start to end, each cell shaded by how many of the outputs
/// shown reproduce its deepest token — `░` none, `▒` one, `▓` two, `█` three or more.
/// Shade is glyph density too, so a monochrome theme keeps it; the cells of the
/// span under the cursor are underlined (focused).
enum CoverageStripRow {
    /// Glyph per depth: 0, 1, 2, 3 or more.
    static let glyphs = ["░", "▒", "▓", "█"]
    /// The screen row of the strip in the reconstruction view.
    static let row = 4
    /// Caption before the cells.
    static let caption = " along the work "
    /// Key after the cells.
    static let key = " ▒1 ▓2 █3+ outputs"

    /// Draws the row at `row` across the screen.
    /// - Parameter focus: work tokens (half-open) of the span under the cursor, if any.
    static func draw(into screen: inout Screen, row: Int, strip: CoverageStrip, focus: Range<Int>?) {
        var col = screen.put(caption, row: row, col: 0, style: CellStyle(.chrome))
        let width = cells(screenColumns: screen.cols)
        guard width > 0 else { return }
        let depths = strip.cellDepths(width)
        let n = max(strip.length, 1)
        for (c, d) in depths.enumerated() {
            var style = CellStyle(d == 0 ? .barTrack : .bar)
            let cell = (c * n / width)..<max(c * n / width + 1, (c + 1) * n / width)
            if let focus, focus.overlaps(cell) { style = style.adding(.focused) }
            col = screen.put(glyphs[min(d, 3)], row: row, col: col, style: style)
        }
        screen.put(key, row: row, col: col, style: CellStyle(.chrome))
    }
}

extension CoverageStripRow {
    /// Cells of the strip on a screen `screenColumns` wide; 0 when too narrow to draw.
    static func cells(screenColumns: Int) -> Int {
        let w = screenColumns - caption.count - key.count
        return w >= 8 ? w : 0
    }

    /// The first work token of the cell at screen column `col`, or nil off the strip.
    static func token(atColumn col: Int, screenColumns: Int, length: Int) -> Int? {
        let width = cells(screenColumns: screenColumns)
        let c = col - caption.count
        guard width > 0, (0..<width).contains(c), length > 0 else { return nil }
        return c * length / width
    }
}

extension ReconstructionView {
    /// A click on the strip at screen column `col`: selects the reproduced span under it,
    /// else the nearest one, and scrolls to it; returns whether a span was selected.
    @discardableResult
    mutating func clickStrip(col: Int, size: Size) -> Bool {
        guard !spans.isEmpty,
              let t = CoverageStripRow.token(atColumn: col, screenColumns: size.cols, length: strip.length) else { return false }
        let distance: (ReproducedSpan) -> Int = { s in
            s.tokens.contains(t) ? 0 : t < s.tokens.lowerBound ? s.tokens.lowerBound - t : t - s.tokens.upperBound + 1
        }
        guard let i = spans.indices.min(by: { distance(spans[$0]) < distance(spans[$1]) }) else { return false }
        select(i, size: size)
        return true
    }
}
