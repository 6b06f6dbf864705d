import Foundation
import ExhibitCore
import ExhibitUI

/// `x` in the pair view, the reconstruction view and the annotations list:
/// the export dialog, its job (written by the shell off the UI thread) and
/// the answer (the path in the status line, or "overwrite? y/n").
extension AppModel {
    /// The case and the final scan result an export is made from; nil while
    /// the scan runs (exports carry final figures only).
    public var exportInputs: (Case, ScanResult)? {
        guard !textsPending, let kase, let final = results?.final else { return nil }
        return (kase, final)
    }

    /// Opens the dialog with the choices of the view on screen.
    mutating func openExportDialog() {
        guard let kase, let results, results.isFinal else {
            notice = ("the scan is still running: export when it is done", false)
            return
        }
        var choices: [ExportDialog.Choice] = []
        var selected = 0
        if tools.list == nil, route == .pair, let view = pair {
            let work = kase.works[view.key.work].id, output = results.outputIds[view.key.output]
            choices.append(.init(label: "This pair, all \(Format.plural(view.pair.passages.count, "passage"))",
                                 selection: .pair(work: work, output: output, passage: nil)))
            if let i = view.focused {
                choices.append(.init(label: "This pair, passage \(i + 1) only", selection: .pair(work: work, output: output, passage: i + 1)))
            }
            choices.append(.init(label: "Reconstruction of work \(work)", selection: .work(work)))
        } else if tools.list == nil, route == .reconstruction, let view = reconstruction {
            choices.append(.init(label: "Reconstruction of work \(kase.works[view.work].id)", selection: .work(kase.works[view.work].id)))
        }
        choices.append(.init(label: "Annotations, all tags", selection: .annotations(tag: nil)))
        let used = Set(annotations?.current.map(\.annotation.body.tag) ?? [])
        for tag in kase.settings.tags where used.contains(tag) {
            if tools.list?.filter.tag == tag { selected = choices.count }
            choices.append(.init(label: "Annotations tagged \(tag)", selection: .annotations(tag: tag)))
        }
        let folder = kase.root.split(separator: "/").last.map(String.init) ?? kase.root
        layers.push(ExportDialog(choices: choices, selected: selected, folder: folder), size: size)
    }

    /// The export dialog, when open.
    var exportDialog: ExportDialog? { layers.first(ExportDialog.self) }

    /// Enter (or y) in the export dialog: the job to run, numbered; the dialog waits for its answer.
    mutating func startExport(overwrite: Bool) -> [AppEffect] {
        guard let dialog = exportDialog, let request = exportRequest(dialog) else {
            layers.removeAll { $0 is ExportDialog }
            return []
        }
        tools.exportJobs += 1
        let job = ExportJob(id: tools.exportJobs, request: request, overwrite: overwrite)
        layers.update(ExportDialog.self) { $0.state = .writing(id: job.id) }
        return [.export(job)]
    }

    /// The request the dialog describes, with the annotations as they are now.
    func exportRequest(_ dialog: ExportDialog) -> ExportRequest? {
        guard let selection = dialog.selection else { return nil }
        let options = ExportOptions(width: 100, date: Date(), annotations: annotations?.current.map(\.exportAnnotation))
        return ExportRequest(selection: selection, format: dialog.format, options: options)
    }

    /// The shell's answer to an ``ExportJob``.
    mutating func exportFinished(_ outcome: ExportOutcome) {
        let mine: Bool
        if case .writing(let id)? = exportDialog?.state { mine = id == outcome.job.id } else { mine = false }
        switch outcome.result {
        case .written(let path):
            if mine { layers.removeAll { $0 is ExportDialog } }
            notice = ("exported to \(path)", false)
        case .exists(let path):
            if mine { layers.update(ExportDialog.self) { $0.state = .confirmOverwrite(path: path) } } else { notice = ("\(path) exists; not overwritten", true) }
        case .failed(let why):
            if mine { layers.update(ExportDialog.self) { $0.state = .failed(why) } } else { notice = ("export failed: \(why)", true) }
        }
    }
}
