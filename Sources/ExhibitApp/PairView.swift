import ExhibitCore
import ExhibitUI

/// The pair view: the work on the left, the output on the right, both
/// soft-wrapped and marked (SPEC §7), passages numbered in a gutter; `n`/`N`
/// focus a passage and bring both panes to it.
struct PairView: Sendable {
    /// Which pair.
    let key: PairKey
    /// Its figures and passages.
    let pair: PairResult
    /// Work title (else id), output id and model, for the titles.
    let workTitle: String
    let outputId: String
    let model: String
    /// Names of the two documents in the ``PaneCache``.
    let cacheKeys: [String]
    /// Panes 0 (work) and 1 (output).
    var panes: [TextPane]
    /// Base marks of each pane: token labels and annotations.
    let marks: [StyleSpans]
    /// Scalar ranges of each passage (by index in `pair.passages`), per pane.
    let ranges: [[Range<Int>]]
    /// Each passage's review status, when someone set one (SPEC §11).
    var reviews: [PassageReview?] = []
    /// Visual lines where each passage starts and ends, per pane (for the gutter).
    private(set) var lineSpans: [[ClosedRange<Int>]] = [[], []]
    /// Index of the focused passage.
    private(set) var focused: Int?
    /// The pane that scrolls and searches (0 work, 1 output).
    var active = 1
    /// The last search and its hits per pane.
    private(set) var searchTerm = ""
    private(set) var hits: [[Range<Int>]] = [[], []]
    private var hitMarks: [StyleSpans] = [StyleSpans(), StyleSpans()]

    /// Builds the view of `key`, focusing passage `passage` (an index into
    /// the pair's passages). Nil when the pair or its token data is unknown.
    static func make(key: PairKey, passage: Int, kase: Case, results: Results, annotations: CaseAnnotations?,
                     cache: inout PaneCache, size: Size) -> PairView? {
        guard let pair = results.pair(key), let wt = results.tokens(work: key.work),
              let ot = results.tokens(output: key.output) else { return nil }
        let workDoc = kase.works[key.work]
        let outDoc = kase.outputs[results.outputDocs[key.output]]
        let labels = TokenLabeler.labels(pair: pair, work: wt, output: ot)
        let workMarks = StyleSpans(Marks.spans(text: workDoc.text, tokens: wt, labels: labels.work)
            + Marks.annotations(annotations, source: workDoc.source))
        let outMarks = StyleSpans(Marks.spans(text: outDoc.text, tokens: ot, labels: labels.output)
            + Marks.annotations(annotations, source: outDoc.source))
        let g = PairGeometry(size: size, passages: pair.passages.count)
        let keys = ["w\(key.work)", "o\(results.outputDocs[key.output])"]
        var view = PairView(
            key: key, pair: pair, workTitle: Format.oneLine(workDoc.title ?? workDoc.id),
            outputId: outDoc.id, model: results.outputModels[key.output],
            cacheKeys: keys,
            panes: [cache.pane(keys[0], text: workDoc.text, width: g.textCols(0)),
                    cache.pane(keys[1], text: outDoc.text, width: g.textCols(1))],
            marks: [workMarks, outMarks],
            ranges: [pair.passages.map(\.workScalars), pair.passages.map(\.outputScalars)])
        view.reviews = pair.passages.map { annotations?.review(of: outDoc.source, range: $0.outputScalars) }
        view.measureLines()
        if !pair.passages.isEmpty { view.focus(min(max(0, passage), pair.passages.count - 1), size: size) }
        return view
    }

    /// Re-wraps both panes for `size`. Each pane keeps the scalar at its top
    /// (the scroll position follows the re-wrap, never back to the passage's
    /// start), and a focused passage that was on screen in a pane is brought
    /// back into view there if the new wrap pushed it out.
    mutating func layout(size: Size, cache: inout PaneCache) {
        let g = PairGeometry(size: size, passages: pair.passages.count)
        let rows = g.textRows
        let wasShown = (0..<2).map { side in focused.map { isShown($0, side: side, rows: rows) } ?? false }
        for i in 0..<2 {
            panes[i].layout(width: g.textCols(i))
            panes[i].scroll(by: 0, visibleRows: rows)
            cache.store(cacheKeys[i], panes[i])
        }
        measureLines()
        if let focused {
            for side in 0..<2 where wasShown[side] && !isShown(focused, side: side, rows: rows) {
                panes[side].reveal(offset: ranges[side][focused].lowerBound, visibleRows: rows)
            }
        }
    }

    /// Whether any line of passage `i` is among the `rows` lines shown in pane `side`.
    func isShown(_ i: Int, side: Int, rows: Int) -> Bool {
        guard lineSpans[side].indices.contains(i) else { return false }
        let span = lineSpans[side][i], top = panes[side].top
        return span.upperBound >= top && span.lowerBound < top + rows
    }

