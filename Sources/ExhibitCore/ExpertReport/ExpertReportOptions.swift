/// Paper size the report's print CSS asks for.
public enum ReportPaper: String, Sendable, Hashable, CaseIterable {
    /// ISO A4, 210 × 297 mm.
    case a4
    /// US Letter, 8.5 × 11 in.
    case letter

    /// The CSS `@page size` value.
    var cssSize: String { self == .a4 ? "A4" : "letter" }
}

/// What shapes an expert report besides the case and its scan (SPEC §12).
public struct ExpertReportOptions: Sendable, Hashable {
    /// Ids of the works the report covers, in any order; empty covers every work.
    /// The scan still runs over all works (boilerplate is decided across all of them).
    public var works: [String] = []
    /// Models the outputs were restricted to before the scan (`ReportScope.restrict`);
    /// stated in the report; empty means every model.
    public var models: [String] = []
    /// How many passages become numbered exhibits (the strongest by matched words).
    public var top: Int = 10
    public var paper: ReportPaper = .a4
    /// The date printed, `YYYY-MM-DD` (`ReportDate.resolve`).
    public var date: String
    /// Counsel's current annotations (anchored and orphaned); nil when no annotation
    /// store could be read, which the report then says.
    public var annotations: [ExportAnnotation]?
    /// Problems reading `annotations.jsonl` (skipped lines, dangling references).
    public var annotationWarnings: [CaseIssue] = []

    public init(date: String, works: [String] = [], models: [String] = [], top: Int = 10, paper: ReportPaper = .a4,
                annotations: [ExportAnnotation]? = nil, annotationWarnings: [CaseIssue] = []) {
        self.date = date
        self.works = works
        self.models = models
        self.top = top
        self.paper = paper
        self.annotations = annotations
        self.annotationWarnings = annotationWarnings
    }
}

/// Why a report could not be made.
public enum ExpertReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--date` is not a calendar date `YYYY-MM-DD`, or `SOURCE_DATE_EPOCH` is not a
    /// number of seconds.
    case badDate(String)
    /// `--work` names no work of the case.
    case unknownWork(String)
    /// `--model` names no model of the case's outputs.
    case unknownModel(String)
    /// The destination folder is part of the case's evidence (`CaseFolderGuard`).
    case protectedPath(String)
    /// `--pdf` without a Chromium on the PATH.
    case chromiumMissing
    /// Chromium ran but gave no PDF; `message` holds its exit status and last words.
    case printFailed(String)
    /// Writing failed.
    case writeFailed(path: String, message: String)

    public var description: String {
        switch self {
        case .badDate(let d): "bad date '\(VisibleText.escaped(d))': expected YYYY-MM-DD (or SOURCE_DATE_EPOCH in seconds)"
        case .unknownWork(let w): "no work with id '\(VisibleText.escaped(w))'"
        case .unknownModel(let m): "no output of model '\(VisibleText.escaped(m))'"
        case .protectedPath(let reason): "refused: \(reason)"
        case .chromiumMissing:
            "--pdf needs headless Chromium, which is not installed (Debian/Ubuntu: apt-get install chromium);"
                + " nothing was written. Without --pdf, report.html prints to PDF from any browser"
        case .printFailed(let m): "Chromium could not print the PDF: \(m)"
        case .writeFailed(let p, let m): "cannot write \(p): \(m)"
        }
    }
}
