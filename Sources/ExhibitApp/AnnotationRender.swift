import ExhibitUI

extension AppModel {
    /// Draws the annotation tools over the view: the visual selection (and
    /// its status line), then the annotations list (the dialogs are layers, drawn after).
    func drawAnnotationTools(into screen: inout Screen) {
        guard !Layout.isTooSmall(size) else { return }
        if let v = visualSelection, Self.showsSelection(under: layers.top), tools.list == nil {
            drawSelection(v, into: &screen)
            if notice == nil && layers.top?.statusLine == nil { drawStatusText(visualLine(v), into: &screen) }
        }
        if let list = tools.list {
            list.render(into: &screen)
            drawListHeader(into: &screen)
            let (text, isError) = annotationListStatus(list)
            if notice == nil || list.confirmingDelete { drawStatusText(text, into: &screen, isError: isError) }
        }
    }

    /// The selection stays drawn under the `/` line (it covers no text) and under the
    /// dialogs it is annotated or exported with; other layers hide it.
    static func showsSelection(under top: (any Layer)?) -> Bool {
        top == nil || top is SearchLine || top is AnnotateDialog || top is ExportDialog
    }

    /// Writes `text` over the left part of the status line, leaving the
    /// state marker at its right end (`[ready]`, `[scanning 40%]`) alone.
    func drawStatusText(_ text: String, into screen: inout Screen, isError: Bool = false) {
        let row = size.rows - 1
        // The marker is the last bracketed word of the row, as the status line drew it.
        let marker = (0..<size.cols).last { screen[row, $0].text == "[" } ?? size.cols
        let room = max(1, marker - 1)
        screen.fill(Rect(row: row, col: 0, rows: 1, cols: room), style: CellStyle(.status))
        screen.put(Format.fit(text, room), row: row, col: 0, style: isError ? CellStyle(.status, .error) : CellStyle(.status))
    }

    /// Row 0 while the list is open: the case, then where the user is.
    func drawListHeader(into screen: inout Screen) {
        let style = CellStyle(.status)
        screen.fill(Rect(row: 0, col: 0, rows: 1, cols: size.cols), style: style)
        let right = "? help · q quit "
        let rightCols = DisplayWidth.columns(of: right)
        let left = " Exhibit · " + Format.oneLine(kase?.title ?? casePath) + " › annotations"
        screen.put(Format.fit(left, max(1, size.cols - rightCols - 1)), row: 0, col: 0, style: style)
        screen.put(right, row: 0, col: max(0, size.cols - rightCols), style: style)
    }
}
