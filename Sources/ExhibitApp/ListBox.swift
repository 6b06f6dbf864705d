import ExhibitUI

/// A read-only list layer (`E` failed documents, `H` annotation history): a box centred
/// on the screen, at least 60 columns wide when the screen allows, as tall as its rows
/// need (cells); a header row and a key line inside the border; Esc closes, q quits, the
/// scrolling keys move the first row shown. A conforming view brings its rows and its
/// drawing; the frame and the keys come from here.
protocol ListBox: Layer {
    /// The first body row shown.
    var top: Int { get set }
    /// How many body rows the list has.
    var rowCount: Int { get }
    /// The smallest height of the box (cells), however few its rows.
    static var minRows: Int { get }
}

extension ListBox {
    func frame(in size: Size) -> Rect {
        let cols = min(size.cols, max(60, size.cols - 4))
        let rows = min(max(Self.minRows, size.rows - 2), rowCount + 5)
        return Rect(row: (size.rows - rows) / 2, col: (size.cols - cols) / 2, rows: rows, cols: cols)
    }

    /// Body rows inside the border, below the header, above the key line.
    func bodyRows(_ rect: Rect) -> Int { max(1, rect.rows - 4) }

    mutating func update(_ action: Action?, rect: Rect) -> LayerReply {
        switch action {
        case .close: return .close
        case .quit: return LayerReply(effects: [.quit])
        default:
            if let d = ScrollKeys.delta(action, page: bodyRows(rect)) {
                top = max(0, min(top + d, rowCount - bodyRows(rect)))
            }
            return .stay
        }
    }
}
