import ExhibitUI

/// Adds a role to the cells that show a scalar range of a pane already
/// drawn, so a selection layers over the view's own marks without the view
/// knowing about it.
enum SelectionHighlight {
    /// Adds `role` to the cells of `pane` (drawn in `rect`) that show
    /// scalars `range` (half-open).
    static func draw(into screen: inout Screen, pane: TextPane, rect: Rect, range: Range<Int>, role: Role = .selection) {
        guard !range.isEmpty else { return }
        for r in 0..<rect.rows {
            let i = pane.top + r
            guard i < pane.lines.count else { break }
            let line = pane.lines[i]
            let lo = max(range.lowerBound, line.scalars.lowerBound)
            let hi = min(range.upperBound, line.scalars.upperBound)
            guard lo < hi else { continue }
            let c0 = SoftWrap.column(of: lo, on: line, in: pane.text)
            let c1 = SoftWrap.column(of: hi, on: line, in: pane.text)
            let cols = min(c1, rect.cols) - c0
            guard cols > 0 else { continue }
            screen.restyle(Rect(row: rect.row + r, col: rect.col + c0, rows: 1, cols: cols)) { $0.adding(role) }
        }
    }
}
