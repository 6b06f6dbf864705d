import ExhibitCore
import ExhibitUI

/// Writing annotations from the screen. `update` does no I/O: each change is an
/// ``AppEffect/writeAnnotation(_:)`` the shell performs off the UI thread
/// (``AnnotationWorker``: one record appended and fsync'd, then the records re-read,
/// anchoring only targets not anchored before); the answer,
/// ``AppMessage/annotationWritten(_:)``, re-marks the open views so the span shows as
/// annotated, or reopens the dialog with the reason.
struct PendingAnnotationWrite: Sendable {
    /// The dialog that asked, reopened (with what was typed) when the write fails.
    var dialog: AnnotateDialog?
    /// The status line once the record is kept.
    var done: String
    /// The status line's start when it is not (`not saved`, `not deleted`).
    var failed: String
    /// The visual selection was annotated: it has done its job once saved.
    var clearsVisual = false
}

extension AppModel {
    /// What the shell needs to perform an ``AppEffect/writeAnnotation(_:)``: the case,
    /// the store (nil: `annotations.jsonl`) and the annotations to reuse the anchors of.
    /// Nil while only the case outline is loaded (`textsPending`): annotations anchor in the texts.
    public var annotationWriteInputs: (Case, (any AnnotationRecordStore)?, CaseAnnotations?)? {
        guard !textsPending else { return nil }
        return kase.map { ($0, annotationStore, annotations) }
    }

    /// Asks the shell to save what `dialog` confirmed. `rememberCreator`: the name was
    /// just typed, store it in the user config too.
    mutating func save(_ dialog: AnnotateDialog, tag: String, note: String, rememberCreator: Bool = false) -> [AppEffect] {
        guard kase != nil else { return [] }
        let creator = tools.creator ?? Annotation.defaultCreator(environment: tools.environment)
        switch dialog.purpose {
        case .create(let s):
            return [requestWrite(.create(source: s.source, range: s.range, tag: tag, note: note), creator: creator,
                                 rememberCreator: rememberCreator,
                                 PendingAnnotationWrite(dialog: dialog, done: "annotated \(s.label) as \(tag)",
                                                        failed: "not saved", clearsVisual: true))]
        case .edit(let id, let s):
            return [requestWrite(.revise(id: id, tag: tag, note: note), creator: creator, rememberCreator: rememberCreator,
                                 PendingAnnotationWrite(dialog: dialog, done: "annotation of \(s.label) now \(tag)",
                                                        failed: "not saved"))]
        }
    }

    /// After a conflict: applies the dialog's tag and note to `newer`, the annotation's
    /// current record (asking again if it moved once more).
    mutating func reapply(_ dialog: AnnotateDialog, onto newer: String) -> [AppEffect] {
        guard case .edit(_, let span) = dialog.purpose, let tag = dialog.tag else { return [] }
        var next = AnnotateDialog(.edit(id: newer, span: span), tags: dialog.tags, tag: tag, note: dialog.note.text)
        next.error = nil
        return save(next, tag: tag, note: dialog.note.text)
    }

    /// Numbers `change`, remembers what asked for it, and returns the effect.
    mutating func requestWrite(_ change: AnnotationWrite.Change, creator: String, rememberCreator: Bool = false,
                               _ pending: PendingAnnotationWrite) -> AppEffect {
        tools.writeCount += 1
        tools.pendingWrites[tools.writeCount] = pending
        return .writeAnnotation(AnnotationWrite(id: tools.writeCount, change: change, creator: creator,
                                                rememberCreatorIn: rememberCreator ? tools.environment : nil))
    }

    /// Applies the answer to a write: the re-read annotations and the status line, or
    /// the dialog again with the reason. Returns a re-scan when the `exclude` spans changed.
    mutating func annotationWritten(_ outcome: AnnotationWriteOutcome) -> [AppEffect] {
        guard let pending = tools.pendingWrites.removeValue(forKey: outcome.write.id) else { return [] }
        switch outcome.result {
        case .saved:
            notice = (pending.done, false)
            if pending.clearsVisual { tools.visual = nil }
            if let why = outcome.creatorNotStored {
                notice = (pending.done + " · your name is used for this session only: \(why)", true)
            }
        case .superseded(let id, let newer):
            // Another process (a colleague, a script) edited it first: keep what was
            // typed, say so whole, offer to apply it to the newer record.
            if var again = pending.dialog, layers.first(AnnotateDialog.self) == nil {
                again.conflict = newer
                again.error = "not saved: another process changed this annotation after you opened it"
                    + " (record \(id) is now replaced by \(newer)). Your tag and note are kept."
                    + " Ctrl-R reloads and applies them to the newer record; Esc cancels."
                layers.push(again, size: size)
            } else {
                notice = ("\(pending.failed): record \(id) was replaced by \(newer) in the meantime", true)
            }
        case .failed(let why):
            if var again = pending.dialog, layers.first(AnnotateDialog.self) == nil {
                again.error = "\(pending.failed): \(why)"
                layers.push(again, size: size)
            } else {
                notice = ("\(pending.failed): \(why)", true)
            }
            return []
        }
        if let why = outcome.rereadError {
            notice = ("annotations not re-read: \(why)", true)
            return []
        }
        if let annotations = outcome.annotations { reloaded(annotations) }
        if case .saved = outcome.result { return rescanIfExclusionsChanged() }
        return []
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

    /// Shows `annotations`, just re-read, in the list and the open views.
    mutating func reloaded(_ annotations: CaseAnnotations) {
        self.annotations = annotations
        // A status set or cleared moves pairs in or out of the "unreviewed only" filter.
        if overview.query.unreviewedOnly { overview.dirty = true }
        guard let kase else { return }
        let sources = annotatedSources
        tools.list?.reload(annotations: annotations, kase: kase, sources: sources)
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
