import ExhibitCore
import ExhibitUI

/// Writing annotations from the screen. Each change is one record appended
/// and fsync'd by `AnnotationEditing` on the UI thread: a single small
/// `write` and `fsync` under a file lock (a few milliseconds), then the
/// records are re-read (anchoring only targets not anchored before) and the
/// open views re-marked, so the span shows as annotated at once.
extension AppModel {
    /// Saves what `dialog` confirmed; on failure reopens it with the reason,
    /// so the note typed is not lost. Returns a re-scan when the `exclude`
    /// spans changed.
    mutating func save(_ dialog: AnnotateDialog, tag: String, note: String) -> [AppEffect] {
        guard let kase else { return [] }
        let creator = tools.creator ?? Annotation.defaultCreator(environment: tools.environment)
        do {
            switch dialog.purpose {
            case .create(let s):
                try AnnotationEditing.annotate(kase, source: s.source, range: s.range, tag: tag, note: note, creator: creator,
                                               store: annotationStore)
                notice = ("annotated \(s.label) as \(tag)", false)
                // A selection, once annotated, has done its job.
                tools.visual = nil
            case .edit(let id, let s):
                try AnnotationEditing.revise(kase, id: id, tag: tag, note: note, creator: creator, store: annotationStore)
                notice = ("annotation of \(s.label) now \(tag)", false)
            }
        } catch AnnotationError.superseded(let id, let newer) {
            // Another process (a colleague, a script) edited it first: keep what was
            // typed, say so whole, offer to apply it to the newer record.
            var again = dialog
            again.conflict = newer
            again.error = "not saved: another process changed this annotation after you opened it"
                + " (record \(id) is now replaced by \(newer)). Your tag and note are kept."
                + " Ctrl-R reloads and applies them to the newer record; Esc cancels."
            tools.dialog = again
            return []
        } catch {
            var again = dialog
            again.error = "not saved: \(error)"
            tools.dialog = again
            return []
        }
        reloadAnnotations()
        return rescanIfExclusionsChanged()
    }

    /// After a conflict: re-reads the annotations and applies the dialog's tag
    /// and note to `newer`, the annotation's current record (asking again if
    /// it moved once more).
    mutating func reapply(_ dialog: AnnotateDialog, onto newer: String) -> [AppEffect] {
        guard case .edit(_, let span) = dialog.purpose, let tag = dialog.tag else { return [] }
        reloadAnnotations()
        var next = AnnotateDialog(.edit(id: newer, span: span), tags: dialog.tags, tag: tag, note: dialog.note.text)
        next.error = nil
        return save(next, tag: tag, note: dialog.note.text)
    }

    /// A re-scan when the current `exclude` annotations no longer give the
    /// spans the figures on screen leave out (SPEC §4: they feed the figures).
    /// The previous results stay on screen until the new ones are complete.
    mutating func rescanIfExclusionsChanged() -> [AppEffect] {
        guard var o = options, let kase, let annotations else { return [] }
        let spans = annotations.exclusions(works: kase.works).spans
        guard Set(spans) != Set(o.exclusions) else { return [] }
        o.exclusions = spans
        let why = "re-scanning: the exclude annotations changed"
        notice = (notice.map { $0.text + " · " + why } ?? why, false)
        return [startScan(o)]
    }

    /// Re-reads `annotations.jsonl` and re-marks the open views.
    mutating func reloadAnnotations() {
        guard let kase else { return }
        do {
            // Targets anchored before keep their place: only the new record is anchored.
            annotations = try CaseAnnotations.load(kase, store: annotationStore, reusing: annotations)
        } catch {
            notice = ("annotations not re-read: \(error)", true)
            return
        }
        tools.list?.reload(annotations: annotations, kase: kase)
        tools.list?.move(0, size: size)
        remarkViews()
    }

    /// Rebuilds the open pair and reconstruction views with the current
    /// annotations, keeping their focus, cursor, search and scroll.
    mutating func remarkViews() {
        guard let kase, let results else { return }
        if let old = pair,
           var view = PairView.make(key: old.key, passage: old.focused ?? 0, kase: kase, results: results,
                                    annotations: annotations, cache: &cache, size: size) {
            view.active = old.active
            if !old.searchTerm.isEmpty { view.search(old.searchTerm, size: size) }
            let rows = PairGeometry(size: size, passages: view.pair.passages.count).textRows
            for side in 0..<2 { view.panes[side].scroll(to: old.panes[side].top, visibleRows: rows) }
            pair = view
        }
        if let old = reconstruction,
           var view = ReconstructionView.make(work: old.work, model: old.model, kase: kase, results: results,
                                              annotations: annotations, cache: &cache, size: size) {
            let rows = ReconstructionGeometry(size: size).textRect.rows
            if let c = old.cursor { view.select(c, size: size) }
            if !old.searchTerm.isEmpty { view.search(old.searchTerm, size: size) }
            view.pane.scroll(to: old.pane.top, visibleRows: rows)
            reconstruction = view
        }
    }
}
