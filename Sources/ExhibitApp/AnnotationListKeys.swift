import ExhibitCore
import ExhibitUI

/// Keys of the annotations list: move, filter, jump (Enter), edit (`e`),
/// delete (`d`, asked y/n), Esc or `A` to close. Help, theme and quit work as
/// everywhere; every other key is the list's, so nothing reaches the view
/// under it.
extension AppModel {
    /// `A`: opens the list on the annotations as they are.
    mutating func openAnnotationList() {
        tools.list = AnnotationList(annotations: annotations, kase: kase, sources: annotatedSources)
        tools.list?.move(0, size: size)
        tools.visual = nil
    }

    /// Handles `key` while the list is open; nil for the keys it leaves to
    /// the screen (help, theme, quit).
    mutating func annotationListKey(_ key: Key) -> [AppEffect]? {
        guard var list = tools.list else { return nil }
        if list.confirmingDelete {
            list.confirmingDelete = false
            tools.list = list
            notice = nil
            if key == .character("y") || key == .character("Y"), let a = list.selected {
                return deleteAnnotation(a)
            } else {
                notice = ("not deleted", false)
            }
            return []
        }
        let action = keymap.action(for: key)
        switch action {
        case .help, .cycleTheme, .quit: return nil
        default: break
        }
        notice = nil
        let page = AnnotationList.tableRows(size) - 1
        switch action {
        case .scrollDown: list.move(1, size: size)
        case .scrollUp: list.move(-1, size: size)
        case .pageDown: list.move(page, size: size)
        case .pageUp: list.move(-page, size: size)
        case .top: list.move(-Int.max / 2, size: size)
        case .bottom: list.move(Int.max / 2, size: size)
        case .filterTag: list.cycle(.tag)
        case .filterDocument: list.cycle(.document)
        case .filterAuthor: list.cycle(.author)
        case .close, .annotationsList:
            tools.list = nil
            return []
        case .open:
            guard let a = list.selected else { break }
            tools.list = list
            jump(to: a)
            return []
        case .editAnnotation:
            guard let a = list.selected, let kase else { break }
            var dialog = AnnotateDialog(.edit(id: a.annotation.id, span: Self.span(of: a, name: list.name(a.annotation.target.source))),
                                        tags: kase.settings.tags, tag: a.annotation.body.tag, note: a.annotation.body.note)
            if !kase.settings.tags.contains(a.annotation.body.tag) {
                dialog.error = "its tag '\(a.annotation.body.tag)' is no longer in case.toml: pick another"
            }
            layers.push(dialog, size: size)
        case .deleteAnnotation:
            if list.selected != nil { list.confirmingDelete = true }
        case .export:
            tools.list = list
            openExportDialog()
            return []
        default:
            break
        }
        list.move(0, size: size)
        tools.list = list
        return []
    }

    /// An annotation as the edit dialog's target: where it stands now (or
    /// was recorded, when orphaned), with its quote.
    static func span(of a: ResolvedAnnotation, name: String) -> AnnotationSpan {
        AnnotationSpan(source: a.annotation.target.source, range: a.status.range ?? a.annotation.target.position.range,
                       document: name, part: "", quote: a.annotation.target.quote.exact)
    }

    /// Asks the shell to append a deletion record for `a`; the answer re-reads (and
    /// re-scans when it was an `exclude`).
    mutating func deleteAnnotation(_ a: ResolvedAnnotation) -> [AppEffect] {
        guard kase != nil else { return [] }
        let name = tools.list?.name(a.annotation.target.source) ?? a.annotation.target.source
        let creator = tools.creator ?? Annotation.defaultCreator(environment: tools.environment)
        return [requestWrite(.delete(id: a.annotation.id), creator: creator,
                             PendingAnnotationWrite(done: "deleted the \(a.annotation.body.tag) annotation of \(name)",
                                                    failed: "not deleted"))]
    }

    /// The list's status line: its keys, or the delete question.
    func annotationListStatus(_ list: AnnotationList) -> (String, Bool) {
        if list.confirmingDelete, let a = list.selected {
            return (" Delete? y/n · the \(a.annotation.body.tag) annotation of \(list.name(a.annotation.target.source))", true)
        }
        return (" Enter go to · e edit · d delete · x export · T tag · D document · U author · Esc back", false)
    }
}
