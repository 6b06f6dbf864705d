import ExhibitCore
import ExhibitUI

/// The review status of each pair in the pairs table (SPEC §11), as one mark in the
/// last column: `✓` every passage of evidence reviewed, `!` one flagged, `?` one
/// disputed, `·` some reviewed; nothing while no passage of the pair has a status (so
/// a case nobody reviewed looks as before).
struct PairReviewMarks: Sendable {
    private let kase: Case?
    private let results: Results?
    private let annotations: CaseAnnotations?

    init(kase: Case? = nil, results: Results? = nil, annotations: CaseAnnotations? = nil) {
        self.kase = kase
        self.results = results
        self.annotations = annotations
    }

    /// The mark of `row`, or nil.
    func mark(_ row: PairRow) -> (String, CellStyle)? {
        guard let kase, let results, let annotations, !annotations.reviewStatuses.isEmpty else { return nil }
        let source = kase.outputs[results.outputDocs[row.key.output]].source
        let statuses = row.pair.passages.filter { $0.cause == nil }
            .map { annotations.review(of: source, range: $0.outputScalars)?.status ?? .unreviewed }
        if statuses.contains(.flagged) { return ("!", CellStyle(.error)) }
        if statuses.contains(.disputed) { return ("?", CellStyle(.error)) }
        if !statuses.isEmpty && statuses.allSatisfy({ $0 == .reviewed }) { return ("✓", CellStyle(.title)) }
        if statuses.contains(.reviewed) { return ("·", CellStyle(.chrome)) }
        return nil
    }

    /// Draws the mark of `row` in the last column of a screen `cols` wide.
    func draw(_ row: PairRow, into screen: inout Screen, row y: Int, cols: Int) {
        guard cols > 1, let (text, style) = mark(row) else { return }
        screen.put(text, row: y, col: cols - 1, style: style)
    }
}
