import Foundation

/// What to export (SPEC §6).
public enum ExportSelection: Sendable, Hashable {
    /// One pair: all its passages, or only passage `passage` (1-based, in the pair's
    /// order: by output start, as in the CSV and JSON reports).
    case pair(work: String, output: String, passage: Int?)
    /// One work's reconstruction: every reproduced span, pooled over outputs, with the
    /// passages that reproduce it.
    case work(String)
    /// The annotated spans, all or those with tag `tag`.
    case annotations(tag: String?)
}

/// How to write it.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// Plain text excerpts with ASCII markers explained in a legend.
    case text
    /// Plain text, work and output in two wrapped columns, aligned passage by passage.
    case sideBySide = "side-by-side"
    /// Markdown with inline HTML spans.
    case markdown = "md"
    /// A standalone, printable HTML page.
    case html
    /// One row per passage (or per annotation).
    case csv
    /// W3C Web Annotation JSON of annotations (annotation selections only).
    case json

    /// File name ending, with the dot.
    public var fileExtension: String {
        switch self {
        case .text: ".txt"
        case .sideBySide: ".side-by-side.txt"
        case .markdown: ".md"
        case .html: ".html"
        case .csv: ".csv"
        case .json: ".json"
        }
    }
}

/// Everything besides the selection and format that shapes an export.
public struct ExportOptions: Sendable, Hashable {
    /// Line width of the plain-text formats, in terminal columns (see `DisplayWidth`):
    /// text excerpts wrap to it; side-by-side splits it into two columns and a
    /// 3-column separator. At least 24 is used. Default 100.
    public var width: Int = 100
    /// The export date stated in the header; injectable so tests are byte-stable.
    public var date: Date = Date()
    /// The case's annotations; nil when no annotation store is available, which the
    /// header then says (and `.annotations` selections throw). Records of the store
    /// convert with `AnnotatedSpan.exportAnnotation`.
    public var annotations: [ExportAnnotation]? = nil
    /// CSV only: start the file with a UTF-8 byte order mark (U+FEFF), so spreadsheet
    /// programs that guess the encoding (Excel) read accents right (`--excel`).
    public var byteOrderMark = false

    public init(width: Int = 100, date: Date = Date(), annotations: [ExportAnnotation]? = nil,
                byteOrderMark: Bool = false) {
        self.width = width
        self.date = date
        self.annotations = annotations
        self.byteOrderMark = byteOrderMark
    }
}

/// A request: what, in which format, with which options.
public struct ExportRequest: Sendable, Hashable {
    /// What to export.
    public var selection: ExportSelection
    /// How to write it.
    public var format: ExportFormat
    /// Width, date, annotations.
    public var options: ExportOptions

    public init(selection: ExportSelection, format: ExportFormat, options: ExportOptions = ExportOptions()) {
        self.selection = selection
        self.format = format
        self.options = options
    }
}

/// Why an export could not be made or written.
public enum ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No work with this id in the scan.
    case unknownWork(String)
    /// No output with this id in the scan (or filtered out by `--where`).
    case unknownOutput(String)
    /// The pair has no passage with these parameters.
    case noPassages(work: String, output: String)
    /// Passage number out of 1...count.
    case noSuchPassage(Int, count: Int)
    /// The format cannot express the selection (e.g. `json` of a pair).
    case unsupported(format: ExportFormat, reason: String)
    /// Annotations were asked for but no annotation store was given.
    case annotationsUnavailable
    /// The destination exists and overwriting was not allowed.
    case fileExists(String)
    /// Writing failed; `message` is the system's reason.
    case writeFailed(path: String, message: String)
    /// The destination is part of the case's evidence or settings (`CaseFolderGuard`).
    case protectedPath(String)

    public var description: String {
        switch self {
        case .unknownWork(let id): "no work with id '\(VisibleText.escaped(id))'"
        case .unknownOutput(let id): "no output with id '\(VisibleText.escaped(id))'"
        case .noPassages(let w, let o):
            "no passage between work '\(VisibleText.escaped(w))' and output '\(VisibleText.escaped(o))' with these parameters"
        case .noSuchPassage(let n, let count): "passage \(n) does not exist (the pair has \(count))"
        case .unsupported(let f, let reason): "format \(f.rawValue): \(reason)"
        case .annotationsUnavailable: "annotations are not available (no annotation store was given)"
        case .fileExists(let p): "\(p) exists; not overwritten (use --force to replace it)"
        case .writeFailed(let p, let m): "cannot write \(p): \(m)"
        case .protectedPath(let reason): "refused: \(reason)"
        }
    }
}
