import ExhibitCore
import ExhibitUI

/// The `p` overlay of the pair view: the output's metadata (every field, as
/// loaded) and its prompt, with supplied work text and echoed text marked. A layer
/// (``LayerStack``): its text is wrapped again when the terminal is resized.
struct PromptOverlay: Layer {
    let title: String
    var pane: TextPane
    let marks: StyleSpans

    /// The overlay for pair `key`. Nil when the pair is unknown.
    static func make(key: PairKey, kase: Case, results: Results, size: Size) -> PromptOverlay? {
        guard let pair = results.pair(key), let wt = results.tokens(work: key.work),
              let ot = results.tokens(output: key.output) else { return nil }
        let doc = kase.outputs[results.outputDocs[key.output]]
        let work = kase.works[key.work]
        var text = "Source: \(doc.source)\(doc.line.map { " (line \($0))" } ?? "")\n"
        for m in doc.metadata { text += "\(m.key): \(m.value)\n" }
        text += "\nClassification: \(pair.classification.rawValue) · supplied: \(Format.plural(pair.supplied, "work word"))"
            + " · echo: \(Format.plural(ot.echo.filter { $0 }.count, "output word"))\n"
        text += Format.findings(pair.flags) + "\n"
        text += "Marked below: text that supplies the work (the prompt already held it), and text the output echoes.\n\n"
        let header = "Prompt:\n"
        text += header
        let base = text.unicodeScalars.count
        var roles: [(Range<Int>, Role)] = []
        if let prompt = doc.prompt {
            text += prompt
            let found = PromptMarks.find(prompt: prompt, pair: pair, workText: work.text, work: wt,
                                         outputText: doc.text, output: ot, options: results.options)
            roles += found.supplied.map { (($0.lowerBound + base)..<($0.upperBound + base), Role.supplied) }
            roles += found.echo.map { (($0.lowerBound + base)..<($0.upperBound + base), Role.echo) }
        } else {
            text += "(no prompt recorded)"
        }
        let rect = Self.frame(size)
        return PromptOverlay(title: "Prompt and metadata · \(doc.id)",
                             pane: TextPane(text: text, width: max(1, rect.cols - 4)), marks: StyleSpans(roles))
    }

    /// The box: most of the screen.
    static func frame(_ size: Size) -> Rect {
        let cols = max(20, size.cols * 4 / 5), rows = max(8, size.rows * 4 / 5)
        return Rect(row: (size.rows - rows) / 2, col: (size.cols - cols) / 2, rows: rows, cols: cols)
    }

    func frame(in size: Size) -> Rect { Self.frame(size) }

    mutating func layout(in rect: Rect) {
        pane.layout(width: max(1, rect.cols - 4))
    }

    mutating func update(_ action: Action?, rect: Rect) -> LayerReply {
        switch action {
        case .close, .prompt: return .close
        case .quit: return LayerReply(effects: [.quit])
        default:
            if let d = ScrollKeys.delta(action, page: rect.rows - 4) { pane.scroll(by: d, visibleRows: rect.rows - 3) }
            return .stay
        }
    }

    func render(into screen: inout Screen, rect: Rect) {
        screen.fill(rect)
        Layout.box(rect, title: title, in: &screen)
        let inner = Rect(row: rect.row + 1, col: rect.col + 2, rows: rect.rows - 3, cols: rect.cols - 4)
        let marks = self.marks
        pane.draw(into: &screen, rect: inner) { marks.style(at: $0) }
        let footer = "j/k scroll · p or Esc closes · "
        var col = screen.put(footer, row: rect.row + rect.rows - 2, col: inner.col, style: CellStyle(.chrome), clip: inner.colRange)
        col = screen.put("supplied", row: rect.row + rect.rows - 2, col: col, style: CellStyle(.supplied), clip: inner.colRange)
        col = screen.put(" · ", row: rect.row + rect.rows - 2, col: col, style: CellStyle(.chrome), clip: inner.colRange)
        screen.put("echoed", row: rect.row + rect.rows - 2, col: col, style: CellStyle(.echo), clip: inner.colRange)
    }
}
