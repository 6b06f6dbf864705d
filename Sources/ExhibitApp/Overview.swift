import ExhibitCore
import ExhibitUI

/// The case overview: a works table (pooled coverage with reference marks)
/// above a pairs table (each output with a work it copies from). Sort,
/// filter and search narrow both; Enter opens a work's reconstruction or a
/// pair.
struct Overview: Sendable {
    var focus: OverviewTable = .works
    var workSort: WorkSort = .strict
    var pairSort: PairSort = .longestPassage
    var query = OverviewQuery()
    private(set) var works = WorkTable()
    private(set) var pairs = PairTable()
    /// The rows in display order (for tests; drawing reads only the visible ones).
    var workRows: [WorkRow] { works.rows }
    var pairRows: [PairRow] { pairs.rows }
    private(set) var workCursor = 0
    private(set) var workTop = 0
    private(set) var pairCursor = 0
    private(set) var pairTop = 0
    /// Set when the rows must be rebuilt now (sort, filter, new final results).
    var dirty = true
    /// Set when results streamed in since the last rebuild (rebuilt at a pace).
    var stale = false
    /// Whether the user has moved each cursor; until then it stays on the
    /// first row while results stream in and re-sort.
    private var workChosen = false
    private var pairChosen = false

    /// Rebuilds the rows when ``dirty``, keeping the selected work and pair
    /// selected when they are still listed.
    /// `reviews` tells unreviewed pairs apart, for the "unreviewed only" filter.
    mutating func refresh(results: Results?, kase: Case?, size: Size, reviews: PairReviewMarks = PairReviewMarks()) {
        guard dirty || stale else { return }
        dirty = false
        stale = false
        guard let results, let kase else {
            works = WorkTable()
            pairs = PairTable()
            return
        }
        let selectedWork = workChosen && workCursor < works.count ? works[workCursor].work : nil
        let selectedPair = pairChosen && pairCursor < pairs.count ? pairs[pairCursor].key : nil
        works.sync(results, kase, model: query.model)
        works.arrange(query, workSort)
        pairs.sync(results, kase)
        pairs.arrange(query, pairSort, unreviewed: reviews.isUnreviewed,
                      reviewed: query.unreviewedOnly ? reviews.reviewedOutputs() : nil)
        workCursor = selectedWork.flatMap { w in works.order.firstIndex { $0 == w } } ?? 0
        pairCursor = selectedPair.flatMap { pairs.position(of: $0) } ?? 0
        clamp(size: size)
    }

    /// The selected work row, if any.
    var selectedWork: WorkRow? { workCursor < works.count ? works[workCursor] : nil }
    /// The selected pair row, if any.
    var selectedPair: PairRow? { pairCursor < pairs.count ? pairs[pairCursor] : nil }

    /// Moves the cursor of the focused table (or `table`) by `delta` rows.
    mutating func move(_ delta: Int, size: Size, table: OverviewTable? = nil) {
        switch table ?? focus {
        case .works:
            workCursor = min(max(0, workCursor + delta), max(0, works.count - 1))
            workChosen = workChosen || delta != 0
        case .pairs:
            pairCursor = min(max(0, pairCursor + delta), max(0, pairs.count - 1))
            pairChosen = pairChosen || delta != 0
        }
        clamp(size: size)
    }

    /// Rows one page moves in the focused table.
    func pageRows(size: Size) -> Int {
        let g = OverviewGeometry(size: size, works: works.count)
        return max(1, (focus == .works ? g.workRows : g.pairRows) - 1)
    }

