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

    private(set) var rows: [Row]
    let totals: [Row]
    private(set) var sort = Sort.work
    var top = 0
    /// Each row's work id and model as ranks among all rows' (``ranks(_:)``), in row
    /// order; made at the first sort.
    private var workRanks: [Int] = []
    private var modelRanks: [Int] = []
    /// Width of the work column: the longest work id (characters), 8 to 40.
    private let workWidth: Int

    /// The table of the final results; nil while the scan runs (per-model figures are
    /// pooled at the end).
    init?(results: Results?) {
        guard let r = results?.final else { return nil }
        var rows = [Row]()
        for w in r.works {
            rows.append(Self.row(w.id, "all", w.figures))
            rows += w.byModel.map { Self.row(w.id, $0.model, $0.figures) }
        }
        self.rows = rows
        workWidth = max(8, min(40, r.works.map { $0.id.count }.max() ?? 8))
        totals = ModelTotals.byModel(r).map { t in
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

    private static func row(_ work: String, _ model: String, _ f: WorkFigures) -> Row {
        Row(work: work, model: model, figures: f)
    }

    /// Sorts by the next order; ties keep work, then model order. Work ids and models are
    /// compared as their ranks among the distinct values (the same order as comparing the
    /// strings, each string compared a few thousand times less).
    mutating func cycleSort() {
        let all = Sort.allCases
        sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
        if workRanks.count != rows.count {
            workRanks = Self.ranks(rows.map { $0.work ?? "" })
            modelRanks = Self.ranks(rows.map(\.model))
        }
        let (works, models) = (workRanks, modelRanks)
        let strict = rows.map(\.strict), loose = rows.map(\.loose)
        let key: (Int) -> (Double, Int, Int) = { [sort] i in
            switch sort {
            case .work: (0, works[i], models[i])
            case .strict: (-strict[i], works[i], models[i])
            case .loose: (-loose[i], works[i], models[i])
            case .model: (0, models[i], works[i])
            }
        }
        // Indices are sorted (an integer moves per swap, not a row with its figures).
        let order = rows.indices.sorted { key($0) < key($1) }
        rows = order.map { rows[$0] }
        workRanks = order.map { works[$0] }
        modelRanks = order.map { models[$0] }
        top = 0
    }

    /// Each value's rank among the distinct `values` in `<` order.
    static func ranks(_ values: [String]) -> [Int] {
        let distinct = Set(values).sorted()
        let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        return values.map { rank[$0]! }
    }

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
    private var lineCount: Int { rows.count + 2 + totals.count }

    /// Body line `i` (< ``lineCount``), formatted when drawn: a table of 10,000 works
    /// has tens of thousands of lines, of which a screenful shows.
    private func bodyLine(_ i: Int) -> (String, CellStyle) {
        if i < rows.count { return (line(rows[i]), rows[i].model == "all" ? CellStyle(.title) : CellStyle.plain) }
        if i == rows.count { return ("", .plain) }
        if i == rows.count + 1 { return ("Per model over all works (reproduced words added up / the works' words)", CellStyle(.title)) }
        return (line(totals[i - rows.count - 2]), CellStyle.plain)
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
