import Foundation
import ExhibitCore
import ExhibitUI

/// What the annotation tools add to the review screen's state: the visual
/// selection and the dialog open on top of the views. Kept apart from the views so they stay as they
/// are; ``AppModel/annotationToolsKey(_:)`` routes keys to it first.
struct AnnotationTools: Sendable {
    /// The annotate (or edit) dialog, taking every key while open.
    var dialog: AnnotateDialog?
    /// The visual-mode selection (VisualMode.swift).
    var visual: VisualSelection?
    /// The annotations list, drawn over the view (AnnotationListKeys.swift).
    var list: AnnotationList?
    /// The export dialog (ExportKeys.swift).
    var export: ExportDialog?
    /// Export jobs asked for so far (numbers them).
    var exportJobs = 0
    /// The name typed when the dialog asked who is annotating (also stored in
    /// the user config, unless that failed).
    var creator: String?
    /// Annotation writes asked of the shell and not yet answered, by ``AnnotationWrite/id``.
    var pendingWrites: [Int: PendingAnnotationWrite] = [:]
    /// Annotation writes asked for so far (numbers them).
    var writeCount = 0
    /// Where `$EXHIBIT_USER`, `$USER` and the user config's folder come from (tests set it).
    var environment: [String: String] = ProcessInfo.processInfo.environment
}

extension AppModel {
    /// Handles `key` when the annotation tools want it: any key while one of
    /// their dialogs is open, and their own actions (`a` …) in the views that
    /// offer them. Nil leaves the key to the views.
    mutating func annotationToolsKey(_ key: Key) -> [AppEffect]? {
        // Below the minimum size only the notice is drawn; only q works.
        if Layout.isTooSmall(size) { return nil }
        if var dialog = tools.dialog {
            notice = nil
            switch dialog.key(key) {
            case .editing: tools.dialog = dialog
            case .cancelled: tools.dialog = nil
            case .confirmed(let tag, let note):
                // Never sign `unknown`: ask once, store it in the user config.
                if tools.creator == nil && Annotation.knownCreator(environment: tools.environment) == nil {
                    dialog.askCreator()
                    tools.dialog = dialog
                    return []
                }
                tools.dialog = nil
                return save(dialog, tag: tag, note: note)
            case .creatorGiven(let name):
                tools.creator = name
                tools.dialog = nil
                // The user config is written with the record, off the UI thread.
                return save(dialog, tag: dialog.tag ?? "", note: dialog.note.text, rememberCreator: true)
            case .reapply(let newer):
                tools.dialog = nil
                return reapply(dialog, onto: newer)
            }
            return []
        }
        if tools.export != nil { return exportDialogKey(key) }
        guard layers.isEmpty else { return nil }
        if tools.list != nil { return annotationListKey(key) }
        let action = keymap.action(for: key)
        if tools.visual != nil, let effects = visualKey(action) { return effects }
        let inText = route == .pair || route == .reconstruction
        let open: ((inout AppModel) -> Void)?
        switch action {
        case .annotate where inText: open = { $0.openAnnotateDialog() }
        case .visualMode where inText: open = { $0.startVisual() }
        case .annotationsList: open = { $0.openAnnotationList() }
        case .export where inText: open = { $0.openExportDialog() }
        default: open = nil
        }
        guard let open else { return nil }
        notice = nil
        open(&self)
        return []
    }

    /// Takes mouse events while a dialog or the list is open (the wheel
    /// scrolls the list), so clicks do not reach the view underneath.
    /// Returns false to leave the event to the view.
    mutating func annotationToolsMouse(_ m: MouseEvent) -> Bool {
        guard tools.dialog != nil || tools.export != nil || tools.list != nil else { return false }
        if tools.dialog == nil, tools.export == nil, var list = tools.list, !list.confirmingDelete {
            if m.kind == .wheelDown { list.move(3, size: size) }
            if m.kind == .wheelUp { list.move(-3, size: size) }
            tools.list = list
        }
        return true
    }

    /// Opens the dialog on the focused passage of the focused pane (pair
    /// view) or on the span under the cursor (reconstruction view).
    mutating func openAnnotateDialog() {
        guard let kase else { return }
        guard let span = route == .pair ? focusedPassageSpan() : cursorSpan() else {
            notice = (route == .pair ? "no passage is focused: n picks one" : "no span is under the cursor: n picks one", false)
            return
        }
        tools.dialog = AnnotateDialog(.create(span), tags: kase.settings.tags)
    }

    /// The focused passage's span on the focused side of the pair view.
    func focusedPassageSpan() -> AnnotationSpan? {
        guard let view = pair, let kase, let results, let i = view.focused else { return nil }
        let side = view.active
        let doc = side == 0 ? kase.works[view.key.work] : kase.outputs[results.outputDocs[view.key.output]]
        let range = view.ranges[side][i]
        return AnnotationSpan(source: doc.source, range: range,
                              document: "\(side == 0 ? "work" : "output") \(doc.id)", part: "passage \(i + 1)",
                              quote: Self.excerpt(doc.text, range))
    }

    /// The reproduced span under the reconstruction view's cursor.
    func cursorSpan() -> AnnotationSpan? {
        guard let view = reconstruction, let kase, let i = view.cursor else { return nil }
        let doc = kase.works[view.work]
        let range = view.spans[i].scalars
        return AnnotationSpan(source: doc.source, range: range, document: "work \(doc.id)", part: "reproduced span \(i + 1)",
                              quote: Self.excerpt(doc.text, range))
    }

    /// The text of `range` (Unicode scalars, half-open) of `text`, at most
    /// `limit` scalars of it (a dialog shows one line).
    static func excerpt(_ text: String, _ range: Range<Int>, limit: Int = 400) -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        for s in text.unicodeScalars {
            if i >= range.upperBound || i >= range.lowerBound + limit { break }
            if i >= range.lowerBound { out.append(s) }
            i += 1
        }
        return String(out)
    }
}
