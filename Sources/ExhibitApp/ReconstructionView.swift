import ExhibitCore
import ExhibitUI

/// A maximal run of reproduced work tokens, pooled over the outputs shown
/// (all, or one model's): one `WorkFigures.reproduced` interval.
struct ReproducedSpan: Sendable, Equatable {
    /// Work tokens, half-open.
    var tokens: Range<Int>
    /// Work text, Unicode scalars, half-open.
    var scalars: Range<Int>
    /// Tokens of the span reproduced by passages of ≥ 40 matched words (strict).
    var strictWords: Int
}

/// The reconstruction view of a work (SPEC §4): the whole work with every
/// reproduced span marked, pooled over all outputs or one model's. Strict
/// spans (passages ≥ 40 words) show as verbatim/changed words with `┃` in
/// the gutter; spans reproduced only by shorter passages add the `fragment`
/// role and `╎`.
struct ReconstructionView: Sendable {
    let work: Int
    /// Nil: pooled over all outputs.
    let model: String?
    let title: String
    let summary: WorkSummary
    var pane: TextPane
    let marks: StyleSpans
    /// Reproduced spans in text order.
    let spans: [ReproducedSpan]
    /// Scalar ranges of strict and of loose-only reproduced text (sorted), for the gutter.
    let strictScalars: [Range<Int>]
    let looseOnlyScalars: [Range<Int>]
    /// How many outputs reproduce each stretch of the work (row 4).
    let strip: CoverageStrip
    /// Index of the span under the cursor.
    private(set) var cursor: Int?
    private(set) var searchTerm = ""
    private(set) var hits: [Range<Int>] = []
    private var hitMarks = StyleSpans()

    /// Builds the view of work `work` pooled over `model`'s outputs (nil:
    /// all). Nil when the work's token data is not known yet.
    static func make(work: Int, model: String?, kase: Case, results: Results, annotations: CaseAnnotations?,
                     cache: inout PaneCache, size: Size) -> ReconstructionView? {
        guard let tokens = results.tokens(work: work) else { return nil }
        let doc = kase.works[work]
        let summary = results.figures(work: work, model: model)
        let pairs = results.pairs(work: work, model: model)
        let labels = Marks.pooledWorkLabels(work: tokens, pairs: pairs, results: results)
        let loose = summary.figures.reproduced
        let strict = summary.figures.strictReproduced
        let looseOnly = subtract(loose, strict)
        let strictScalars = strict.map { tokens.scalars(of: $0) }
        let looseOnlyScalars = looseOnly.map { tokens.scalars(of: $0) }
        var roles = Marks.spans(text: doc.text, tokens: tokens, labels: labels)
        roles += looseOnlyScalars.map { ($0, Role.fragment) }
        roles += Marks.annotations(annotations, source: doc.source)
        let spans = loose.map { r in
            ReproducedSpan(tokens: r, scalars: tokens.scalars(of: r), strictWords: Intervals.overlap(strict, r))
        }
        let g = ReconstructionGeometry(size: size)
        return ReconstructionView(
            work: work, model: model, title: Format.oneLine(doc.title ?? doc.id), summary: summary,
            pane: cache.pane("w\(work)", text: doc.text, width: g.textRect.cols), marks: StyleSpans(roles),
            spans: spans, strictScalars: strictScalars, looseOnlyScalars: looseOnlyScalars,
            strip: CoverageStrip.of(pairs: pairs, length: tokens.count, strictReproduced: strict))
    }

    /// Token intervals of `a` not in `b` (both sorted and disjoint).
    static func subtract(_ a: [Range<Int>], _ b: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var j = 0
        for r in a {
            var start = r.lowerBound
            while j < b.count && b[j].upperBound <= start { j += 1 }
            var k = j
            while k < b.count && b[k].lowerBound < r.upperBound {
                if b[k].lowerBound > start { out.append(start..<b[k].lowerBound) }
                start = max(start, b[k].upperBound)
                k += 1
            }
            if start < r.upperBound { out.append(start..<r.upperBound) }
        }
        return out
    }

    /// Re-wraps for `size`, keeping the scalar at the top (the scroll
    /// position follows the re-wrap); the span under the cursor, when it was
    /// on screen, is brought back into view if the new wrap pushed it out.
    mutating func layout(size: Size, cache: inout PaneCache) {
        let rows = ReconstructionGeometry(size: size).textRect.rows
        // (Measured against the new height: the old one is not kept.)
        let wasShown = cursor.map { shown($0, rows: rows) } ?? false
        pane.layout(width: ReconstructionGeometry(size: size).textRect.cols)
        pane.scroll(by: 0, visibleRows: rows)
        cache.store("w\(work)", pane)
        if let cursor, wasShown, !shown(cursor, rows: rows) {
            pane.reveal(offset: spans[cursor].scalars.lowerBound, visibleRows: rows)
        }
    }

