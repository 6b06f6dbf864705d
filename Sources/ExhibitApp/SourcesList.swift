import ExhibitCore
import ExhibitUI

/// An output passage that reproduces part of a span (a row of the `o` list).
struct SpanSource: Sendable {
    let key: PairKey
    /// Index into the pair's passages.
    let passage: Int
    /// The output's id and model, as listed.
    let output: (id: String, model: String)
    /// Words of the span this passage reproduces.
    let words: Int
    /// The passage itself (its matched words and identity are shown).
    let figures: Passage

    var outputId: String { output.id }
}

/// The `o` list of the reconstruction view: the output passages that reproduce the
/// span under the cursor; Enter opens the pair at that passage (``LayerFollowUp``).
/// A layer (``LayerStack``).
struct SourcesList: Layer {
    let title: String
    let rows: [SpanSource]
    var cursor = 0
    var top = 0

    /// The box for a screen of `size`.
    func frame(in size: Size) -> Rect {
        let cols = min(size.cols, max(60, size.cols * 4 / 5))
        let height = min(size.rows, max(6, min(rows.count + 5, size.rows - 4)))
        return Rect(row: (size.rows - height) / 2, col: (size.cols - cols) / 2, rows: height, cols: cols)
    }

    /// Rows of the list that fit in `rect`.
    func visibleRows(_ rect: Rect) -> Int { max(1, rect.rows - 5) }

    mutating func update(_ action: Action?, rect: Rect) -> LayerReply {
        switch action {
        case .close, .spanOutputs: return .close
        case .quit: return LayerReply(effects: [.quit])
        case .open:
            guard rows.indices.contains(cursor) else { return .close }
            return LayerReply(close: true, followUp: .openPair(rows[cursor].key, passage: rows[cursor].passage))
        default:
            if let d = ScrollKeys.delta(action, page: visibleRows(rect)) { move(d, rect: rect) }
            return .stay
        }
    }

    /// Moves the cursor by `delta` rows (clamped), keeping it visible.
    mutating func move(_ delta: Int, rect: Rect) {
        guard !rows.isEmpty else { return }
        cursor = min(max(0, cursor + delta), rows.count - 1)
        let visible = visibleRows(rect)
        if cursor < top { top = cursor }
        if cursor >= top + visible { top = cursor - visible + 1 }
    }

    func render(into screen: inout Screen, rect: Rect) {
        screen.fill(rect)
        Layout.box(rect, title: title, in: &screen)
        let clip = (rect.col + 2)..<(rect.col + rect.cols - 2)
        let width = clip.count
        let idWidth = max(10, width - 52)
        let header = Format.left("Output", idWidth) + " " + Format.left("Model", 18) + " "
            + Format.right("Psg", 4) + " " + Format.right("Words", 6) + " " + Format.right("Matched", 8) + " "
            + Format.right("Identity", 9)
        screen.put(header, row: rect.row + 1, col: clip.lowerBound, style: CellStyle(.title), clip: clip)
        let visible = visibleRows(rect)
        for (n, i) in (top..<min(rows.count, top + visible)).enumerated() {
            let r = rows[i]
            let line = Format.left(r.output.id, idWidth, middle: true) + " " + Format.left(r.output.model, 18) + " "
                + Format.right("\(r.passage + 1)", 4) + " " + Format.right(Format.count(r.words), 6) + " "
                + Format.right(Format.count(r.figures.matched), 8) + " " + Format.right(formatFraction(r.figures.identity), 9)
            screen.put(line, row: rect.row + 2 + n, col: clip.lowerBound,
                       style: i == cursor ? CellStyle(.selection) : .plain, clip: clip)
        }
        let footer = rows.isEmpty ? "No output reproduces this span." :
            "\(rows.count) passages · Words: of this span · Enter opens the pair · Esc closes"
        screen.put(footer, row: rect.row + rect.rows - 2, col: clip.lowerBound, style: CellStyle(.chrome), clip: clip)
    }
}
