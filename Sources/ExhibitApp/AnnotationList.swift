import ExhibitCore
import ExhibitUI

/// The annotations list (`A`): the case's current annotations (SPEC §5) in a
/// table, filtered by tag, document and author (each key cycles all → each
/// value in use → all), with the selected one in full below the table.
struct AnnotationList: Sendable {
    /// What narrows the list; nil shows all.
    struct Filter: Sendable, Equatable {
        var tag: String?
        /// A `Document.source`.
        var source: String?
        var creator: String?
    }

    /// Which filter a key cycles.
    enum FilterKind: Sendable { case tag, document, author }

    var filter = Filter()
    /// Every current annotation, in `CaseAnnotations.current` order.
    private(set) var all: [ResolvedAnnotation] = []
    /// Those the filter keeps.
    private(set) var rows: [ResolvedAnnotation] = []
    private(set) var cursor = 0
    private(set) var top = 0
    /// True while "delete? y/n" is asked.
    var confirmingDelete = false
    /// How a source is named: `work <id>`, `output <id>`.
    private(set) var names: [String: String] = [:]
    /// Document ids by source, for the table.
    private(set) var ids: [String: String] = [:]
    /// The case's tags, for the tag filter's order.
    private var caseTags: [String] = []

    /// `sources` says where the annotated documents are in `kase` (``AppModel/annotatedSources``).
    init(annotations: CaseAnnotations?, kase: Case?, sources: AnnotatedSources) {
        reload(annotations: annotations, kase: kase, sources: sources)
    }

    /// Takes the annotations as they are now, keeping the cursor on the same
    /// annotation (by its first record's id, which edits keep) or near it.
    mutating func reload(annotations: CaseAnnotations?, kase: Case?, sources: AnnotatedSources) {
        let selectedRoot = selected?.entry.root
        all = annotations?.current ?? []
        caseTags = kase?.settings.tags ?? []
        names = [:]
        ids = [:]
        // Only the annotated documents are named, found through `sources`: a case has a
        // hundred thousand outputs, whose sources are not spelled here. An output's name
        // wins over a work's of the same source, the last document's over the others'.
        let annotated = Set(all.map(\.annotation.target.source))
        if let kase {
            for (kind, docs, found) in [("work ", kase.works, sources.works), ("output ", kase.outputs, sources.outputs)] {
                for (source, indices) in found where annotated.contains(source) {
                    guard let last = indices.last else { continue }
                    names[source] = kind + docs[last].id
                    ids[source] = docs[last].id
                }
            }
        }
        applyFilter(keeping: selectedRoot)
    }

    private mutating func applyFilter(keeping root: String?) {
        rows = all.filter { a in
            (filter.tag == nil || a.annotation.body.tag == filter.tag)
                && (filter.source == nil || a.annotation.target.source == filter.source)
                && (filter.creator == nil || a.annotation.creator == filter.creator)
        }
        if let root, let i = rows.firstIndex(where: { $0.entry.root == root }) { cursor = i }
        cursor = min(cursor, max(0, rows.count - 1))
    }

    /// The annotation under the cursor.
    var selected: ResolvedAnnotation? { rows.indices.contains(cursor) ? rows[cursor] : nil }

    /// The values a filter cycles through: those in use, tags in the case's order first.
    func values(_ kind: FilterKind) -> [String] {
        switch kind {
        case .tag:
            let used = Set(all.map(\.annotation.body.tag))
            return caseTags.filter(used.contains) + used.subtracting(caseTags).sorted()
        case .document:
            return Set(all.map(\.annotation.target.source)).sorted { name($0) < name($1) }
        case .author:
            return Set(all.map(\.annotation.creator)).sorted()
        }
    }

    /// All → first value → … → last value → all.
    mutating func cycle(_ kind: FilterKind) {
        let values = values(kind)
        func next(_ v: String?) -> String? {
            guard let v, let i = values.firstIndex(of: v) else { return values.first }
            return i + 1 < values.count ? values[i + 1] : nil
        }
        switch kind {
        case .tag: filter.tag = next(filter.tag)
        case .document: filter.source = next(filter.source)
        case .author: filter.creator = next(filter.creator)
        }
        applyFilter(keeping: selected?.entry.root)
    }

    /// The display name of `source`.
    func name(_ source: String) -> String { names[source] ?? source }

    /// Moves the cursor by `delta` rows (clamped) and keeps it on screen.
    mutating func move(_ delta: Int, size: Size) {
        cursor = min(max(0, cursor + delta), max(0, rows.count - 1))
        let visible = Self.tableRows(size)
        if cursor < top { top = cursor }
        if cursor >= top + visible { top = cursor - visible + 1 }
        top = max(0, min(top, max(0, rows.count - visible)))
    }

    // MARK: Render

    /// Rows of the table on a screen of `size`: all but the header, title,
    /// column header, the six rows of details and the status line.
    static func tableRows(_ size: Size) -> Int { max(1, size.rows - 10) }