    /// Whether a line of span `i` is among the `rows` lines shown.
    private func shown(_ i: Int, rows: Int) -> Bool {
        let r = spans[i].scalars
        let first = pane.lineIndex(of: r.lowerBound), last = pane.lineIndex(of: max(r.lowerBound, r.upperBound - 1))
        return last >= pane.top && first < pane.top + rows
    }

    /// Moves the cursor to the next (`step` 1) or previous (-1) span and
    /// brings it into view; without a cursor, starts at the first span at or
    /// below the top line (or above it, going back).
    mutating func step(_ step: Int, size: Size) {
        guard !spans.isEmpty else { return }
        let next: Int
        if let cursor {
            next = ((cursor + step) % spans.count + spans.count) % spans.count
        } else {
            let topOffset = pane.lines[min(pane.top, pane.lines.count - 1)].scalars.lowerBound
            if step > 0 {
                next = spans.firstIndex { $0.scalars.upperBound > topOffset } ?? 0
            } else {
                next = spans.lastIndex { $0.scalars.lowerBound < topOffset } ?? spans.count - 1
            }
        }
        select(next, size: size)
    }

    /// Puts the cursor on span `i` and brings it into view.
    mutating func select(_ i: Int, size: Size) {
        guard spans.indices.contains(i) else { return }
        cursor = i
        pane.reveal(offset: spans[i].scalars.lowerBound, visibleRows: ReconstructionGeometry(size: size).textRect.rows)
    }

    /// Puts the cursor on the first span shown on screen row `row` (a
    /// click), without scrolling; returns whether there was one.
    @discardableResult
    mutating func click(row: Int, size: Size) -> Bool {
        let rect = ReconstructionGeometry(size: size).textRect
        let line = pane.top + row - rect.row
        guard rect.rowRange.contains(row), line < pane.lines.count else { return false }
        let s = pane.lines[line].scalars
        let shown = s.lowerBound..<max(s.upperBound, s.lowerBound + 1)
        guard let i = spans.firstIndex(where: { $0.scalars.overlaps(shown) }) else { return false }
        cursor = i
        return true
    }

    /// Scrolls by `delta` lines.
    mutating func scroll(_ delta: Int, size: Size) {
        pane.scroll(by: delta, visibleRows: ReconstructionGeometry(size: size).textRect.rows)
    }

    /// Scrolls to the first (`top`) or last line.
    mutating func jump(top: Bool, size: Size) {
        pane.scroll(to: top ? 0 : Int.max / 2, visibleRows: ReconstructionGeometry(size: size).textRect.rows)
    }

    /// Searches the work for `term` and shows the first hit.
    mutating func search(_ term: String, size: Size) {
        searchTerm = term
        hits = TextSearch.find(term, in: pane.text)
        hitMarks = StyleSpans(hits.map { ($0, Role.searchMatch) })
        nextHit(size: size, after: false)
    }

    /// Scrolls to the next hit below the top line (wrapping).
    mutating func nextHit(size: Size, after: Bool = true) {
        guard !hits.isEmpty else { return }
        let top = pane.top
        let target = hits.first { h in
            let line = pane.lineIndex(of: h.lowerBound)
            return after ? line > top + 2 : line >= top
        } ?? hits[0]
        pane.reveal(offset: target.lowerBound, visibleRows: ReconstructionGeometry(size: size).textRect.rows)
    }

    /// The outputs whose passages reproduce span `i`: per passage, how many
    /// of the span's words it reproduces (where its pair's prompt did not
    /// supply them), most first.
    func sources(ofSpan i: Int, results: Results) -> [SpanSource] {
        guard spans.indices.contains(i) else { return [] }
        let span = spans[i].tokens
        var out: [SpanSource] = []
        for p in results.pairs(work: work, model: model) {
            for (n, passage) in p.passages.enumerated() where passage.workTokens.overlaps(span) {
                let words = Intervals.overlap(p.reproduced, passage.workTokens.clamped(to: span))
                guard words > 0 else { continue }
                out.append(SpanSource(key: PairKey(work: p.work, output: p.output), passage: n,
                                      output: (results.outputIds[p.output], results.outputModels[p.output]),
                                      words: words, figures: passage))
            }
        }
        out.sort { ($0.words, $0.figures.matched) != ($1.words, $1.figures.matched)
            ? ($0.words, $0.figures.matched) > ($1.words, $1.figures.matched) : ($0.output.id, $0.passage) < ($1.output.id, $1.passage) }
        return out
    }

