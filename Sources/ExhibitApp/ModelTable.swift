import ExhibitCore
import ExhibitUI

/// The `W` table of the overview: one row per work and model (the pooled "all" row
/// first), then one row per model over all works (`ModelTotals`), so the figures a
/// reader would otherwise collect by pressing `M` for each model stand side by side.
/// `s` cycles the sort of the work × model rows; Esc (or `W` again) closes. A layer
/// (``LayerStack``) over the overview.
struct ModelTable: Layer, Equatable {
    /// Sort orders, cycled by `s`.
    enum Sort: String, CaseIterable, Sendable {
        case work, strict, loose, model
    }

    /// One line: a work × model, or a model over all works (`work` nil).
    struct Row: Sendable, Equatable {
        var work: String?
        var model: String
        /// The core's figures of the row (for a model over all works, its `ModelTotals`).
        var figures: WorkFigures
        var strict: Double { figures.strictCoverage }
        var loose: Double { figures.looseCoverage }
    }

    /// The final result's works, shared with the model (not copied): a row is made when
    /// it is drawn (``row(_:)``), since 10,000 works give tens of thousands of rows, of
    /// which a screenful shows.
    private let works: [WorkResult]
    /// Where each work's rows start, the sort keys by row number, the work column's width
    /// and the totals, made when the result arrived.
    private let index: ModelTableIndex
    /// The rows in display order, as row numbers (``ModelTableIndex/start``); empty until
    /// the first sort (the works' order).
    private var order: [Int] = []
    let totals: [Row]
    private(set) var sort = Sort.work
    var top = 0
    /// Width of the work column: the longest work id (characters), 8 to 40.
    private var workWidth: Int { index.workWidth }

    /// The table of the final results; nil while the scan runs (per-model figures are
    /// pooled at the end).
    init?(results: Results?) {
        guard let r = results?.final else { return nil }
        works = r.works
        index = results?.modelTableIndex ?? ModelTableIndex(r)
        totals = index.totals.map { t in
            var f = WorkFigures()
            f.strictCoverage = t.strictCoverage
            f.looseCoverage = t.looseCoverage
            f.longestBlock = t.longestBlock
            f.outputsContributing = t.outputsContributing
            f.hits = t.hits
            f.attempts = t.attempts
            return Row(work: nil, model: t.model, figures: f)
        }
    }

    /// How many work × model rows the table has.
    var rowCount: Int { index.start.last ?? 0 }