    /// Selects the row at screen row `row` if it shows one; returns the
    /// table and whether the row was already selected (a second click opens).
    mutating func click(row: Int, size: Size) -> (OverviewTable, Bool)? {
        let g = OverviewGeometry(size: size, works: works.count)
        let tables: [(OverviewTable, Range<Int>, top: Int, count: Int, cursor: WritableKeyPath<Overview, Int>,
                      chosen: WritableKeyPath<Overview, Bool>)] = [
            (.works, g.workRange, workTop, works.count, \.workCursor, \.workChosen),
            (.pairs, g.pairRange, pairTop, pairs.count, \.pairCursor, \.pairChosen),
        ]
        guard let t = tables.first(where: { $0.1.contains(row) }) else { return nil }
        let i = t.top + row - t.1.lowerBound
        guard i < t.count else { return nil }
        let again = focus == t.0 && self[keyPath: t.cursor] == i
        focus = t.0
        self[keyPath: t.cursor] = i
        self[keyPath: t.chosen] = true
        return (t.0, again)
    }

    /// The table under screen row `row`.
    func table(atRow row: Int, size: Size) -> OverviewTable {
        OverviewGeometry(size: size, works: works.count).pairRange.lowerBound - 2 <= row ? .pairs : .works
    }

    private mutating func clamp(size: Size) {
        let g = OverviewGeometry(size: size, works: works.count)
        workTop = Self.keepVisible(cursor: workCursor, top: workTop, visible: g.workRows, count: works.count)
        pairTop = Self.keepVisible(cursor: pairCursor, top: pairTop, visible: g.pairRows, count: pairs.count)
    }

    private static func keepVisible(cursor: Int, top: Int, visible: Int, count: Int) -> Int {
        var t = min(top, max(0, count - visible))
        if cursor < t { t = cursor }
        if cursor >= t + visible { t = cursor - visible + 1 }
        return max(0, t)
    }

    // MARK: Render

    /// Draws rows 2 … second to last (the caller draws the header, the
    /// progress line and the status line).
    func render(into screen: inout Screen, results: Results?, reviews: PairReviewMarks = PairReviewMarks()) {
        let g = OverviewGeometry(size: screen.size, works: works.count)
        let cols = screen.cols
        // Works.
        var title = " Works (\(works.count)) · sort: \(workSort.rawValue) · model: \(query.model ?? "all")"
        if query.flaggedOnly { title += " · flagged only" }
        if !query.search.isEmpty { title += " · matching “\(query.search)”" }
        if results?.isFinal == false { title += " · figures so far" }
        screen.put(Format.fit(title, cols), row: g.worksTitle, col: 0, style: CellStyle(focus == .works ? .title : .chrome))
        let wc = WorkColumns(cols: cols)
        screen.put(wc.header(sort: workSort), row: g.worksTitle + 1, col: 0, style: CellStyle(.chrome))
        if works.count == 0 {
            screen.put(results == nil ? "  (reading the case…)" : "  (no work matches)", row: g.workRange.lowerBound, col: 0,
                       style: CellStyle(.chrome))
        }
        for (n, i) in (workTop..<min(works.count, workTop + g.workRows)).enumerated() {
            wc.draw(works[i], into: &screen, row: g.workRange.lowerBound + n,
                    cursor: i == workCursor ? (focus == .works ? 2 : 1) : 0)
        }
        drawLegend(into: &screen, row: g.legend)
        // Pairs.
        // Counts are of pairs with evidence; pairs without stay listed, dimmed, counted apart.
        let shown = pairs.evidenceCount
        var ptitle = " Pairs (\(shown)"
        if let results {
            ptitle += " of \(results.evidencePairs) with evidence; \(Format.plural(results.outputIds.count, "output"))"
        } else {
            ptitle += " with evidence"
        }
        ptitle += ") · sort: \(pairSort.rawValue) · model: \(query.model ?? "all")"
        if pairs.count > shown { ptitle += " · \(pairs.count - shown) without evidence, dimmed" }
        if query.flaggedOnly { ptitle += " · flagged only" }
        if query.unreviewedOnly { ptitle += " · unreviewed only" }
        screen.put(Format.fit(ptitle, cols), row: g.pairsTitle, col: 0, style: CellStyle(focus == .pairs ? .title : .chrome))
        let pc = PairColumns(cols: cols)
        screen.put(pc.header(sort: pairSort), row: g.pairsTitle + 1, col: 0, style: CellStyle(.chrome))
        if pairs.count == 0 {
            let why = results == nil ? "(reading the case…)" : results?.isFinal == true ? "(no pair matches)" : "(pairs appear as the scan finds them)"
            screen.put("  " + why, row: g.pairRange.lowerBound, col: 0, style: CellStyle(.chrome))
        }
        for (n, i) in (pairTop..<min(pairs.count, pairTop + g.pairRows)).enumerated() {
            pc.draw(pairs[i], into: &screen, row: g.pairRange.lowerBound + n,
                    cursor: i == pairCursor ? (focus == .pairs ? 2 : 1) : 0)
            reviews.draw(pairs[i], into: &screen, row: g.pairRange.lowerBound + n, cols: cols)
        }
    }

