import ExhibitCore
import ExhibitUI

/// A passage's review status to save (SPEC §11): the output span and the new status.
public struct ReviewStatusChange: Sendable, Equatable {
    /// The output's source (case-relative path, `#id` for a JSONL record).
    public var source: String
    /// The passage's output span, Unicode scalars, half-open.
    public var range: Range<Int>
    public var status: ReviewStatus
    /// How the passage is named in the status line.
    public var label: String
    /// Who signs it: filled in by the screen (``AppModel/signed(_:)``), never `unknown`.
    public var creator: String? = nil
}

/// The `R` list: the review status of each passage of evidence — of the open pair, else
/// of every pair scanned — with who set it and when (SPEC §11). `r` reviewed, `F`
/// flagged, `D` disputed, `u` back to unreviewed; `U` shows only the unreviewed ones.
/// Saving is an effect (`AppEffect.reviewStatus`) the shell performs in the annotation
/// store; the list is rebuilt when the store changes (`AppMessage.annotationsChanged`),
/// so a colleague's status shows here too.
struct ReviewStatusView: Layer {
    /// One passage of evidence.
    struct Row: Sendable, Equatable {
        /// The output's and the work's ids, the passage's number (from 1) and how many the pair has.
        var outputId: String
        var workId: String
        var passage: Int
        var passages: Int
        /// `output ← work · passage i/n`, spelled when shown (the list of all pairs has
        /// tens of thousands of rows, of which a screenful shows).
        var label: String { "\(outputId) ← \(workId) · passage \(passage)/\(passages)" }
        var source: String
        var range: Range<Int>
        var review: PassageReview?
        var status: ReviewStatus { review?.status ?? .unreviewed }
    }

    /// `pair wN ↔ oM` or `all pairs`.
    let scope: String
    /// The pairs listed and what names their rows, kept as the model has them (arrays
    /// shared, not copied): a row is made when it is shown (``row(_:)``), since the list of
    /// all pairs has tens of thousands of rows, of which a screenful shows.
    private let pairs: [PairResult]
    private let outputs: [Document]
    private let works: [Document]
    private let outputDocs: [Int]
    /// The source of each output (case index) that a review status names
    /// (``AnnotatedSources/reviewed``); any other output's passages have no review.
    private let reviewed: [Int: String]
    /// The rows of pair `k` are `firstRow[k] ..< firstRow[k + 1]`, one per passage of
    /// evidence (`cause` nil), in pair order; `firstRow[pairs.count]` is the number of rows.
    private let firstRow: [Int]
    /// The review of each row that has one (only outputs a review status names are looked up).
    private let reviews: [Int: PassageReview]
    /// The rows whose status is not `unreviewed`, ascending (a few thousand at most): the
    /// unreviewed ones (counted in the title, listed by `U`) are the others, found by
    /// counting, not listed, since drawing and moving must not walk 50,000 pairs.
    private let settled: [Int]
    /// Only the unreviewed passages.
    private(set) var unreviewedOnly = false
    /// Selected row of `visible`, and the first row shown.
    private(set) var cursor = 0
    private(set) var top = 0

    var keymap: Keymap<Action> { Self.keys }

    /// This list's own key table, consulted before the global one.
    static let keys = Keymap<Action>(bindings: [
        Binding(.markReviewed, [.character("r")], "Mark reviewed", group: "Review"),
        Binding(.markFlagged, [.character("F")], "Mark flagged", group: "Review"),
        Binding(.markDisputed, [.character("D")], "Mark disputed", group: "Review"),
        Binding(.markUnreviewed, [.character("u")], "Mark unreviewed", group: "Review"),
        Binding(.unreviewedOnly, [.character("U")], "Show only unreviewed", group: "Review"),
    ])

    static func open(_ model: AppModel) -> Result<any Layer, LayerUnavailable> {
        guard model.kase != nil, model.results != nil else {
            return .failure(LayerUnavailable(reason: "no passages yet: the case is loading or scanning"))
        }
        return .success(make(model, keeping: nil))
    }

    /// Listed in the help once the case has a review status or the screen works on a
    /// review server (where a team sets them); `R` opens the list either way.
    static func offered(_ model: AppModel) -> Bool {
        model.annotationStore != nil || model.annotations?.reviewStatuses.isEmpty == false
    }

