import ExhibitCore
import ExhibitUI

/// The export dialog (`x`, SPEC §6): what (this pair, its focused passage,
/// the work's reconstruction, the annotations by tag) and the format; Enter
/// writes to `CASE/exports/`. If the file exists it asks before replacing it.
/// A layer on the stack: it takes the keys while open (also when the list is below
/// it), and the shell's answer (``AppModel/exportFinished(_:)``) finds it there.
struct ExportDialog: Layer, Equatable {
    /// One "what" row.
    struct Choice: Sendable, Equatable {
        var label: String
        var selection: ExportSelection
    }

    enum Field: Sendable, Equatable { case what, format }

    /// Where the dialog stands.
    enum State: Sendable, Equatable {
        case choosing
        /// Job `id` is being written.
        case writing(id: Int)
        /// The file at `path` exists: y replaces it.
        case confirmOverwrite(path: String)
        /// The last export failed for this reason.
        case failed(String)
    }

    /// What a key asks for.
    enum Outcome: Sendable, Equatable {
        case editing
        case cancelled
        case export(overwrite: Bool)
    }

    let choices: [Choice]
    /// The case folder's name, for the destination shown (the status line gives the whole path once written).
    let folder: String
    private(set) var choice: Int
    private(set) var format: ExportFormat = .text
    private(set) var field: Field = .what
    var state: State = .choosing

    /// A dialog offering `choices`, with row `selected` chosen, exporting into the case folder named `folder`.
    init(choices: [Choice], selected: Int = 0, folder: String) {
        self.choices = choices
        self.folder = folder
        choice = min(max(0, selected), max(0, choices.count - 1))
    }

    /// The formats the chosen selection can be written in (JSON carries annotations only).
    var formats: [ExportFormat] {
        guard choices.indices.contains(choice) else { return [] }
        return choices[choice].selection.isAnnotations ? ExportFormat.allCases : ExportFormat.allCases.filter { $0 != .json }
    }

    var selection: ExportSelection? { choices.indices.contains(choice) ? choices[choice].selection : nil }

    /// Every key is the dialog's; Enter (or y to overwrite) asks the screen for the export
    /// (``LayerFollowUp/export(overwrite:)``), which sets ``state`` to writing.
    mutating func key(_ key: Key, rect: Rect) -> LayerReply? {
        switch self.key(key) {
        case .editing: return .stay
        case .cancelled: return .close
        case .export(let overwrite): return LayerReply(followUp: .export(overwrite: overwrite))
        }
    }

    /// The mouse does nothing in the dialog.
    mutating func update(_ action: Action?, rect: Rect) -> LayerReply { .stay }

    mutating func key(_ key: Key) -> Outcome {
        switch state {
        case .writing:
            return key == .escape ? .cancelled : .editing
        case .confirmOverwrite:
            if key == .character("y") || key == .character("Y") { return .export(overwrite: true) }
            // Anything else keeps the file and goes back to the choices.
            state = .choosing
            return .editing
        case .failed:
            state = .choosing
        case .choosing:
            break
        }
        switch key {
        case .escape: return .cancelled
        case .enter: return choices.isEmpty ? .editing : .export(overwrite: false)
        case .tab, .backTab, .left, .right, .character("h"), .character("l"):
            field = field == .what ? .format : .what
        case .down, .character("j"): move(1)
        case .up, .character("k"): move(-1)
        default: break
        }
        return .editing
    }

    private mutating func move(_ delta: Int) {
        switch field {
        case .what:
            choice = min(max(0, choice + delta), max(0, choices.count - 1))
            if !formats.contains(format) { format = formats.last { $0 != .json } ?? .text }
        case .format:
            let list = formats
            guard let i = list.firstIndex(of: format) else { return }
            format = list[min(max(0, i + delta), list.count - 1)]
        }
    }

    /// What each format is, in a few words.
    static func describe(_ f: ExportFormat) -> String {
        switch f {
        case .text: return "text, marked excerpts"
        case .sideBySide: return "side-by-side text"
        case .markdown: return "Markdown"
        case .html: return "HTML, verbatim in red"
        case .csv: return "CSV, a row a passage"
        case .json: return "W3C Web Annotation JSON"
        }
    }

    // MARK: Render

    /// The box for a screen of `size`.
    func frame(in size: Size) -> Rect {
        let cols = min(size.cols - 2, 84)
        let rows = min(size.rows, 7 + max(choices.count, ExportFormat.allCases.count))
        return Rect(row: max(0, (size.rows - rows) / 2), col: (size.cols - cols) / 2, rows: rows, cols: cols)
    }

    /// Where the chosen export will go, from the case folder's name on.
    var destination: String {
        guard let selection else { return "" }
        return folder + "/exports/" + Exporter.defaultFileName(ExportRequest(selection: selection, format: format, options: ExportOptions()))
    }

    /// Draws the dialog into `rect`, with the file the chosen export goes to.
    func render(into screen: inout Screen, rect: Rect) {
        screen.fill(rect)
        Layout.box(rect, title: "Export", in: &screen)
        let clip = (rect.col + 2)..<(rect.col + rect.cols - 2)
        let whatWidth = max(10, clip.count - 30)
        let formatCol = clip.lowerBound + whatWidth + 2
        screen.put("What", row: rect.row + 1, col: clip.lowerBound, style: CellStyle(field == .what ? .title : .chrome), clip: clip)
        screen.put("Format", row: rect.row + 1, col: formatCol, style: CellStyle(field == .format ? .title : .chrome), clip: clip)
        let listRows = max(1, rect.rows - 7)
        let first = min(max(0, choice - listRows + 1), max(0, choices.count - listRows))
        for (n, i) in (first..<min(choices.count, first + listRows)).enumerated() {
            let chosen = i == choice
            let style = chosen ? CellStyle(field == .what ? .selection : .title) : CellStyle.plain
            screen.put(Format.left((chosen ? "▶ " : "  ") + Format.oneLine(choices[i].label), whatWidth),
                       row: rect.row + 2 + n, col: clip.lowerBound, style: style, clip: clip.lowerBound..<(clip.lowerBound + whatWidth))
        }
        for (n, f) in formats.prefix(listRows).enumerated() {
            let chosen = f == format
            let style = chosen ? CellStyle(field == .format ? .selection : .title) : CellStyle.plain
            screen.put(Format.left((chosen ? "▶ " : "  ") + Self.describe(f), clip.upperBound - formatCol),
                       row: rect.row + 2 + n, col: formatCol, style: style, clip: formatCol..<clip.upperBound)
        }
        let bottom = rect.row + rect.rows - 2
        screen.put("→ " + Format.fitMiddle(destination, clip.count - 2), row: bottom - 1, col: clip.lowerBound, style: CellStyle(.chrome), clip: clip)
        let (line, style): (String, CellStyle)
        switch state {
        case .choosing: (line, style) = ("j/k choose · Tab: what/format · Enter writes · Esc cancels", CellStyle(.chrome))
        case .writing: (line, style) = ("writing…", CellStyle(.chrome))
        case .confirmOverwrite(let path): (line, style) = ("Overwrite? y/n · \(Self.fileName(path)) exists", CellStyle(.error))
        case .failed(let why): (line, style) = ("not written: " + why, CellStyle(.error))
        }
        screen.put(Format.fit(line, clip.count), row: bottom, col: clip.lowerBound, style: style, clip: clip)
    }

    /// The last part of `path`.
    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