    private func drawLegend(into screen: inout Screen, row: Int) {
        let items: [(String, CellStyle)] = [
            (" ", .plain), (CoverageBar.fillGlyph, CellStyle(.bar)), (" covered ", CellStyle(.chrome)),
            (CoverageBar.trackGlyph, CellStyle(.barTrack)), (" not ", CellStyle(.chrome)),
            (CoverageBar.markGlyph, CellStyle(.barTrack, .referenceMark)),
            (" " + ReferenceMarks.caption, CellStyle(.chrome)),
        ]
        var col = 0
        for (text, style) in items { col = screen.put(text, row: row, col: col, style: style) }
    }
}

/// Where the overview's parts go.
struct OverviewGeometry {
    let worksTitle = 2
    /// Rows of work rows shown.
    let workRows: Int
    let legend: Int
    let pairsTitle: Int
    /// Rows of pair rows shown.
    let pairRows: Int

    init(size: Size, works: Int) {
        let free = max(2, size.rows - 8)
        workRows = min(max(1, works), max(2, free / 3))
        legend = 4 + workRows
        pairsTitle = legend + 1
        pairRows = max(1, size.rows - 1 - (pairsTitle + 2))
    }

    /// Screen rows of the work rows and of the pair rows.
    var workRange: Range<Int> { 4..<(4 + workRows) }
    var pairRange: Range<Int> { (pairsTitle + 2)..<(pairsTitle + 2 + pairRows) }
}

/// Column layout of the works table for a screen width.
struct WorkColumns {
    let bar: Int
    let title: Int
    let showCounts: Bool

    init(cols: Int) {
        bar = max(5, min(20, (cols - 60) / 3))
        let fixed = 2 + 8 + 2 * (bar + 8) + 5 + 8 + 2
        showCounts = cols - fixed >= 12
        title = max(4, cols - (showCounts ? fixed : fixed - 13))
    }

    func header(sort: WorkSort) -> String {
        func h(_ s: String, _ key: WorkSort) -> String { sort == key ? s + (key == .title ? "▲" : "▼") : s }
        var s = "  " + Format.left(h("Work", .title), title) + " "
        if showCounts { s += Format.right(h("Words", .words), 7) + " " }
        s += Format.left(h("Strict", .strict), bar + 7) + " " + Format.left(h("Loose", .loose), bar + 7) + " "
        if showCounts { s += Format.right("Outs", 4) + " " }
        return s + Format.right("Hits", 7) + " ⚑"
    }

