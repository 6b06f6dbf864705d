import ExhibitCore

/// A scan's results for a command, through the results store (`StoredScanner`, SPEC §9):
/// read from the store when current, only new or changed outputs scanned when nothing
/// else changed, else scanned in full and written back. Notices go to standard error; a
/// store that cannot be written costs only time, so it is a warning.
enum StoredScan {
    /// - Parameter background: when given, the store is written on a thread of its own
    ///   while the command writes its reports; `finish` it before exiting.
    /// - Parameter snapshot: the case files' statuses taken before `kase` was loaded,
    ///   stored as the stat cache (`StoredCase.reopen`).
    /// - Parameter narrowed: the case was narrowed after loading (`StoreSettings.narrowed`).
    static func result(case kase: Case, options: ScanOptions, noExclusions: Bool, store: StoreOptions,
                       narrowed: Bool = false, snapshot: CaseFileSnapshot? = nil,
                       progress: (@Sendable (ScanProgress) -> Void)?,
                       background: ((PendingStoreWrite) -> Void)? = nil) throws -> ScanResult {
        try StoredScanner.result(
            case: kase, options: options,
            settings: StoreSettings(directory: store.directory, rescan: store.rescan, noExclusions: noExclusions,
                                   narrowed: narrowed),
            snapshot: snapshot, progress: progress, notice: say, background: background)
    }

    /// A full scan of the case `batches` reads, its outputs a batch at a time
    /// (`StoredScanner.streamedResult`): the case (outlines) and its results.
    static func streamed(batches: inout CaseOutputBatches, options: ScanOptions, noExclusions: Bool, store: StoreOptions,
                         snapshot: CaseFileSnapshot?, progress: (@Sendable (ScanProgress) -> Void)?,
                         background: ((PendingStoreWrite) -> Void)?) throws -> (Case, ScanResult) {
        try StoredScanner.streamedResult(
            batches: &batches, options: options,
            settings: StoreSettings(directory: store.directory, rescan: store.rescan, noExclusions: noExclusions),
            snapshot: snapshot, progress: progress, notice: say, background: background)
    }

    /// Waits for a store written in the background; says when it could not be.
    static func finish(_ pending: PendingStoreWrite?) {
        if let failed = pending?.wait() { say(failed) }
    }

    private static func say(_ notice: StoreNotice) {
        Stderr.write((notice.isWarning ? "warning: " : "exhibit: ") + notice.text)
    }
}