    /// The list from the model's pair (if one is open) or all its pairs, keeping
    /// `previous`'s filter and selection.
    static func make(_ model: AppModel, keeping previous: ReviewStatusView?) -> ReviewStatusView {
        var scope = "all pairs"
        var pairs: [PairResult] = []
        if let kase = model.kase, let results = model.results {
            if let key = model.pair?.key, let p = results.pair(key) {
                pairs = [p]
                scope = "pair \(kase.works[p.work].id) ↔ \(kase.outputs[results.outputDocs[p.output]].id)"
            } else {
                pairs = results.pairs
            }
        }
        let counts = pairs.count == 1 ? [Results.evidencePassages(pairs[0])] : model.results?.evidencePassageCounts ?? []
        var view = ReviewStatusView(scope: scope, pairs: pairs, evidence: counts, kase: model.kase,
                                    outputDocs: model.results?.outputDocs ?? [], annotations: model.annotations,
                                    reviewed: model.annotatedSources.reviewed)
        if let previous {
            view.unreviewedOnly = previous.unreviewedOnly
            view.cursor = min(previous.cursor, max(0, view.visibleCount - 1))
            view.top = min(previous.top, view.cursor)
        }
        return view
    }

    /// The passages of evidence of `pairs` (`evidence` of them each; outputs numbered as
    /// `outputDocs` says) with their reviews in `annotations`.
    private init(scope: String, pairs: [PairResult], evidence: [Int], kase: Case?, outputDocs: [Int],
                 annotations: CaseAnnotations?, reviewed: [Int: String]) {
        self.scope = scope
        self.pairs = pairs
        outputs = kase?.outputs ?? []
        works = kase?.works ?? []
        self.outputDocs = outputDocs
        self.reviewed = annotations == nil ? [:] : reviewed
        var firstRow = [Int]()
        firstRow.reserveCapacity(pairs.count + 1)
        var n = 0
        for c in evidence {
            firstRow.append(n)
            n += c
        }
        firstRow.append(n)
        var reviews: [Int: PassageReview] = [:]
        var settled: [Int] = []
        if let annotations, !self.reviewed.isEmpty {
            // Only the pairs of outputs that a review status names can have a row with a review.
            for k in pairs.indices {
                guard let source = self.reviewed[outputDocs[pairs[k].output]] else { continue }
                var row = firstRow[k]
                for passage in pairs[k].passages where passage.cause == nil {
                    if let review = annotations.review(of: source, range: passage.outputScalars) {
                        reviews[row] = review
                        if review.status != .unreviewed { settled.append(row) }
                    }
                    row += 1
                }
            }
        }
        self.firstRow = firstRow
        self.reviews = reviews
        self.settled = settled
    }

    /// How many passages are listed, all or not.
    var rowCount: Int { firstRow.last ?? 0 }
    /// How many of them are unreviewed.
    private var unreviewedCount: Int { rowCount - settled.count }

