import Dispatch
import Foundation
import Synchronization

extension StoredScanner {
    /// The results of a case that `StoredCase.reopenChangingOutputs` rebuilt, scanning
    /// only its new or changed outputs: when the store's key differs from the case's
    /// only in outputs, every output from an unchanged file has its stored results, and
    /// the store's sidecar (`WorksSidecar`) holds the works prepared under the same
    /// works and parameters. The store is then rewritten (on `background`'s thread
    /// when given) with the statuses of `reopened.snapshot`. The result is
    /// byte-identical (`--json`) to a full scan's.
    /// - Parameters:
    ///   - tokens: false (the default) to leave the unchanged outputs' token data as
    ///     stored: their `ScanResult.outputTokens` are empty (for the reports, as
    ///     `reopened(case:)` gives them), and the store is written from their stored
    ///     bytes; true for a viewer.
    ///   - the others: as for `result`.
    /// - Returns: nil when any of that does not hold; nothing was said or written then
    ///   (load the case in full and call `result`).
    /// - Throws: `CancellationError` when `control` is cancelled.
    public static func reopened(_ reopened: ReopenedCase, options: ScanOptions, settings: StoreSettings,
                                tokens: Bool = false, ahead: StoredOutputsAhead? = nil,
                                progress: (@Sendable (ScanProgress) -> Void)? = nil,
                                control: ScanControl? = nil,
                                notice: (StoreNotice) -> Void = { _ in },
                                background: ((PendingStoreWrite) -> Void)? = nil) throws -> ScanResult? {
        guard !settings.rescan, !settings.narrowed else { return nil }
        let kase = reopened.kase
        let location = StoreLocation.resolve(caseRoot: kase.root, store: settings.directory)
        var all = options
        all.filters = []
        let key = StoreKey(case: kase, options: all, noExclusions: settings.noExclusions)
        // Without a sidecar (a store of an older Exhibit) nothing here can be used.
        var info = stat()
        guard lstat(WorksSidecar.path(location), &info) == 0 else { return nil }
        // The sidecar is read on a thread of its own while the stored outputs are read.
        let sidecar = Mutex<PreparedWorks?>(nil)
        let group = DispatchGroup()
        let scanOptions = all
        DispatchQueue.global().async(group: group) {
            let works = WorksSidecar.read(location, key: key, case: kase, options: scanOptions)
            sidecar.withLock { $0 = works }
        }
        // Read ahead while the case was rebuilt, when it is the store the case came from;
        // else read now. Either way from the store file the outline was read from (a scan
        // finishing meanwhile may have replaced it).
        let fits: (StoredOutputs) -> Bool = { $0.outlineDigest == reopened.outlineDigest }
        let early = ahead.flatMap { !tokens && $0.location == location ? $0.wait() : nil }
        let stored = early.flatMap { fits($0) && key.differsOnlyInOutputs(from: $0.keyText) ? $0 : nil }
            ?? ResultsStore.storedOutputs(location, tokens: tokens, accept: key.differsOnlyInOutputs(from:))
        group.wait()
        guard let reusable = stored, fits(reusable), let prepared = sidecar.withLock({ $0 }) else { return nil }
        // Outputs without their texts must each be taken over from the store.
        var fingerprints = [String?](repeating: nil, count: kase.outputs.count)
        for (o, index) in reopened.outlineIndex.enumerated() {
            guard let index else { continue }
            guard let stored = reusable.documents[index], stored.id == kase.outputs[o].id,
                  reusable.outputs[stored.fingerprint] != nil else { return nil }
            fingerprints[o] = stored.fingerprint
        }
        if location.isCacheFallback {
            notice(StoreNotice(text: location.fallbackText, isWarning: false))
        }
        notice(StoreNotice(text: "outputs changed since the stored scan; scanning only the new or changed ones",
                           isWarning: false))
        let result = try Scanner.scan(kase, options: all, progress: progress, control: control,
                                      reusing: reusable.outputs, fingerprints: fingerprints, works: prepared)
        let snapshot = reopened.snapshot
        store(result, key: key, at: location, snapshot: snapshot, case: kase, reusing: reusable.outputs,
              notice: notice, background: background)
        return result.filtered(by: options.filters, case: kase)
    }
}

/// The stored outputs and pairs of a results store read on a thread of their own
/// (`ResultsStore.storedOutputs`, token data left undecoded), started before the case
/// is rebuilt from the store (`StoredCase.reopenChangingOutputs`) so that the two
/// overlap; `StoredScanner.reopened(ahead:)` takes them when they belong to the store
/// and case it scans, and reads them again otherwise.
public final class StoredOutputsAhead: Sendable {
    let location: StoreLocation
    private let value = Mutex<StoredOutputs?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading the store at `location`.
    public init(_ location: StoreLocation) {
        self.location = location
        let thread = Thread { [self] in
            let read = ResultsStore.storedOutputs(location, tokens: false, accept: { _ in true })
            value.withLock { $0 = read }
            done.signal()
        }
        thread.name = "exhibit-store-read"
        thread.start()
    }

    /// Waits for the read; nil when the store could not be read.
    func wait() -> StoredOutputs? {
        done.wait()
        done.signal()
        return value.withLock { $0 }
    }
}
