import ExhibitUI

extension AppModel {
    /// Draws the annotation tools over the view: the visual selection (and
    /// its status line), then the open dialog.
    func drawAnnotationTools(into screen: inout Screen) {
        guard !Layout.isTooSmall(size) else { return }
        if let v = visualSelection, overlay == nil {
            drawSelection(v, into: &screen)
            if notice == nil && searchInput == nil { drawStatusText(visualLine(v), into: &screen) }
        }
        tools.dialog?.render(into: &screen)
    }

    /// Writes `text` over the left part of the status line, leaving the
    /// state marker at its right end (`[ready]`, `[scanning 40%]`) alone.
    func drawStatusText(_ text: String, into screen: inout Screen) {
        let row = size.rows - 1
        // The marker is the last bracketed word of the row, as the status line drew it.
        let marker = (0..<size.cols).last { screen[row, $0].text == "[" } ?? size.cols
        let room = max(1, marker - 1)
        screen.fill(Rect(row: row, col: 0, rows: 1, cols: room), style: CellStyle(.status))
        screen.put(Format.fit(text, room), row: row, col: 0, style: CellStyle(.status))
    }
}
