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

    /// Sorts by the next order; ties keep work, then model order.
    mutating func cycleSort() {
        let all = Sort.allCases
        sort = all[(all.firstIndex(of: sort)! + 1) % all.count]
        let key: (Row) -> (Double, String, String) = { [sort] r in
            switch sort {
            case .work: (0, r.work ?? "", r.model)
            case .strict: (-r.strict, r.work ?? "", r.model)
            case .loose: (-r.loose, r.work ?? "", r.model)
            case .model: (0, r.model, r.work ?? "")
            }
        }
        rows.sort { key($0) < key($1) }
        top = 0
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
    private var lines: [(String, CellStyle)] {
        var out = rows.map { (line($0), $0.model == "all" ? CellStyle(.title) : CellStyle.plain) }
        out.append(("", .plain))
        out.append(("Per model over all works (reproduced words added up / the works' words)", CellStyle(.title)))
        out += totals.map { (line($0), CellStyle.plain) }
        return out
    }

    private var workWidth: Int { max(8, min(40, rows.map { ($0.work ?? "").count }.max() ?? 8)) }

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
        top = max(0, min(top + delta, max(0, lines.count - visibleRows(rect))))
    }

    func render(into screen: inout Screen, rect: Rect) {
        screen.fill(rect)
        Layout.box(rect, title: "Works × models", in: &screen)
        let clip = (rect.col + 2)..<(rect.col + rect.cols - 2)
        let header = Format.left("work", workWidth) + " " + Format.left("model", 26) + " " + Format.right("strict", 7) + " "
            + Format.right("loose", 7) + " " + Format.right("longest", 8) + " " + Format.right("outputs", 7) + " "
            + Format.right("hits/att", 9)
        screen.put(header, row: rect.row + 1, col: clip.lowerBound, style: CellStyle(.title), clip: clip)
        let body = lines
        for (n, i) in (top..<min(body.count, top + visibleRows(rect))).enumerated() {
            screen.put(body[i].0, row: rect.row + 2 + n, col: clip.lowerBound, style: body[i].1, clip: clip)
        }
        screen.put("sorted by \(sort.rawValue) · s: next sort · j/k scroll · Esc closes",
                   row: rect.row + rect.rows - 2, col: clip.lowerBound, style: CellStyle(.chrome), clip: clip)
    }
}
