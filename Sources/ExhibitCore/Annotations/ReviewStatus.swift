/// Where a passage stands in a team's review (SPEC §11).
///
/// A status is an annotation of the passage's output span whose body carries `status`
/// (tag `ReviewStatus.tag`), so it is kept, re-anchored and shared like any annotation,
/// in `annotations.jsonl` or on a server. Setting a status appends a new record; the
/// passage's status is that of the last status record (in store order) whose span, where
/// it stands now, overlaps the passage's output span. A passage without one is `unreviewed`.
public enum ReviewStatus: String, Sendable, CaseIterable, Hashable {
    case unreviewed, reviewed, flagged, disputed

    /// The tag of review-status records (not one of the case's tags: it never shows in
    /// the tag list, and an older Exhibit shows the record as an annotation so tagged).
    public static let tag = "review-status"
}

/// A passage's status with who set it and when.
public struct PassageReview: Sendable, Hashable {
    public var status: ReviewStatus
    /// The record's creator (on a server: the authenticated user).
    public var by: String
    /// The record's `created`, ISO 8601 UTC.
    public var at: String
    /// The status record's id.
    public var record: String

    public init(status: ReviewStatus, by: String, at: String, record: String) {
        self.status = status
        self.by = by
        self.at = at
        self.record = record
    }
}

extension CaseAnnotations {
    /// The review of the passage at `range` (Unicode scalars, half-open) of output
    /// `source`: the last status record overlapping it, or nil (unreviewed: nobody set one).
    public func review(of source: String, range: Range<Int>) -> PassageReview? {
        var best: ResolvedAnnotation?
        for r in (reviewsBySource[source] ?? []).lazy.map({ reviewStatuses[$0] }) {
            guard let span = r.status.range, span.overlaps(range) else { continue }
            if best.map({ $0.entry.record.line < r.entry.record.line }) ?? true { best = r }
        }
        return best.flatMap { r in
            r.annotation.body.status.map {
                PassageReview(status: $0, by: r.annotation.creator, at: r.annotation.created, record: r.annotation.id)
            }
        }
    }
}

extension AnnotationEditing {
    /// Sets the review status of the passage at `range` (Unicode scalars, half-open) of
    /// output `source`: appends a status record to `store` (nil: the case's file).
    /// - Throws: `AnnotationError.unknownSource`, `.emptyRange`, `.rangeOutOfBounds`, or `.io`.
    @discardableResult
    public static func setStatus(_ kase: Case, source: String, range: Range<Int>, status: ReviewStatus,
                                 creator: String = Annotation.defaultCreator(),
                                 store: (any AnnotationRecordStore)? = nil) throws -> Annotation {
        guard let doc = kase.outputs.first(where: { $0.source == source }) else {
            throw AnnotationError.unknownSource(source)
        }
        let a = try Annotation.make(source: source, text: ScalarText(doc.text), range: range,
                                    body: AnnotationBody(tag: ReviewStatus.tag, status: status), creator: creator)
        try (store ?? AnnotationStore(casePath: kase.root)).append(a)
        return a
    }
}
