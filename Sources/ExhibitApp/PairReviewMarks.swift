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
    /// The source of each output (case index) that a review status names
    /// (``AnnotatedSources/reviewed``): the passages of any other output are unreviewed,
    /// without spelling its source.
    private let reviewed: [Int: String]
    /// `results.outputDocs`, and whether the case, the results and the annotations are all
    /// in: kept apart so the filter's 50,000 questions copy neither the case nor the results.
    private let outputDocs: [Int]
    private let ready: Bool

    init(kase: Case? = nil, results: Results? = nil, annotations: CaseAnnotations? = nil, reviewed: [Int: String] = [:]) {
        self.kase = kase
        self.results = results
        self.annotations = annotations
        self.reviewed = reviewed
        outputDocs = results?.outputDocs ?? []
        ready = kase != nil && results != nil && annotations != nil
    }

    /// Whether any status was set in the case (before that, no mark and no unreviewed filter).
    var anyStatus: Bool { annotations?.reviewStatuses.isEmpty == false }

    /// The status of each passage of evidence of `row`, in order.
    private func statuses(_ row: PairRow) -> [ReviewStatus] {
        let evidence = row.pair.passages.filter { $0.cause == nil }
        guard let annotations, let source = reviewedSource(row) else { return evidence.map { _ in .unreviewed } }
        return evidence.map { annotations.review(of: source, range: $0.outputScalars)?.status ?? .unreviewed }
    }

    /// The `source` of `row`'s output (annotations name documents by it) if a review
    /// status names it; nil for every other output, and before the case is loaded.
    private func reviewedSource(_ row: PairRow) -> String? {
        guard kase != nil, results != nil, !reviewed.isEmpty else { return nil }
        return reviewed[outputDocs[row.key.output]]
    }

    /// By scanned output index, whether a review status names the output; nil before the
    /// case, the results and the annotations are in (then ``isUnreviewed(_:)`` decides for
    /// every pair). Made from the few named outputs (`outputDocs` ascends, so each is found
    /// by halving), for the filter to ask 50,000 pairs by array look-up.
    func reviewedOutputs() -> [Bool]? {
        guard ready else { return nil }
        var flags = [Bool](repeating: false, count: outputDocs.count)
        for doc in reviewed.keys {
            var (lo, hi) = (0, outputDocs.count)
            while lo < hi {
                let mid = (lo + hi) / 2
                if outputDocs[mid] < doc { lo = mid + 1 } else { hi = mid }
            }
            if lo < outputDocs.count && outputDocs[lo] == doc { flags[lo] = true }
        }
        return flags
    }

    /// Whether `row` is unreviewed: one of its passages of evidence has no status (the
    /// pairs table's "unreviewed only" filter). A pair without evidence is not.
    func isUnreviewed(_ row: PairRow) -> Bool {
        // `statuses(row).contains(.unreviewed)`, without building the list: the filter asks it of every pair.
        guard let annotations, let source = reviewedSource(row) else { return row.pair.passages.contains { $0.cause == nil } }
        return row.pair.passages.contains { p in
            p.cause == nil && (annotations.review(of: source, range: p.outputScalars)?.status ?? .unreviewed) == .unreviewed
        }
    }

    /// The mark of `row`, or nil.
    func mark(_ row: PairRow) -> (String, CellStyle)? {
        guard anyStatus else { return nil }
        let statuses = self.statuses(row)
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