    /// Row number `n`: its work (the last whose first row is at or before `n`) and its
    /// place among that work's rows.
    private func numbered(_ n: Int) -> Row {
        let start = index.start
        var (lo, hi) = (0, works.count - 1)
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if start[mid] <= n { lo = mid } else { hi = mid - 1 }
        }
        let j = n - start[lo]
        if j == 0 { return Row(work: works[lo].id, model: "all", figures: works[lo].figures) }
        let m = works[lo].byModel[j - 1]
        return Row(work: works[lo].id, model: m.model, figures: m.figures)
    }

    /// The row shown at position `i` (< ``rowCount``).
    func row(_ i: Int) -> Row { numbered(order.isEmpty ? i : order[i]) }

    /// The work × model rows in display order (for tests; drawing makes only those shown).
    var rows: [Row] { (0..<rowCount).map(row) }

    /// Sorts by the next order; ties keep work, then model order. Work ids and models are
    /// compared as their ranks among the distinct values (the same order as comparing the
    /// strings, each string compared a few thousand times less).
    mutating func cycleSort() {
        let all = Sort.allCases
        sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
        let (works, models, strict, loose) = (index.workRanks, index.modelRanks, index.strict, index.loose)
        let key: (Int) -> (Double, Int, Int) = { [sort] i in
            switch sort {
            case .work: (0, works[i], models[i])
            case .strict: (-strict[i], works[i], models[i])
            case .loose: (-loose[i], works[i], models[i])
            case .model: (0, models[i], works[i])
            }
        }
        // Row numbers are sorted from the order shown (an integer moves per swap, not a row
        // with its figures).
        order = (order.isEmpty ? Array(0..<rowCount) : order).sorted { key($0) < key($1) }
        top = 0
    }

    /// Each value's rank among the distinct `values` in `<` order.
    static func ranks(_ values: [String]) -> [Int] { ModelTableIndex.ranks(values) }

    /// The box for a screen of `size`.
    func frame(in size: Size) -> Rect {
        let cols = min(size.cols, max(60, size.cols - 4))
        let height = max(6, size.rows - 2)
        return Rect(row: (size.rows - height) / 2, col: (size.cols - cols) / 2, rows: height, cols: cols)
    }

    mutating func update(_ action: Action?, rect: Rect) -> LayerReply {
        switch action {
        case .close, .modelTable: return .close
        case .quit: return LayerReply(effects: [.quit])
        case .sort: cycleSort()
        default: if let d = ScrollKeys.delta(action, page: visibleRows(rect)) { scroll(d, rect: rect) }
        }
        return .stay
    }

    /// Lines of the body: work × model rows, a blank, a heading, the totals.
    private var lineCount: Int { rowCount + 2 + totals.count }

    /// Body line `i` (< ``lineCount``), formatted when drawn: a table of 10,000 works
    /// has tens of thousands of lines, of which a screenful shows.
    private func bodyLine(_ i: Int) -> (String, CellStyle) {
        if i < rowCount {
            let r = row(i)
            return (line(r), r.model == "all" ? CellStyle(.title) : CellStyle.plain)
        }
        if i == rowCount { return ("", .plain) }
        if i == rowCount + 1 { return ("Per model over all works (reproduced words added up / the works' words)", CellStyle(.title)) }
        return (line(totals[i - rowCount - 2]), CellStyle.plain)
    }

    private func line(_ r: Row) -> String {
        Format.left(r.work ?? "", workWidth, middle: true) + " " + Format.left(r.model, 26, middle: true) + " "
            + Format.right(formatPercent(r.strict), 7) + " " + Format.right(formatPercent(r.loose), 7) + " "
            + Format.right(Format.count(r.figures.longestBlock), 8) + " " + Format.right(Format.count(r.figures.outputsContributing), 7) + " "
            + Format.right("\(r.figures.hits)/\(r.figures.attempts)", 9)
    }

    /// Rows of the body that fit in `rect` (inside the border, below the header, above the key line).
    func visibleRows(_ rect: Rect) -> Int { max(1, rect.rows - 5) }

    /// Scrolls by `delta` lines, clamped.
    mutating func scroll(_ delta: Int, rect: Rect) {
        top = max(0, min(top + delta, max(0, lineCount - visibleRows(rect))))
    }

    func render(into screen: inout Screen, rect: Rect) {
        screen.fill(rect)
        Layout.box(rect, title: "Works × models", in: &screen)
        let clip = (rect.col + 2)..<(rect.col + rect.cols - 2)
        let header = Format.left("work", workWidth) + " " + Format.left("model", 26) + " " + Format.right("strict", 7) + " "
            + Format.right("loose", 7) + " " + Format.right("longest", 8) + " " + Format.right("outputs", 7) + " "
            + Format.right("hits/att", 9)
        screen.put(header, row: rect.row + 1, col: clip.lowerBound, style: CellStyle(.title), clip: clip)
        for (n, i) in (top..<min(lineCount, top + visibleRows(rect))).enumerated() {
            let (text, style) = bodyLine(i)
            screen.put(text, row: rect.row + 2 + n, col: clip.lowerBound, style: style, clip: clip)
        }
        screen.put("sorted by \(sort.rawValue) · s: next sort · j/k scroll · Esc closes",
                   row: rect.row + rect.rows - 2, col: clip.lowerBound, style: CellStyle(.chrome), clip: clip)
    }
}
