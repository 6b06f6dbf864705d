import Foundation
import ExhibitCore
import ExhibitUI

/// What the annotation tools add to the review screen's state: the visual
/// selection, the annotations list and the bookkeeping of writes and exports. The
/// annotate and export dialogs are layers (``AnnotateDialog``, ``ExportDialog``);
/// ``AppModel/annotationToolsKey(_:)`` routes keys to the rest when no layer is open.
struct AnnotationTools: Sendable {
    /// The visual-mode selection (VisualMode.swift).
    var visual: VisualSelection?
    /// The annotations list, drawn over the view (AnnotationListKeys.swift).
    var list: AnnotationList?
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
    /// Handles `key` when the annotation tools want it, with no layer open: any key
    /// while the list is open, and their own actions (`a` …) in the views that
    /// offer them. Nil leaves the key to the layers and the views.
    mutating func annotationToolsKey(_ key: Key) -> [AppEffect]? {
        // Below the minimum size only the notice is drawn; only q works.
        if Layout.isTooSmall(size) { return nil }
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

    /// Takes mouse events while the list is open (the wheel scrolls it), so
    /// clicks do not reach the view underneath (the layers took theirs first).
    /// Returns false to leave the event to the view.
    mutating func annotationToolsMouse(_ m: MouseEvent) -> Bool {
        guard var list = tools.list else { return false }
        if !list.confirmingDelete {
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
        layers.push(AnnotateDialog(.create(span), tags: kase.settings.tags), size: size)
    }

    /// The annotate dialog on top, taking the keys, if any.
    var annotateDialog: AnnotateDialog? { layers.top as? AnnotateDialog }

    /// What the annotate dialog's answer asks: save what it confirmed (asking once who
    /// is annotating, stored in the user config), or reapply it after a conflict.
    mutating func annotateFinished(_ dialog: AnnotateDialog, _ outcome: AnnotateDialog.Outcome) -> [AppEffect] {
        switch outcome {
        case .editing, .cancelled: return []
        case .confirmed(let tag, let note):
            // Never sign `unknown`: ask once, store it in the user config.
            if tools.creator == nil && Annotation.knownCreator(environment: tools.environment) == nil {
                layers.update(AnnotateDialog.self) { $0.askCreator() }
                return []
            }
            layers.removeAll { $0 is AnnotateDialog }
            return save(dialog, tag: tag, note: note)
        case .creatorGiven(let name):
            tools.creator = name
            layers.removeAll { $0 is AnnotateDialog }
            // The user config is written with the record, off the UI thread.
            return save(dialog, tag: dialog.tag ?? "", note: dialog.note.text, rememberCreator: true)
        case .reapply(let newer):
            layers.removeAll { $0 is AnnotateDialog }
            return reapply(dialog, onto: newer)
        }
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