    // MARK: Render

    /// Draws rows 1 (figures), 2 (findings), 3 (legend) and 4 (coverage strip), the gutter and the text. The
    /// caller draws the header and the status line.
    func render(into screen: inout Screen) {
        let g = ReconstructionGeometry(size: screen.size)
        screen.put(Format.fit(figuresLine, screen.cols), row: 1, col: 0)
        screen.put(Format.fit(findingsLine, screen.cols), row: 2, col: 0,
                   style: summary.figures.flags.isEmpty ? CellStyle(.chrome) : CellStyle(.title))
        drawLegend(into: &screen, row: 3)
        CoverageStripRow.draw(into: &screen, row: CoverageStripRow.row, strip: strip, focus: cursor.map { spans[$0].tokens })
        let rect = g.textRect
        for r in 0..<rect.rows {
            let i = pane.top + r
            guard i < pane.lines.count else { break }
            let s = pane.lines[i].scalars
            let line = s.lowerBound..<max(s.upperBound, s.lowerBound + 1)
            if Self.overlaps(strictScalars, line) {
                screen.put("┃", row: rect.row + r, col: 0, style: CellStyle(.verbatim))
            } else if Self.overlaps(looseOnlyScalars, line) {
                screen.put("╎", row: rect.row + r, col: 0, style: CellStyle(.verbatim, .fragment))
            }
        }
        let focus = cursor.map { spans[$0].scalars }
        let base = marks, hit = hitMarks
        pane.draw(into: &screen, rect: rect) { offset in
            var roles = base.roles(at: offset)
            roles.formUnion(hit.roles(at: offset))
            if let focus, focus.contains(offset) { roles.insert(Roles(.focused)) }
            return CellStyle(roles: roles)
        }
    }

    /// Whether any of the sorted, disjoint `ranges` overlaps `r`.
    static func overlaps(_ ranges: [Range<Int>], _ r: Range<Int>) -> Bool {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound <= r.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].lowerBound < r.upperBound
    }

    /// The pooled figures (SPEC §4), marked "so far" while the scan runs.
    var figuresLine: String {
        let f = summary.figures
        var s = summary.provisional ? " So far: " : " "
        s += "strict \(formatPercent(f.strictCoverage)) · loose \(formatPercent(f.looseCoverage))"
            + " of \(Format.plural(summary.tokens, "word")) · longest block \(Format.count(f.longestBlock))"
            + " · long passages \(f.longPassages) · outputs \(Format.count(f.outputsContributing))"
        s += summary.provisional ? " · hits at the end" : " · hits \(f.hits)/\(f.attempts)"
        return s
    }

    /// The findings with their rules and figures (pooled over the outputs shown).
    var findingsLine: String {
        summary.provisional ? " Findings: when the scan ends" : " " + Format.findings(summary.figures.flags)
    }

    private func drawLegend(into screen: inout Screen, row: Int) {
        let items: [(String, CellStyle)] = [
            (" ", .plain), ("verbatim", CellStyle(.verbatim)), (" ", .plain),
            ("changed", CellStyle(.changed)), (" ", .plain),
            ("┃ strict: passages ≥ 40 words", CellStyle(.verbatim)), (" ", .plain),
            ("╎ only shorter ones", CellStyle(.verbatim, .fragment)), (" ", .plain),
            ("boilerplate, supplied", CellStyle(.boilerplate)), (" ", .plain),
            ("annotated", CellStyle(.annotation)),
        ]
        var col = 0
        for (text, style) in items { col = screen.put(text, row: row, col: col, style: style) }
    }

    /// The span under the cursor, for the status line.
    var spanLine: String {
        guard let i = cursor else {
            return " \(Format.plural(spans.count, "reproduced span")) · n/N to visit · o: outputs that reproduce one"
        }
        let s = spans[i]
        return " Span \(i + 1)/\(spans.count) · work tokens \(s.tokens.lowerBound)..<\(s.tokens.upperBound)"
            + " · \(Format.plural(s.tokens.count, "word")) reproduced, \(Format.count(s.strictWords)) strict"
            + " · o: outputs that reproduce it"
    }
}

/// Where the reconstruction view's parts go for a screen size.
struct ReconstructionGeometry {
    let size: Size
    /// Text below the header, figures, findings, legend and coverage-strip rows, above the
    /// status line, right of a 2-cell gutter.
    var textRect: Rect { Rect(row: 5, col: 2, rows: max(1, size.rows - 6), cols: max(1, size.cols - 2)) }
}