    /// Draws `row`; `cursor` 0 none, 1 selected in the other table, 2 selected here.
    func draw(_ row: WorkRow, into screen: inout Screen, row y: Int, cursor: Int) {
        let f = row.summary.figures
        let marker = cursor == 2 ? "▶ " : cursor == 1 ? "▸ " : "  "
        var col = screen.put(marker, row: y, col: 0, style: CellStyle(.title))
        col = screen.put(Format.left(row.title, title), row: y, col: col, style: cursor == 2 ? CellStyle(.selection) : .plain) + 1
        if showCounts {
            let words = row.summary.tokens == 0 && row.summary.provisional ? "…" : Format.count(row.summary.tokens)
            col = screen.put(Format.right(words, 7), row: y, col: col) + 1
        }
        let marks = CoverageBar.marks(tokens: row.summary.tokens)
        for fraction in [f.strictCoverage, f.looseCoverage] {
            CoverageBar.draw(into: &screen, row: y, col: col, width: bar, fraction: fraction, marks: marks)
            col = screen.put(Format.right(formatPercent(fraction), 7), row: y, col: col + bar) + 1
        }
        if showCounts { col = screen.put(Format.right(Format.count(f.outputsContributing), 4), row: y, col: col) + 1 }
        let hits = row.summary.provisional ? "…" : "\(f.hits)/\(f.attempts)"
        col = screen.put(Format.right(hits, 7), row: y, col: col) + 1
        switch row.flagged {
        case true?: screen.put("⚑", row: y, col: col, style: CellStyle(.error))
        case nil: screen.put("…", row: y, col: col, style: CellStyle(.chrome))
        default: break
        }
    }
}

/// Column layout of the pairs table for a screen width.
struct PairColumns {
    let output: Int
    let model: Int
    let technique: Int
    let work: Int

    init(cols: Int) {
        if cols >= 90 {
            model = 18; technique = 16; work = 16
        } else {
            model = 12; technique = 0; work = 10
        }
        let fixed = 2 + (model + 1) + (technique > 0 ? technique + 1 : 0) + (work + 1) + 7 + 9 + 6 + 2
        output = max(6, cols - fixed - 1)
    }

    func header(sort: PairSort) -> String {
        func h(_ s: String, _ key: PairSort) -> String { sort == key ? s + ((key == .output || key == .work) ? "▲" : "▼") : s }
        var s = "  " + Format.left(h("Output", .output), output) + " " + Format.left("Model", model) + " "
        if technique > 0 { s += Format.left("Technique", technique) + " " }
        s += Format.left(h("Work", .work), work) + " " + Format.right(h("Out%", .outputCoverage), 6) + " "
            + Format.right(h("Longest", .longestPassage), 8) + " " + Format.right("Psg", 5) + " ⚑"
        return s
    }

    /// Draws `row`; a pair without evidence is dimmed and its figures give way to its
    /// label (`no evidence: prompt echo`), as it counts nowhere.
    func draw(_ row: PairRow, into screen: inout Screen, row y: Int, cursor: Int) {
        let marker = cursor == 2 ? "▶ " : cursor == 1 ? "▸ " : "  "
        let text = row.pair.evidence ? CellStyle.plain : CellStyle(.chrome)
        var col = screen.put(marker, row: y, col: 0, style: CellStyle(.title))
        col = screen.put(Format.left(row.outputId, output, middle: true), row: y, col: col, style: cursor == 2 ? CellStyle(.selection) : text) + 1
        col = screen.put(Format.left(row.model, model), row: y, col: col, style: text) + 1
        if technique > 0 { col = screen.put(Format.left(row.technique, technique), row: y, col: col, style: text) + 1 }
        col = screen.put(Format.left(row.workId, work, middle: true), row: y, col: col, style: text) + 1
        if let why = row.pair.noEvidenceLabel {
            screen.put(Format.left(why, 24), row: y, col: col, style: text)
            return
        }
        col = screen.put(Format.right(formatPercent(row.pair.outputCoverage), 6), row: y, col: col) + 1
        col = screen.put(Format.right(Format.count(row.pair.longestPassage), 8), row: y, col: col) + 1
        col = screen.put(Format.right(Format.count(row.pair.evidencePassages), 5), row: y, col: col) + 1
        if !row.pair.flags.isEmpty { screen.put("⚑", row: y, col: col, style: CellStyle(.error)) }
    }
}
