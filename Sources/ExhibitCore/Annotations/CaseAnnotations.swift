/// A record of `annotations.jsonl` with where it stands in the case's current text.
public struct ResolvedAnnotation: Sendable, Hashable {
    /// The record, its line, state and family.
    public var entry: AnnotationHistory.Entry
    /// Where its span is in the document's current text (Unicode scalars), or why it is orphaned.
    public var status: AnchorStatus
    /// The record itself.
    public var annotation: Annotation { entry.record.annotation }
    public init(entry: AnnotationHistory.Entry, status: AnchorStatus) {
        self.entry = entry
        self.status = status
    }
}

/// A document an annotation names, by its side of the case and its id (unique on that side).
public struct AnnotatedDocument: Sendable, Hashable {
    /// Work or output.
    public var role: DocumentRole
    /// `Document.id`.
    public var id: String

    /// The document `id` of side `role`.
    public init(role: DocumentRole, id: String) {
        self.role = role
        self.id = id
    }
}

/// The annotations of a case, folded (`AnnotationHistory`) and anchored in the documents
/// as they are now (`Reanchor`). An annotation whose document is missing or whose quote
/// cannot be placed is orphaned, never left out.
public struct CaseAnnotations: Sendable {
    /// The tag whose spans are left out of the figures.
    public static let excludeTag = "exclude"

    /// Current annotations (deleted and superseded ones left out), sorted by source, then
    /// by start (the current one, else the recorded one), then by file order. Review-status
    /// records are not among them (see `reviewStatuses`).
    public let current: [ResolvedAnnotation]
    /// Current review-status records (body `status`, SPEC §11), in the same order.
    public let reviewStatuses: [ResolvedAnnotation]
    /// Every record, in file order, with its state and status.
    public let all: [ResolvedAnnotation]
    /// Skipped lines of the file, then duplicate ids, dangling references and concurrent
    /// edits, then records whose recorded position lies outside their document's text
    /// (path `annotations.jsonl`, line and byte offset).
    public let warnings: [CaseIssue]
    /// The folded records (families, heads, states).
    public let history: AnnotationHistory
    /// Where each target anchored and each annotated document's length in scalars, so
    /// that a reload after a record was appended anchors only the new targets.
    let anchors: [AnnotationTarget: AnchorStatus]
    let scalarCounts: [String: Int]
    /// Indices into `reviewStatuses` by the record's source, in order: a passage's review
    /// (`review(of:range:)`) reads its output's records only, so a list of 50,000 pairs does
    /// not scan every status record once per passage.
    let reviewsBySource: [String: [Int]]
    /// For each source that a current annotation or review status names, the documents
    /// (of those the annotations were anchored in, in their order) whose `source` it is.
    /// `Document.source` spells a string for each JSONL record, so a screen that looked
    /// for the few annotated documents of a case of 100,000 outputs by spelling every
    /// source would pay for it on the key that asked; here it is found while anchoring.
    public let documentsBySource: [String: [AnnotatedDocument]]

    /// Reads the records of `kase` from `store` (nil: its `annotations.jsonl`) and anchors
    /// every record in its documents.
    /// - Throws: `AnnotationError.io` when the file exists but cannot be read.
    /// - Parameter previous: annotations loaded before from the same case (same documents):
    ///   targets anchored then are not searched again.
    public static func load(_ kase: Case, store: (any AnnotationRecordStore)? = nil,
                            reusing previous: CaseAnnotations? = nil) throws -> CaseAnnotations {
        CaseAnnotations(log: try (store ?? AnnotationStore(casePath: kase.root)).read(), documents: kase.works + kase.outputs,
                        reusing: previous)
    }

    /// Folds `log` and anchors each record in the document of `documents` whose `source`
    /// matches the record's target.
    /// - Parameter previous: annotations folded before over the same `documents`: the
    ///   targets they anchored keep their status without a new search (saving one
    ///   annotation then anchors one target, not all of them).
    public init(log: AnnotationLog, documents: [Document], reusing previous: CaseAnnotations? = nil) {
        let history = AnnotationHistory(log)
        var bySource: [String: Document] = [:]
        let sources = documents.map(\.source)
        for (d, source) in zip(documents, sources) where bySource[source] == nil { bySource[source] = d }
        // Each annotated document is hashed and split into scalars once.
        var texts: [String: ScalarText] = [:]
        // Edits usually keep their target, so a history of many records costs one search.
        var known: [AnnotationTarget: AnchorStatus] = previous?.anchors ?? [:]
        var counts: [String: Int] = previous?.scalarCounts ?? [:]
        func status(_ a: Annotation) -> AnchorStatus {
            if let s = known[a.target] { return s }
            let source = a.target.source
            if texts[source] == nil, let d = bySource[source] {
                texts[source] = ScalarText(d.text)
                counts[source] = texts[source]!.count
            }
            let s = texts[source].map { Reanchor.anchor(a.target, in: $0) } ?? .orphaned("the case has no document \(source)")
            known[a.target] = s
            return s
        }
        var statusByLine: [Int: AnchorStatus] = [:]
        var outside: [CaseIssue] = []
        all = history.entries.map { e in
            let s = status(e.record.annotation)
            let p = e.record.annotation.target.position
            if let n = counts[e.record.annotation.target.source], !Reanchor.positionFits(p, count: n) {
                outside.append(CaseIssue(path: AnnotationStore.fileName, line: e.record.line, offset: e.record.offset,
                                         message: "recorded position \(p.start)..<\(p.end) lies outside "
                                             + "\(e.record.annotation.target.source) (\(n) scalars); ignored, the quote decides"))
            }
            statusByLine[e.record.line] = s
            return ResolvedAnnotation(entry: e, status: s)
        }
        let heads = history.current.map { ResolvedAnnotation(entry: $0, status: statusByLine[$0.record.line]!) }
            .sorted { a, b in
                let ka = (a.annotation.target.source, a.status.range?.lowerBound ?? a.annotation.target.position.start)
                let kb = (b.annotation.target.source, b.status.range?.lowerBound ?? b.annotation.target.position.start)
                return ka != kb ? ka < kb : a.entry.record.line < b.entry.record.line
            }
        current = heads.filter { $0.annotation.body.status == nil }
        reviewStatuses = heads.filter { $0.annotation.body.status != nil }
        var bySourceIndex: [String: [Int]] = [:]
        for (i, r) in reviewStatuses.enumerated() { bySourceIndex[r.annotation.target.source, default: []].append(i) }
        reviewsBySource = bySourceIndex
        var named: [String: [AnnotatedDocument]] = [:]
        let annotated = Set(heads.map(\.annotation.target.source))
        if !annotated.isEmpty {
            for (d, source) in zip(documents, sources) where annotated.contains(source) {
                named[source, default: []].append(AnnotatedDocument(role: d.role, id: d.id))
            }
        }
        documentsBySource = named
        warnings = log.warnings + history.warnings + outside
        self.history = history
        anchors = known
        scalarCounts = counts
    }

    /// The current annotations of one document.
    public func annotations(for source: String) -> [ResolvedAnnotation] {
        current.filter { $0.annotation.target.source == source }
    }

    /// The spans of `source` that current, anchored or re-anchored `exclude` annotations
    /// cover: Unicode scalar ranges, half-open, sorted, overlapping and touching ones
    /// merged. Orphaned `exclude` annotations exclude nothing (their place is unknown).
    public func excludedRanges(for source: String) -> [Range<Int>] {
        mergeIntervals(annotations(for: source).filter { $0.annotation.body.tag == Self.excludeTag }.compactMap(\.status.range))
    }
}
