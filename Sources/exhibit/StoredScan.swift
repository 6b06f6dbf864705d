import ExhibitCore

/// A scan's results for a command: read from the case's results store when its key is
/// current, else scanned in full and written back (SPEC §9). The store holds every
/// output; `--where` filters are applied to what it gives. Notices go to standard
/// error; a store that cannot be written costs only time, so it is a warning.
enum StoredScan {
    static func result(case kase: Case, options: ScanOptions, noExclusions: Bool, store: StoreOptions,
                       progress: (@Sendable (ScanProgress) -> Void)?) throws -> ScanResult {
        let location = StoreLocation.resolve(caseRoot: kase.root, store: store.directory)
        if location.isCacheFallback {
            Stderr.write("exhibit: the case folder is read-only; results store in \(location.directory)")
        }
        var all = options
        all.filters = []
        let key = StoreKey(case: kase, options: all, noExclusions: noExclusions)
        let shown = location.file
        if !store.rescan {
            switch ResultsStore.lookup(location, key: key, options: all) {
            case .current(let result): return result.filtered(by: options.filters, case: kase)
            case .absent: break
            case .stale(let reason):
                Stderr.write("exhibit: stored results are stale (\(reason) changed); scanning again")
            case .unusable(let reason):
                Stderr.write("exhibit: results store \(shown) cannot be used (\(reason)); rebuilding it")
            }
        }
        let result = try Scanner.scan(kase, options: all, progress: progress)
        do {
            try ResultsStore.write(result, key: key, to: location)
        } catch {
            Stderr.write("warning: results not stored: \(error)")
        }
        return result.filtered(by: options.filters, case: kase)
    }
}