    private mutating func measureLines() {
        for side in 0..<2 {
            lineSpans[side] = ranges[side].map { r in
                let a = panes[side].lineIndex(of: r.lowerBound)
                return a...max(a, panes[side].lineIndex(of: max(r.lowerBound, r.upperBound - 1)))
            }
        }
    }

    /// Focuses passage `i` and scrolls both panes to its start.
    mutating func focus(_ i: Int, size: Size) {
        guard pair.passages.indices.contains(i) else { return }
        focused = i
        let rows = PairGeometry(size: size, passages: pair.passages.count).textRows
        for side in 0..<2 { panes[side].reveal(offset: ranges[side][i].lowerBound, visibleRows: rows) }
    }

    /// `n` (`step` 1) or `N` (`step` -1), wrapping around.
    mutating func step(_ step: Int, size: Size) {
        let n = pair.passages.count
        guard n > 0 else { return }
        let next = focused.map { (($0 + step) % n + n) % n } ?? (step > 0 ? 0 : n - 1)
        focus(next, size: size)
    }

    /// Scrolls the active pane (or pane `side`) by `delta` lines.
    mutating func scroll(_ delta: Int, size: Size, side: Int? = nil) {
        let rows = PairGeometry(size: size, passages: pair.passages.count).textRows
        panes[side ?? active].scroll(by: delta, visibleRows: rows)
    }

    /// Scrolls the active pane to its first (`top`) or last line.
    mutating func jump(top: Bool, size: Size) {
        let rows = PairGeometry(size: size, passages: pair.passages.count).textRows
        panes[active].scroll(to: top ? 0 : Int.max / 2, visibleRows: rows)
    }

    /// Searches both panes for `term` and shows the first hit of the active pane.
    mutating func search(_ term: String, size: Size) {
        searchTerm = term
        for side in 0..<2 {
            hits[side] = TextSearch.find(term, in: panes[side].text)
            hitMarks[side] = StyleSpans(hits[side].map { ($0, Role.searchMatch) })
        }
        nextHit(size: size, after: false)
    }

    /// Scrolls the active pane to the next hit below its top (wrapping).
    mutating func nextHit(size: Size, after: Bool = true) {
        let list = hits[active]
        guard !list.isEmpty else { return }
        let rows = PairGeometry(size: size, passages: pair.passages.count).textRows
        let top = panes[active].top
        let target = list.first { h in
            let line = panes[active].lineIndex(of: h.lowerBound)
            return after ? line > top + 2 : line >= top
        } ?? list[0]
        panes[active].reveal(offset: target.lowerBound, visibleRows: rows)
    }

    /// The pane under screen column `col`.
    func side(atColumn col: Int, size: Size) -> Int {
        col < PairGeometry(size: size, passages: pair.passages.count).mid ? 0 : 1
    }

    // MARK: Render

    /// Draws the titles (row 1), both panes with gutters, the divider, the
    /// legend, the passage line and the pair line (the three rows above the
    /// last). The caller draws rows 0 and last.
    func render(into screen: inout Screen) {
        let size = screen.size
        let g = PairGeometry(size: size, passages: pair.passages.count)
        for r in 1..<(size.rows - 4) { screen.put("│", row: r, col: g.mid, style: CellStyle(.chrome)) }
        // Title prefixes stay whole; the document id gives way in its middle.
        let titles = [("Work · ", workTitle), ("Output · \(model) · ", outputId)]
        for side in 0..<2 {
            let rect = g.textRect(side)
            let gutter = g.gutterRect(side)
            let pane = panes[side]
            let head = (side == active ? "▶ " : "  ") + titles[side].0
            let position = "\(min(pane.top + 1, pane.lines.count))/\(pane.lines.count)"
            let clip = gutter.col..<(rect.col + rect.cols)
            let posCol = rect.col + rect.cols - DisplayWidth.columns(of: position)
            let room = max(1, posCol - gutter.col - 1)
            let name = Format.fitMiddle(titles[side].1, max(1, room - DisplayWidth.columns(of: head)))
            screen.put(Format.fit(head + name, room), row: 1, col: gutter.col,
                       style: side == active ? CellStyle(.title) : CellStyle(.chrome), clip: clip)
            screen.put(position, row: 1, col: posCol, style: CellStyle(.chrome), clip: clip)
            drawGutter(side, rect: gutter, into: &screen)
            let focus = focused.map { ranges[side][$0] }
            let base = marks[side], hit = hitMarks[side]
            pane.draw(into: &screen, rect: rect) { offset in
                var roles = base.roles(at: offset)
                roles.formUnion(hit.roles(at: offset))
                if let focus, focus.contains(offset) { roles.insert(Roles(.focused)) }
                return CellStyle(roles: roles)
            }
        }
        PairLegend.draw(into: &screen, row: size.rows - 4)
        screen.put(Format.fit(passageLine, size.cols), row: size.rows - 3, col: 0, style: CellStyle(.status))
        screen.fill(Rect(row: size.rows - 2, col: 0, rows: 1, cols: size.cols), style: CellStyle(.status))
        screen.put(Format.fit(pairLine, size.cols), row: size.rows - 2, col: 0, style: CellStyle(.status))
    }

