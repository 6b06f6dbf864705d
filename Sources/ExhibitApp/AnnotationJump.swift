import ExhibitCore
import ExhibitUI

/// Enter in the annotations list: shows the annotated span in a view that
/// holds its text. The open pair view when it shows the document; else a
/// work's reconstruction view, or for an output the pair whose passages
/// overlap the span most (else the output's first pair).
extension AppModel {
    mutating func jump(to a: ResolvedAnnotation) {
        let source = a.annotation.target.source
        guard let range = a.status.range else {
            notice = ("orphaned, no place in the current text; its quote: “\(Format.oneLine(a.annotation.target.quote.exact))”", false)
            return
        }
        guard let kase, let results else {
            notice = ("the case is not scanned yet", false)
            return
        }
        if var view = pair, routes.contains(.pair) {
            let sources = [kase.works[view.key.work].source, kase.outputs[results.outputDocs[view.key.output]].source]
            if let side = sources.firstIndex(of: source) {
                Self.reveal(range, side: side, in: &view, size: size)
                pair = view
                routes = Array(routes.prefix { $0 != .pair }) + [.pair]
                tools.list = nil
                return
            }
        }
        if let w = kase.works.firstIndex(where: { $0.source == source }) {
            guard var view = ReconstructionView.make(work: w, model: nil, kase: kase, results: results,
                                                     annotations: annotations, cache: &cache, size: size) else {
                notice = ("the work's text is being indexed; try again in a moment", false)
                return
            }
            if let i = view.spans.firstIndex(where: { $0.scalars.overlaps(range) }) { view.select(i, size: size) }
            view.pane.reveal(offset: range.lowerBound, visibleRows: ReconstructionGeometry(size: size).textRect.rows)
            reconstruction = view
            pair = nil
            routes = [.overview, .reconstruction]
            tools.list = nil
            return
        }
        guard let d = kase.outputs.firstIndex(where: { $0.source == source }),
              let o = results.outputDocs.firstIndex(of: d) else {
            notice = ("\(source) is not among the outputs scanned", false)
            return
        }
        let pairs = results.pairs.filter { $0.output == o }
        func overlap(_ p: PairResult) -> Int {
            p.passages.reduce(0) { $0 + $1.outputScalars.clamped(to: range).count }
        }
        guard let best = pairs.max(by: { (overlap($0), $1.work) < (overlap($1), $0.work) }) else {
            notice = ("output \(kase.outputs[d].id) copies no work: no pair view shows it", false)
            return
        }
        let key = PairKey(work: best.work, output: o)
        openPair(key, passage: 0)
        guard var view = pair, view.key == key else { return }
        Self.reveal(range, side: 1, in: &view, size: size)
        pair = view
        tools.list = nil
    }

    /// Focuses the passage of `side` that overlaps `range` (if any), makes
    /// `side` the active pane and brings the start of `range` into view.
    static func reveal(_ range: Range<Int>, side: Int, in view: inout PairView, size: Size) {
        if let i = view.ranges[side].firstIndex(where: { $0.overlaps(range) }) { view.focus(i, size: size) }
        view.active = side
        let rows = PairGeometry(size: size, passages: view.pair.passages.count).textRows
        view.panes[side].reveal(offset: range.lowerBound, visibleRows: rows)
    }
}
