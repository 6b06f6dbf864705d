import ExhibitCore
import ExhibitUI

/// The `E` list: the documents of the case that could not be loaded, one per row with
/// its file (case-relative), line (1-based), byte offset and the loader's message, as
/// `exhibit scan` prints them on stderr. j/k scroll; Esc closes.
struct FailedDocumentsView: ListBox {
    /// The loader's errors, in the order it found them.
    let issues: [CaseIssue]
    /// First row of the body shown.
    var top = 0

    /// Opens the list for the loaded case; unavailable before the case is read.
    static func open(_ model: AppModel) -> Result<any Layer, LayerUnavailable> {
        guard let kase = model.kase else { return .failure(LayerUnavailable(reason: "the case is not loaded yet")) }
        return .success(FailedDocumentsView(issues: kase.errors))
    }

    /// Listed in the help when some document failed to load (the engine line then points to `E` too).
    static func offered(_ model: AppModel) -> Bool { model.kase?.errors.isEmpty == false }

    var rowCount: Int { issues.count }
    static let minRows = 6

    func render(into screen: inout Screen, rect: Rect) {
        screen.fill(rect)
        Layout.box(rect, title: "Documents that failed to load (\(issues.count))", in: &screen)
        let clip = (rect.col + 2)..<(rect.col + rect.cols - 2)
        let fileWidth = max(12, min(40, issues.map { DisplayWidth.columns(of: $0.path) }.max() ?? 12))
        let header = Format.left("file", fileWidth) + " " + Format.right("line", 6) + " " + Format.right("byte", 9) + "  message"
        screen.put(header, row: rect.row + 1, col: clip.lowerBound, style: CellStyle(.title), clip: clip)
        if issues.isEmpty {
            screen.put("Every document of the case was read.", row: rect.row + 2, col: clip.lowerBound, clip: clip)
        }
        for (n, issue) in issues.dropFirst(top).prefix(bodyRows(rect)).enumerated() {
            let line = Format.left(Format.oneLine(issue.path), fileWidth, middle: true) + " "
                + Format.right(issue.line.map { Format.count($0) } ?? "–", 6) + " "
                + Format.right(issue.offset.map { Format.count($0) } ?? "–", 9) + "  " + Format.oneLine(issue.message)
            screen.put(line, row: rect.row + 2 + n, col: clip.lowerBound, clip: clip)
        }
        screen.put("j/k scroll · Esc closes", row: rect.row + rect.rows - 2, col: clip.lowerBound,
                   style: CellStyle(.chrome), clip: clip)
    }
}