    /// Passage numbers where passages start, `│` down their lines (`┃` for
    /// the focused one): the extent of each passage without color.
    private func drawGutter(_ side: Int, rect: Rect, into screen: inout Screen) {
        let top = panes[side].top
        for r in 0..<rect.rows {
            let line = top + r
            var text = ""
            var style = CellStyle(.chrome)
            for (i, span) in lineSpans[side].enumerated() where span.contains(line) {
                let isFocus = i == focused
                if span.lowerBound == line {
                    text = "\(i + 1)"
                } else if text.isEmpty || isFocus {
                    text = isFocus ? "┃" : "│"
                }
                if isFocus { style = CellStyle(.title) ; if span.lowerBound == line { break } }
            }
            if text.isEmpty { continue }
            screen.put(Format.right(text, rect.cols - 1), row: rect.row + r, col: rect.col, style: style,
                       clip: rect.colRange)
        }
    }

    /// The focused passage's figures (docs/figures.md), or how to reach one.
    var passageLine: String {
        guard let i = focused else {
            let without = pair.passagesWithoutEvidence
            return " \(Format.plural(pair.evidencePassages, "passage")) with evidence"
                + (without > 0 ? " (\(without) more without evidence, dimmed, counted nowhere)" : "") + " · n/N to visit"
        }
        let p = pair.passages[i]
        var s = " Passage \(i + 1)/\(pair.passages.count) · "
        // Shown only once someone set a status (R lists and sets them).
        if i < reviews.count, let r = reviews[i] { s += "\(r.status.rawValue) by \(Format.oneLine(r.by)) · " }
        if p.evidence {
            s += "\(Format.plural(p.matched, "word")) matched · identity \(formatFraction(p.identity))"
                + " · \(p.label.rawValue) · \(p.tier.rawValue)"
        } else {
            s += "\(p.displayLabel) · counted nowhere · identity \(formatFraction(p.identity))"
        }
        // Other places before the longer figures, so a narrow screen keeps them.
        if let also = Self.alsoIn(p.alsoIn, work: pair.work) { s += " · " + also }
        if p.evidence { s += " · longest run \(Format.count(p.longestVerbatim))" }
        return s + " · tokens \(p.workTokens.lowerBound)..<\(p.workTokens.upperBound) ↔ \(p.outputTokens.lowerBound)..<\(p.outputTokens.upperBound)"
    }

    /// `also in 2 works`, `3× more in this work`, or both; nil when the passage's text is
    /// found nowhere else.
    static func alsoIn(_ places: [AlsoIn], work: Int) -> String? {
        let others = Set(places.filter { $0.work != work }.map(\.work)).count
        let here = places.filter { $0.work == work }.count
        var parts = [String]()
        if others > 0 { parts.append("also in \(Format.plural(others, "work"))") }
        if here > 0 { parts.append("\(here)× more in this work") }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The pair's figures (docs/figures.md) for the status line. `supplied` counts the
    /// work words marked supplied in the work pane (the whole work is shown there).
    var pairLine: String {
        var s = " Pair · "
        if let why = pair.noEvidenceLabel { s += why + " (counted nowhere) · " }
        s += "work \(formatPercent(pair.workCoverage)) · strict \(formatPercent(pair.strictCoverage))"
            + " · output \(formatPercent(pair.outputCoverage)) · \(Format.count(pair.matchedWords)) matched"
            + " · \(pair.classification.rawValue) · supplied \(Format.plural(pair.supplied, "work word"))"
        if !pair.flags.isEmpty { s += " · ⚑" }
        return s
    }
}

/// Where the pair view's parts go for a screen size.
struct PairGeometry {
    let size: Size
    /// Column of the divider.
    let mid: Int
    /// Gutter width (passage numbers), cells.
    let gutter: Int

    init(size: Size, passages: Int) {
        self.size = size
        mid = (size.cols - 1) / 2
        gutter = max(3, String(max(1, passages)).count + 1)
    }

    /// Rows of text: all but the header, titles, legend, passage, pair and status lines.
    var textRows: Int { max(1, size.rows - 6) }

    /// Text columns of pane `side`.
    func textCols(_ side: Int) -> Int { max(1, textRect(side).cols) }

    func gutterRect(_ side: Int) -> Rect {
        Rect(row: 2, col: side == 0 ? 0 : mid + 1, rows: textRows, cols: gutter)
    }

    func textRect(_ side: Int) -> Rect {
        let left = side == 0 ? gutter : mid + 1 + gutter
        let right = side == 0 ? mid - 1 : size.cols
        return Rect(row: 2, col: left, rows: textRows, cols: right - left)
    }
}