    /// Row `i` (< ``rowCount``), named when asked.
    func row(_ i: Int) -> Row {
        // The pair: the last whose first row is at or before `i` (pairs without a row of
        // their own share their first row with the next pair).
        var (lo, hi) = (0, pairs.count - 1)
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if firstRow[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        let p = pairs[lo]
        let ordinal = i - firstRow[lo]
        let passage = p.passages.lazy.filter { $0.cause == nil }.dropFirst(ordinal).first!
        let output = outputs[outputDocs[p.output]]
        return Row(outputId: output.id, workId: works[p.work].id, passage: ordinal + 1,
                   passages: firstRow[lo + 1] - firstRow[lo], source: output.source, range: passage.outputScalars,
                   review: reviews[i])
    }

    /// The row number of unreviewed row `i` (< ``unreviewedCount``): `i` plus the settled
    /// rows before it. Settled row `settled[t]` has `settled[t] - t` unreviewed rows
    /// before it, a count that never falls, so the settled rows before are found by halving.
    private func unreviewedRow(_ i: Int) -> Int {
        var (lo, hi) = (0, settled.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if settled[mid] - mid <= i { lo = mid + 1 } else { hi = mid }
        }
        return i + lo
    }

    /// Every row (for tests; drawing makes only the rows shown).
    var rows: [Row] { (0..<rowCount).map(row) }
    /// The rows listed: all, or the unreviewed ones.
    var visible: [Row] { (0..<visibleCount).map(visibleRow) }
    /// How many rows are listed.
    private var visibleCount: Int { unreviewedOnly ? unreviewedCount : rowCount }
    /// Listed row `i` (< ``visibleCount``).
    private func visibleRow(_ i: Int) -> Row { row(unreviewedOnly ? unreviewedRow(i) : i) }

    func frame(in size: Size) -> Rect {
        let cols = min(size.cols, max(60, size.cols - 4))
        let rows = min(max(7, size.rows - 2), rowCount + 6)
        return Rect(row: (size.rows - rows) / 2, col: (size.cols - cols) / 2, rows: rows, cols: cols)
    }

    private func bodyRows(_ rect: Rect) -> Int { max(1, rect.rows - 4) }

    mutating func update(_ action: Action?, rect: Rect) -> LayerReply {
        let count = visibleCount
        switch action {
        case .close: return .close
        case .quit: return LayerReply(effects: [.quit])
        case .unreviewedOnly:
            unreviewedOnly.toggle()
            cursor = 0
            top = 0
            return .stay
        case .markReviewed, .markFlagged, .markDisputed, .markUnreviewed:
            guard cursor < count else { return .stay }
            let status: ReviewStatus = action == .markReviewed ? .reviewed : action == .markFlagged ? .flagged
                : action == .markDisputed ? .disputed : .unreviewed
            let row = visibleRow(cursor)
            return LayerReply(effects: [.reviewStatus(ReviewStatusChange(source: row.source, range: row.range,
                                                                         status: status, label: row.label))])
        default:
            if let d = ScrollKeys.delta(action, page: bodyRows(rect)) {
                cursor = max(0, min(cursor + d, count - 1))
                if cursor < top { top = cursor }
                if cursor >= top + bodyRows(rect) { top = cursor - bodyRows(rect) + 1 }
            }
            return .stay
        }
    }

    func render(into screen: inout Screen, rect: Rect) {
        screen.fill(rect)
        let open = unreviewedCount
        let title = "Review status · \(scope) · \(rowCount) passages, \(open) unreviewed" + (unreviewedOnly ? " · showing unreviewed" : "")
        Layout.box(rect, title: Format.oneLine(title), in: &screen)
        let clip = (rect.col + 2)..<(rect.col + rect.cols - 2)
        let header = Format.left("status", 11) + " " + Format.left("by", 14) + " " + Format.left("when (UTC)", 16) + "  passage"
        screen.put(header, row: rect.row + 1, col: clip.lowerBound, style: CellStyle(.title), clip: clip)
        if visibleCount == 0 {
            screen.put(unreviewedOnly ? "Every passage has a status." : "No passages of evidence.",
                       row: rect.row + 2, col: clip.lowerBound, clip: clip)
        }
        for n in top..<min(visibleCount, top + bodyRows(rect)) {
            let row = visibleRow(n)
            let when = row.review.map { Format.minute($0.at) } ?? ""
            let line = Format.left(row.status.rawValue, 11) + " " + Format.left(Format.oneLine(row.review?.by ?? ""), 14) + " "
                + Format.left(when, 16) + "  " + Format.oneLine(row.label)
            let style = n == cursor ? CellStyle(.selection) : row.status == .unreviewed ? CellStyle(.chrome) : CellStyle.plain
            screen.put(line, row: rect.row + 2 + n - top, col: clip.lowerBound, style: style, clip: clip)
        }
        screen.put("j/k move · r reviewed · F flagged · D disputed · u unreviewed · U only unreviewed · Esc closes",
                   row: rect.row + rect.rows - 2, col: clip.lowerBound, style: CellStyle(.chrome), clip: clip)
    }
}

extension AppModel {
    /// Keeps annotations in `store` instead of the case's `annotations.jsonl` (the review
    /// server's store, for `exhibit CASE --server URL`). Set before the case loads.
    public mutating func useAnnotationStore(_ store: any AnnotationRecordStore) {
        annotationStore = store
    }

    /// The store annotations are kept in: nil for the case's `annotations.jsonl`.
    public var reviewStore: (any AnnotationRecordStore)? { annotationStore }

    /// After a change made elsewhere: asks the shell to re-read the store (no I/O here);
    /// the answer comes back to ``annotationsReloaded(_:)`` with `text` for the status line.
    mutating func annotationsChanged(notice text: String?, error: Bool) -> [AppEffect] {
        [.reloadAnnotations(notice: text, error: error)]
    }

    /// Shows annotations re-read after a change made elsewhere: the open views and an open
    /// review-status list, the notice; a re-scan when the `exclude` spans changed.
    mutating func annotationsReloaded(_ r: AnnotationReload) -> [AppEffect] {
        guard let annotations = r.annotations else {
            notice = ("annotations not re-read: \(r.failure ?? "unknown error")", true)
            return []
        }
        reloaded(annotations)
        let (text, error) = (r.notice, r.noticeIsError)
        if let top = layers.top as? ReviewStatusView {
            layers.pop()
            layers.push(ReviewStatusView.make(self, keeping: top), size: size)
        }
        if let top = layers.top as? AnnotationHistoryView {
            layers.pop()
            layers.push(AnnotationHistoryView.make(self, keeping: top), size: size)
        }
        if let text { notice = (text, error) }
        return rescanIfExclusionsChanged()
    }
}
