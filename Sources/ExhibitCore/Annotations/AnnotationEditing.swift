/// Making, editing and deleting a case's annotations: checks against the case, then one
/// appended record (`AnnotationStore`). Nothing is ever rewritten.
public enum AnnotationEditing {
    /// Annotates `range` (Unicode scalars, half-open) of the document `source` of `kase`
    /// and appends the record; returns it once it is on disk.
    /// - Throws: `AnnotationError.unknownTag` (tag not in `CaseSettings.tags`),
    ///   `.unknownSource`, `.emptyRange`, `.rangeOutOfBounds`, `.splitsCharacter` (a
    ///   start or end inside a grapheme cluster), or `.io`.
    @discardableResult
    public static func annotate(_ kase: Case, source: String, range: Range<Int>, tag: String, note: String = "",
                                creator: String = Annotation.defaultCreator(),
                                store: (any AnnotationRecordStore)? = nil) throws -> Annotation {
        try check(tag: tag, in: kase)
        guard let doc = (kase.works + kase.outputs).first(where: { $0.source == source }) else {
            throw AnnotationError.unknownSource(source)
        }
        let text = ScalarText(doc.text)
        for offset in [range.lowerBound, range.upperBound] {
            if let (before, after) = text.clusterBoundaries(around: offset) {
                throw AnnotationError.splitsCharacter(source: source, offset: offset, before: before, after: after)
            }
        }
        let a = try Annotation.make(source: source, text: text, range: range,
                                    body: AnnotationBody(tag: tag, note: note), creator: creator)
        try (store ?? AnnotationStore(casePath: kase.root)).append(a)
        return a
    }

    /// Replaces annotation `id` (which must be the current record of its annotation) with
    /// a new tag and/or note (nil keeps the old one), and appends the record. The new
    /// record targets the span where the annotation stands now (re-anchored if the text
    /// changed, with the current hash); an orphaned annotation keeps its recorded target.
    /// - Throws: `AnnotationError.unknownTag`, `.unknownRecord`, `.superseded`,
    ///   `.alreadyDeleted`, or `.io`.
    @discardableResult
    public static func revise(_ kase: Case, id: String, tag: String? = nil, note: String? = nil,
                              creator: String = Annotation.defaultCreator(),
                              store: (any AnnotationRecordStore)? = nil) throws -> Annotation {
        if let tag { try check(tag: tag, in: kase) }
        let (old, status) = try head(kase, id, store)
        let tag = tag ?? old.body.tag, note = note ?? old.body.note
        var target = old.target
        if let range = status.range, let doc = (kase.works + kase.outputs).first(where: { $0.source == target.source }) {
            target = try Annotation.make(source: target.source, text: ScalarText(doc.text), range: range,
                                         body: old.body).target
        }
        let a = old.revised(body: AnnotationBody(tag: tag, note: note), target: target, creator: creator)
        try (store ?? AnnotationStore(casePath: kase.root)).append(a)
        return a
    }

    /// Deletes annotation `id` (which must be the current record of its annotation) by
    /// appending a deletion record that supersedes it.
    /// - Throws: `AnnotationError.unknownRecord`, `.superseded`, `.alreadyDeleted`, or `.io`.
    @discardableResult
    public static func delete(_ kase: Case, id: String, creator: String = Annotation.defaultCreator(),
                              store: (any AnnotationRecordStore)? = nil) throws -> Annotation {
        let (old, _) = try head(kase, id, store)
        let a = old.deletion(creator: creator)
        try (store ?? AnnotationStore(casePath: kase.root)).append(a)
        return a
    }

    /// - Throws: `AnnotationError.unknownTag` naming the allowed tags.
    public static func check(tag: String, in kase: Case) throws {
        guard kase.settings.tags.contains(tag) else {
            throw AnnotationError.unknownTag(tag, allowed: kase.settings.tags)
        }
    }

    private static func head(_ kase: Case, _ id: String, _ store: (any AnnotationRecordStore)?) throws -> (Annotation, AnchorStatus) {
        let annotations = try CaseAnnotations.load(kase, store: store)
        guard let head = annotations.history.head(of: id) else { throw AnnotationError.unknownRecord(id) }
        guard head.record.annotation.id == id else { throw AnnotationError.superseded(id, by: head.record.annotation.id) }
        guard head.state == .current else { throw AnnotationError.alreadyDeleted(id) }
        let status = annotations.all.first { $0.entry.record.line == head.record.line }!.status
        return (head.record.annotation, status)
    }
}
