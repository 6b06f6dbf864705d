import ExhibitCore
import ExhibitUI

/// Visual mode in the pair and reconstruction views: `v` selects a word,
/// `w`/`b`, `)`/`(` and `}`/`{` move the selection's end by word, sentence
/// and passage, `a` annotates the selection, Esc or `v` leave. Other keys
/// (scrolling, `n`/`N`, search) work as usual; switching panes leaves.
extension AppModel {
    /// The selection, if it still belongs to the view on screen.
    var visualSelection: VisualSelection? {
        guard let v = tools.visual else { return nil }
        switch v.owner {
        case .pair(let key, _): return route == .pair && pair?.key == key ? v : nil
        case .reconstruction(let work): return route == .reconstruction && reconstruction?.work == work ? v : nil
        }
    }

    /// Handles a key in visual mode; nil passes it on to the view.
    mutating func visualKey(_ action: Action?) -> [AppEffect]? {
        guard var v = visualSelection else {
            tools.visual = nil
            return nil
        }
        switch action {
        case .extendWord: v.extend(.word)
        case .shrinkWord: v.shrink(.word)
        case .extendSentence: v.extend(.sentence)
        case .shrinkSentence: v.shrink(.sentence)
        case .extendPassage: v.extend(.passage)
        case .shrinkPassage: v.shrink(.passage)
        case .annotate:
            guard let kase else { return [] }
            notice = nil
            layers.push(AnnotateDialog(.create(selectionSpan(v)), tags: kase.settings.tags), size: size)
            return []
        case .close, .visualMode:
            notice = nil
            tools.visual = nil
            return []
        case .focusNextPane, .focusLeftPane, .focusRightPane:
            // A selection belongs to one pane.
            tools.visual = nil
            return nil
        default:
            return nil
        }
        notice = nil
        tools.visual = v
        revealSelectionEnd()
        return []
    }

    /// `v`: selects the word at the focused passage's start when it is on
    /// screen, else the first word on screen.
    mutating func startVisual() {
        guard let kase, let results else { return }
        switch route {
        case .pair:
            guard let view = pair, let tokens = view.active == 0 ? results.tokens(work: view.key.work)
                    : results.tokens(output: view.key.output) else { return }
            let side = view.active
            let doc = side == 0 ? kase.works[view.key.work] : kase.outputs[results.outputDocs[view.key.output]]
            let rows = PairGeometry(size: size, passages: view.pair.passages.count).textRows
            let pane = view.panes[side]
            var from = pane.lines[min(pane.top, pane.lines.count - 1)].scalars.lowerBound
            if let i = view.focused {
                let line = pane.lineIndex(of: view.ranges[side][i].lowerBound)
                if line >= pane.top && line < pane.top + rows { from = view.ranges[side][i].lowerBound }
            }
            let bounds = TextBoundaries(text: doc.text, tokens: tokens, passages: view.ranges[side])
            tools.visual = VisualSelection(owner: .pair(view.key, side: side), source: doc.source,
                                           documentLabel: "\(side == 0 ? "work" : "output") \(doc.id)",
                                           boundaries: bounds, from: from)
        case .reconstruction:
            guard let view = reconstruction, let tokens = results.tokens(work: view.work) else { return }
            let doc = kase.works[view.work]
            let rows = ReconstructionGeometry(size: size).textRect.rows
            var from = view.pane.lines[min(view.pane.top, view.pane.lines.count - 1)].scalars.lowerBound
            if let i = view.cursor {
                let line = view.pane.lineIndex(of: view.spans[i].scalars.lowerBound)
                if line >= view.pane.top && line < view.pane.top + rows { from = view.spans[i].scalars.lowerBound }
            }
            let bounds = TextBoundaries(text: doc.text, tokens: tokens, passages: view.spans.map(\.scalars))
            tools.visual = VisualSelection(owner: .reconstruction(work: view.work), source: doc.source,
                                           documentLabel: "work \(doc.id)", boundaries: bounds, from: from)
        case .overview:
            return
        }
        if tools.visual == nil { notice = ("no word to select here", false) }
    }

    /// Scrolls the selection's pane so the selection's end is on screen.
    mutating func revealSelectionEnd() {
        guard let v = visualSelection else { return }
        let last = max(v.start, v.end - 1)
        switch v.owner {
        case .pair(_, let side):
            guard var view = pair else { return }
            let rows = PairGeometry(size: size, passages: view.pair.passages.count).textRows
            Self.keepVisible(&view.panes[side], offset: last, rows: rows)
            pair = view
        case .reconstruction:
            guard var view = reconstruction else { return }
            Self.keepVisible(&view.pane, offset: last, rows: ReconstructionGeometry(size: size).textRect.rows)
            reconstruction = view
        }
    }

    /// Scrolls `pane` as little as needed to show the line of `offset`.
    static func keepVisible(_ pane: inout TextPane, offset: Int, rows: Int) {
        let line = pane.lineIndex(of: offset)
        if line < pane.top { pane.scroll(to: line, visibleRows: rows) }
        if line >= pane.top + rows { pane.scroll(to: line - rows + 1, visibleRows: rows) }
    }

    /// The selection as the annotate dialog's target.
    func selectionSpan(_ v: VisualSelection) -> AnnotationSpan {
        let text = String(String.UnicodeScalarView(v.boundaries.scalars[v.range.clamped(to: 0..<v.boundaries.scalars.count)].prefix(400)))
        return AnnotationSpan(source: v.source, range: v.range,
                              document: v.documentLabel, part: "selection of \(Format.plural(v.words, "word"))", quote: text)
    }

    /// The status line of visual mode.
    func visualLine(_ v: VisualSelection) -> String {
        " VISUAL \(v.start)..<\(v.end) (\(Format.plural(v.words, "word"))) · w/b word · )/( sentence"
            + " · }/{ passage · a annotate · Esc"
    }

    /// Draws the selection over its pane.
    func drawSelection(_ v: VisualSelection, into screen: inout Screen) {
        switch v.owner {
        case .pair(_, let side):
            guard let view = pair else { return }
            let rect = PairGeometry(size: size, passages: view.pair.passages.count).textRect(side)
            SelectionHighlight.draw(into: &screen, pane: view.panes[side], rect: rect, range: v.range)
        case .reconstruction:
            guard let view = reconstruction else { return }
            SelectionHighlight.draw(into: &screen, pane: view.pane, rect: ReconstructionGeometry(size: size).textRect,
                                    range: v.range)
        }
    }
}
