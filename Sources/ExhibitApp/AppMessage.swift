import ExhibitCore

/// What the engine thread posts to the UI loop (through the terminal's mailbox).
///
/// Times are seconds since the engine was created (about when the program
/// started), so "first result after 1.2 s" means what the user waited.
/// `generation` numbers the scans: a message of a scan that the user has
/// since replaced (by changing the match parameters) is dropped.
public enum AppMessage: Sendable {
    /// The case folder was read; annotations too (nil, with `problem`, when
    /// `annotations.jsonl` could not be read).
    case loaded(Case, annotations: CaseAnnotations?, problem: String?)
    /// The case folder could not be opened at all.
    case loadFailed(String)
    /// How far scan `generation` has come, at `seconds`.
    case progress(generation: Int, ScanProgress, seconds: Double)
    /// Works' tokens, or one output's tokens and pairs, of scan `generation`.
    case stream(generation: Int, ScanStreamEvent, seconds: Double)
    /// Scan `generation` ended with this result.
    case finished(generation: Int, ScanResult, seconds: Double)
    /// Scan `generation` failed (not cancelled: a cancelled scan posts nothing more).
    case failed(generation: Int, String)
    /// An export asked for with ``AppEffect/export(_:)`` ended.
    case exported(ExportOutcome)
    /// The annotation store changed outside the screen (a colleague's change on the
    /// review server, a status saved by the shell) or its connection did; re-read it.
    /// `notice`, when set, goes to the status line (`error`: shown as a problem).
    case annotationsChanged(notice: String?, error: Bool)
}

/// A scan the screen asks for: the options and the number that tags its messages.
public struct ScanRequest: Sendable, Equatable {
    /// Tags every message of this scan; larger is newer.
    public var generation: Int
    /// Parameters, findings thresholds, normalization and `--where` filters.
    public var options: ScanOptions
    // Built by the screen only: the memberwise initializer (internal) is the one it uses.
}

/// What the update function asks the shell to do, besides redrawing.
public enum AppEffect: Sendable, Equatable {
    /// Cancel any running scan and start this one on the engine thread.
    case scan(ScanRequest)
    /// Leave the program.
    case quit
    /// Write an export off the UI thread (``ExportWorker``), then post ``AppMessage/exported(_:)``.
    case export(ExportJob)
    /// Save a passage's review status in the annotation store, then post
    /// ``AppMessage/annotationsChanged(notice:error:)``.
    case reviewStatus(ReviewStatusChange)
}
