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
    /// The case rebuilt from a current results store without reading its documents
    /// (`StoredCase.reopen`): every document's text is empty, enough for the overview's
    /// figures; `loaded` follows with the case read in full, and until then nothing that
    /// shows or quotes a text can be opened (`AppModel.textsPending`).
    case outline(Case, annotations: CaseAnnotations?)
    /// The case folder could not be opened at all.
    case loadFailed(String)
    /// How far scan `generation` has come, at `seconds`.
    case progress(generation: Int, ScanProgress, seconds: Double)
    /// Works' tokens, or one output's tokens and pairs, of scan `generation`.
    case stream(generation: Int, ScanStreamEvent, seconds: Double)
    /// Scan `generation` ended with this result.
    case finished(generation: Int, ScanResult, seconds: Double)
    /// Scan `generation` found results in the store computed before works or parameters
    /// changed (`reason`, e.g. `match`): shown marked stale until `finished` replaces them.
    case stale(generation: Int, ScanResult, reason: String, seconds: Double)
    /// Something to say about the results store (the cache folder used, a store rebuilt).
    case storeNotice(String)
    /// Something the results store says of scan `generation` itself ("stored results are
    /// stale …; scanning again"): shown while that scan runs, and gone when it ends.
    case scanNotice(generation: Int, String)
    /// Scan `generation` failed (not cancelled: a cancelled scan posts nothing more).
    case failed(generation: Int, String)
    /// An export asked for with ``AppEffect/export(_:)`` ended.
    case exported(ExportOutcome)
    /// An annotation change asked for with ``AppEffect/writeAnnotation(_:)`` ended.
    case annotationWritten(AnnotationWriteOutcome)
    /// The annotation store changed outside the screen (a colleague's change on the
    /// review server, a status saved by the shell) or its connection did; re-read it.
    /// `notice`, when set, goes to the status line (`error`: shown as a problem).
    case annotationsChanged(notice: String?, error: Bool)
    /// The annotations re-read by ``AppEffect/reloadAnnotations(notice:error:)``.
    case annotationsReloaded(AnnotationReload)
}

/// A scan the screen asks for: the options and the number that tags its messages.
public struct ScanRequest: Sendable, Equatable {
    /// Tags every message of this scan; larger is newer.
    public var generation: Int
    /// Parameters, findings thresholds, normalization and `--where` filters.
    public var options: ScanOptions
    /// True for the scan of a case outline (`AppMessage.outline`): answered from a
    /// current results store, without token data, or not at all (a scan needs the texts; the scan asked for
    /// when the case is read in full answers then).
    public var fromStoreOnly = false
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
    /// Append an annotation record off the UI thread (``AnnotationWorker``), re-read the
    /// annotations, then post ``AppMessage/annotationWritten(_:)``.
    case writeAnnotation(AnnotationWrite)
    /// Save a passage's review status in the annotation store, then post
    /// ``AppMessage/annotationsChanged(notice:error:)``.
    case reviewStatus(ReviewStatusChange)
    /// Re-read the annotations off the UI thread (``AnnotationWorker/reload(case:store:previous:notice:error:post:)``),
    /// then post ``AppMessage/annotationsReloaded(_:)`` carrying `notice` for the status line.
    case reloadAnnotations(notice: String?, error: Bool)
}
