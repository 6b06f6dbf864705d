import ExhibitCore

/// A scan's results for a command, through the results store (`StoredScanner`, SPEC §9):
/// read from the store when current, only new or changed outputs scanned when nothing
/// else changed, else scanned in full and written back. Notices go to standard error; a
/// store that cannot be written costs only time, so it is a warning.
enum StoredScan {
    static func result(case kase: Case, options: ScanOptions, noExclusions: Bool, store: StoreOptions,
                       progress: (@Sendable (ScanProgress) -> Void)?) throws -> ScanResult {
        try StoredScanner.result(
            case: kase, options: options,
            settings: StoreSettings(directory: store.directory, rescan: store.rescan, noExclusions: noExclusions),
            progress: progress,
            notice: { Stderr.write(($0.isWarning ? "warning: " : "exhibit: ") + $0.text) })
    }
}