    /// Draws rows 1 … second to last (the caller draws rows 0 and last).
    func render(into screen: inout Screen) {
        let size = screen.size
        screen.fill(Rect(row: 1, col: 0, rows: size.rows - 2, cols: size.cols))
        var title = " Annotations (\(rows.count) of \(all.count))"
        title += " · tag: \(filter.tag ?? "all") · document: \(filter.source.map(name) ?? "all")"
        title += " · author: \(filter.creator ?? "all")"
        screen.put(Format.fit(Format.oneLine(title), size.cols), row: 1, col: 0, style: CellStyle(.title))
        let columns = Columns(rows: rows, cols: size.cols, list: self)
        screen.put(Format.fit(columns.header, size.cols), row: 2, col: 0, style: CellStyle(.chrome))
        if rows.isEmpty {
            let why = all.isEmpty ? "No annotation yet: a in the pair view annotates the focused passage, v selects text."
                : "No annotation matches the filters: T, D and U cycle them back to all."
            screen.put(Format.fit("  " + why, size.cols), row: 3, col: 0, style: CellStyle(.chrome))
        }
        let visible = Self.tableRows(size)
        // After a resize the cursor may be below the rows that fit: keep it in view.
        let top = cursor >= self.top + visible ? cursor - visible + 1 : min(self.top, cursor)
        for (n, i) in (top..<min(rows.count, top + visible)).enumerated() {
            let chosen = i == cursor
            screen.put(chosen ? "▶ " : "  ", row: 3 + n, col: 0, style: CellStyle(.title))
            screen.put(columns.line(rows[i]), row: 3 + n, col: 2, style: chosen ? CellStyle(.selection) : .plain,
                       clip: 2..<size.cols)
        }
        drawDetails(into: &screen, top: size.rows - 7)
    }

    /// The selected annotation in full: where, status, who, when, quote, note.
    private func drawDetails(into screen: inout Screen, top row: Int) {
        let cols = screen.cols
        screen.put(String(repeating: "─", count: cols), row: row, col: 0, style: CellStyle(.chrome))
        guard let a = selected else { return }
        let t = a.annotation.target
        let recorded = "recorded at \(t.position.start)..<\(t.position.end)"
        let status: String
        switch a.status {
        case .anchored(let r): status = "anchored at scalars \(r.lowerBound)..<\(r.upperBound) (the text is unchanged)"
        case .reanchored(let r, let how):
            status = "reanchored at scalars \(r.lowerBound)..<\(r.upperBound) (\(how.rawValue) match; \(recorded); the text changed)"
        case .orphaned(let why): status = "orphaned, \(recorded): \(why)"
        }
        let lines: [(String, CellStyle)] = [
            (" \(name(t.source)) · \(t.source)", CellStyle(.title)),
            (" " + status, a.status.range == nil ? CellStyle(.error) : .plain),
            (" \(a.annotation.body.tag) · by \(a.annotation.creator) · \(a.annotation.created) · \(a.annotation.id)", .plain),
            (" Quote: “" + t.quote.exact + "”", CellStyle(.annotation)),
            (" Note: " + (a.annotation.body.note.isEmpty ? "(none)" : a.annotation.body.note), .plain),
        ]
        for (i, (text, style)) in lines.enumerated() {
            screen.put(Format.fit(Format.oneLine(text), cols), row: row + 1 + i, col: 0, style: style)
        }
    }

    /// The table's columns for a width: document, range, tag, note (the
    /// rest), then author, date and status while they fit.
    struct Columns {
        let document: Int, range: Int, tag: Int, note: Int
        let showAuthor: Bool, showDate: Bool
        let list: AnnotationList

        init(rows: [ResolvedAnnotation], cols: Int, list: AnnotationList) {
            self.list = list
            let width = cols - 2
            let range = max(5, rows.map { Self.rangeText($0).count }.max() ?? 0)
            var tag = min(22, max(3, rows.map { DisplayWidth.columns(of: $0.annotation.body.tag) }.max() ?? 0))
            var document = width >= 110 ? 24 : 18
            // Document, range, tag, note and status (10), a space after each but the last.
            let fixed = range + 10 + 4
            // Narrow screens: the note keeps at least 10 cells; tag and document give way first.
            if width - fixed - document - tag < 10 { tag = max(8, width - fixed - document - 10) }
            if width - fixed - document - tag < 10 { document = max(10, width - fixed - tag - 10) }
            var rest = width - fixed - document - tag
            let showDate = rest - 11 >= 12
            if showDate { rest -= 11 }
            let showAuthor = rest - 9 >= 12
            if showAuthor { rest -= 9 }
            self.range = range
            self.tag = tag
            self.document = document
            self.showDate = showDate
            self.showAuthor = showAuthor
            note = max(4, rest)
        }

        static func rangeText(_ a: ResolvedAnnotation) -> String {
            let r = a.status.range ?? a.annotation.target.position.range
            return "\(r.lowerBound)..<\(r.upperBound)"
        }

        var header: String {
            var s = "  " + Format.left("Document", document) + " " + Format.left("Range", range) + " "
                + Format.left("Tag", tag) + " " + Format.left("Note", note) + " "
            if showAuthor { s += Format.left("By", 8) + " " }
            if showDate { s += Format.left("Created", 10) + " " }
            return s + "Status"
        }

        func line(_ a: ResolvedAnnotation) -> String {
            let body = a.annotation.body
            let source = a.annotation.target.source
            var s = Format.left(Format.oneLine(list.ids[source] ?? source), document, middle: true) + " "
                + Format.left(Self.rangeText(a), range) + " " + Format.left(Format.oneLine(body.tag), tag) + " "
                + Format.left(Format.oneLine(body.note), note) + " "
            if showAuthor { s += Format.left(Format.oneLine(a.annotation.creator), 8) + " " }
            if showDate { s += Format.left(String(a.annotation.created.prefix(10)), 10) + " " }
            return s + Format.left(a.status.name, 10)
        }
    }
}
