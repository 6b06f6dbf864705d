import ExhibitCore
import ExhibitUI

/// The `H` list: the history of each annotation (SPEC §5, §11) — of the open pair's two
/// documents, else of the open reconstruction's work, else of the whole case — every
/// record oldest first with what it did (created, edited, deleted, status), who, when,
/// its tag, status and note. Records come from the annotation store (file or server:
/// both keep every record), folded by the core's ``AnnotationHistory``; case text goes
/// through ``VisibleText`` (never raw). j/k scroll; Esc closes.
struct AnnotationHistoryView: ListBox {
    /// One line of the list: an annotation's heading (its document, span and quote) or one of its records.
    enum Line: Sendable, Equatable {
        case heading(String)
        case record(change: AnnotationChange, by: String, at: String, tag: String, status: String, note: String)
    }

    /// `pair wN ↔ oM`, `work wN` or `all annotations`.
    let scope: String
    /// Annotations listed and their records.
    let annotations: Int
    let records: Int
    let lines: [Line]
    /// First line shown.
    var top = 0

    static func open(_ model: AppModel) -> Result<any Layer, LayerUnavailable> {
        guard model.kase != nil, model.annotations != nil else {
            return .failure(LayerUnavailable(reason: "the annotations are not read yet"))
        }
        return .success(make(model, keeping: nil))
    }

    /// Listed in the help once the case has an annotation record (the list would be empty before).
    static func offered(_ model: AppModel) -> Bool { model.annotations?.all.isEmpty == false }

    /// The documents in view: the open pair's work and output, the reconstruction's work,
    /// or nil for every document (the overview).
    static func documents(_ model: AppModel) -> (name: String, sources: Set<String>?) {
        guard let kase = model.kase else { return ("all annotations", nil) }
        if model.route == .pair, let key = model.pair?.key, let results = model.results {
            let output = kase.outputs[results.outputDocs[key.output]], work = kase.works[key.work]
            return ("pair \(work.id) ↔ \(output.id)", [work.source, output.source])
        }
        if model.route == .reconstruction, let view = model.reconstruction {
            let work = kase.works[view.work]
            return ("work \(work.id)", [work.source])
        }
        return ("all annotations", nil)
    }

    /// The list for the model's scope, keeping `previous`'s scroll.
    static func make(_ model: AppModel, keeping previous: AnnotationHistoryView?) -> AnnotationHistoryView {
        let (name, sources) = documents(model)
        let families = model.annotations?.history.families { f in
            sources.map { s in f.entries.contains { s.contains($0.record.annotation.target.source) } } ?? true
        } ?? []
        var lines: [Line] = []
        for f in families {
            let last = f.entries.last!.record.annotation
            let p = last.target.position
            lines.append(.heading(VisibleText.escaped(last.target.source) + "  \(p.start)..<\(p.end)  “"
                                  + VisibleText.escaped(last.target.quote.exact) + "”"))
            for e in f.entries {
                let a = e.record.annotation
                lines.append(.record(change: e.change, by: VisibleText.escaped(a.creator), at: Format.minute(a.created),
                                     tag: VisibleText.escaped(a.body.tag), status: a.body.status?.rawValue ?? "",
                                     note: VisibleText.escaped(a.body.note)))
            }
        }
        var view = AnnotationHistoryView(scope: name, annotations: families.count,
                                         records: families.reduce(0) { $0 + $1.entries.count }, lines: lines)
        if let previous { view.top = min(previous.top, max(0, lines.count - 1)) }
        return view
    }

    var rowCount: Int { lines.count }
    static let minRows = 7

    func render(into screen: inout Screen, rect: Rect) {
        screen.fill(rect)
        let title = "Annotation history · \(Format.oneLine(scope)) · \(Format.plural(annotations, "annotation")), "
            + Format.plural(records, "record")
        Layout.box(rect, title: title, in: &screen)
        let clip = (rect.col + 2)..<(rect.col + rect.cols - 2)
        let header = "  " + Format.left("action", 8) + " " + Format.left("by", 12) + " " + Format.left("when (UTC)", 16) + " "
            + Format.left("tag", 14) + " " + Format.left("status", 10) + " note"
        screen.put(header, row: rect.row + 1, col: clip.lowerBound, style: CellStyle(.title), clip: clip)
        if lines.isEmpty {
            screen.put("No annotation here yet.", row: rect.row + 2, col: clip.lowerBound, clip: clip)
        }
        for (n, line) in lines.dropFirst(top).prefix(bodyRows(rect)).enumerated() {
            let y = rect.row + 2 + n
            switch line {
            case .heading(let text):
                screen.put(text, row: y, col: clip.lowerBound, style: CellStyle(.chrome), clip: clip)
            case .record(let change, let by, let at, let tag, let status, let note):
                let text = "  " + Format.left(change.rawValue, 8) + " " + Format.left(by, 12) + " " + Format.left(at, 16) + " "
                    + Format.left(tag, 14) + " " + Format.left(status, 10) + " " + note
                screen.put(text, row: y, col: clip.lowerBound, style: change == .deleted ? CellStyle(.chrome) : .plain, clip: clip)
            }
        }
        screen.put("j/k scroll · oldest record first · Esc closes", row: rect.row + rect.rows - 2, col: clip.lowerBound,
                   style: CellStyle(.chrome), clip: clip)
    }
}
