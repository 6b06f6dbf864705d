import Dispatch
import Foundation
import Synchronization

/// How a scan uses the results store: `--store DIR`, `--rescan`, `--no-exclusions`.
public struct StoreSettings: Sendable, Hashable {
    /// `--store DIR`; nil for the case's own store (or the cache folder, see `StoreLocation`).
    public var directory: String?
    /// `--rescan`: scan in full even when the store is current, and rewrite it.
    public var rescan: Bool
    /// `--no-exclusions` was given (part of the key).
    public var noExclusions: Bool

    /// The case was narrowed after loading (the report's `--model`): the store is read,
    /// and never replaced by the narrowed results, so the whole case's stay current.
    public var narrowed: Bool

    public init(directory: String? = nil, rescan: Bool = false, noExclusions: Bool = false, narrowed: Bool = false) {
        self.directory = directory
        self.rescan = rescan
        self.noExclusions = noExclusions
        self.narrowed = narrowed
    }
}

/// Something the user should know about the store while a scan is answered.
public struct StoreNotice: Sendable, Hashable, CustomStringConvertible {
    /// One line, e.g. `the case folder cannot hold the results store (…); results store in /home/u/.cache/exhibit/…`.
    public var text: String
    /// True when results were not stored (a warning rather than information).
    public var isWarning: Bool
    /// True when it tells of the scan about to run ("scanning again", "scanning only the
    /// new or changed ones"): moot once that scan has ended.
    public var aboutTheScan = false
    public var description: String { text }
}

/// A results-store write running on a thread of its own, so a command can write its
/// reports meanwhile (the write is off the critical path; the rename keeps it atomic).
/// `wait()` before the process ends, or the store is simply not replaced.
public final class PendingStoreWrite: Sendable {
    private let outcome = Mutex<StoreNotice??>(nil)
    private let finished = DispatchSemaphore(value: 0)

    init(_ write: @escaping @Sendable () -> StoreNotice?) {
        let thread = Thread { [self] in
            let notice = write()
            outcome.withLock { $0 = .some(notice) }
            finished.signal()
        }
        thread.name = "exhibit-store-write"
        thread.start()
    }

    /// Waits for the write to end; the notice when the results could not be stored.
    public func wait() -> StoreNotice? {
        finished.wait()
        finished.signal()
        return outcome.withLock { $0 ?? nil }
    }
}

/// A scan's results answered through the results store (SPEC §9), for the commands and
/// the review screen alike:
/// - a store whose key is current gives its results at once, without scanning;
/// - when only outputs were added, changed or removed, only the new or changed ones are
///   scanned (`Scanner.scan(reusing:)`) and the pooled figures computed again;
/// - otherwise (works, parameters, exclusions, engine) the case is scanned in full; a
///   viewer may show the stale stored results meanwhile (`stale`);
/// - a store of another schema, damaged or foreign, is rebuilt.
/// The store holds every output; `options.filters` are applied to what it gives. The
/// result is byte-identical (`--json`) whichever way it was obtained.
public enum StoredScanner {
    /// The results of scanning `kase` with `options`.
    /// - Parameters:
    ///   - notice: each notice, in order (the cache folder used, why the store was not
    ///     current, a store that could not be written).
    ///   - stale: when works or parameters changed and the stored results still fit the
    ///     case's documents (same works and outputs, every offset inside its text), those
    ///     results (filtered), with what changed; called before the scan starts. The
    ///     scan's `stream` is then not used: the final result replaces the stale one whole.
    ///   - progress, control, stream: as for `Scanner.scan`.
    ///   - background: when given, a store to write is written on a thread of its own,
    ///     handed to `background` (the caller must `wait()` for it); else it is written
    ///     before this returns.
    ///   - snapshot: the case files' statuses taken before `kase` was loaded
    ///     (`CaseFileSnapshot.take`): stored as the stat cache, so the next open can use
    ///     `reopen`; nil stores none.
    /// - Throws: `CancellationError` when `control` is cancelled.
    public static func result(case kase: Case, options: ScanOptions, settings: StoreSettings,
                              snapshot: CaseFileSnapshot? = nil,
                              progress: (@Sendable (ScanProgress) -> Void)? = nil,
                              control: ScanControl? = nil,
                              stream: (@Sendable (ScanStreamEvent) -> Void)? = nil,
                              notice: (StoreNotice) -> Void = { _ in },
                              stale: ((ScanResult, String) -> Void)? = nil,
                              background: ((PendingStoreWrite) -> Void)? = nil) throws -> ScanResult {
        let location = StoreLocation.resolve(caseRoot: kase.root, store: settings.directory)
        if location.isCacheFallback {
            notice(StoreNotice(text: location.fallbackText, isWarning: false))
        }
        var all = options
        all.filters = []
        let key = StoreKey(case: kase, options: all, noExclusions: settings.noExclusions)
        var reusing = [String: StoredOutput]()
        var prepared: PreparedWorks?
        var stream = stream
        if !settings.rescan {
            switch ResultsStore.lookup(location, key: key, options: all) {
            case .current(let result):
                // A store written without a stat cache (a merge, `exhibit report`) or
                // whose cache no longer matches (the case copied, its files touched) gets
                // one, so the next open need not read the case.
                if let snapshot, !ResultsStore.statCacheMatches(location, snapshot) {
                    let record: @Sendable () -> StoreNotice? = {
                        _ = try? ResultsStore.recordCase(kase, snapshot: snapshot, key: key, at: location)
                        return nil
                    }
                    if let background { background(PendingStoreWrite(record)) } else { _ = record() }
                }
                return result.filtered(by: options.filters, case: kase)
            case .absent: break
            case .stale(let reason):
                if let reusable = ResultsStore.reusableOutputs(location, key: key) {
                    reusing = reusable
                    // The works as the sidecar kept them, when it can be trusted.
                    prepared = WorksSidecar.read(location, key: key, case: kase, options: all)
                    // A narrowed case (the report's `--model`) differs from the store only in
                    // the outputs left out: nothing need have changed.
                    notice(StoreNotice(text: settings.narrowed
                                           ? "stored results taken over for the outputs kept; any new or changed one is scanned"
                                           : "outputs changed since the stored scan; scanning only the new or changed ones",
                                       isWarning: false, aboutTheScan: true))
                } else {
                    notice(StoreNotice(text: "stored results are stale (\(reason) changed); scanning again", isWarning: false,
                                       aboutTheScan: true))
                    if let stale, let old = ResultsStore.storedResult(location, options: all), old.fits(kase) {
                        stale(old.filtered(by: options.filters, case: kase), reason)
                        stream = nil
                    }
                }
            case .unusable(let reason):
                // A folder or link there is never replaced (`ResultsStore.write`), so say
                // what will happen instead of promising a rebuild.
                let outcome = ResultsStore.isPlainOrAbsent(location.file)
                    ? "rebuilding it" : "it is not replaced: remove it or give --store DIR"
                notice(StoreNotice(text: "results store \(location.file) cannot be used (\(reason)); \(outcome)",
                                   isWarning: false))
            }
        }
        // Works prepared here (none came from the sidecar) are kept for the next scan,
        // written while the outputs are matched: the engine holds them then anyway, so
        // they never outlive the scan. A cache of a cache: one that cannot be written
        // costs the next scan time only.
        let sidecar = DispatchGroup()
        let normalize = all.normalize
        let mayKeep = prepared == nil && !settings.narrowed
            && WorksSidecar.mayWrite(at: location, caseRoot: kase.root, notice: notice)
        let keep: ((PreparedWorks) -> Void)? = mayKeep ? { works in
            DispatchQueue.global().async(group: sidecar) {
                try? WorksSidecar.write(works, key: key, normalize: normalize, to: location)
            }
        } : nil
        let result: ScanResult
        do {
            result = try Scanner.scan(kase, options: all, progress: progress, control: control, stream: stream,
                                      reusing: reusing, works: prepared, worksPrepared: keep)
        } catch {
            sidecar.wait()
            throw error
        }
        // A narrowed case's results never replace the whole case's (`StoreSettings.narrowed`).
        if !settings.narrowed {
            store(result, key: key, at: location, snapshot: snapshot, case: kase, after: sidecar,
                  notice: notice, background: background)
        }
        return result.filtered(by: options.filters, case: kase)
    }

    /// Writes `result` as the store at `location` once the sidecar's write (`sidecar`)
    /// has ended: on `background`'s thread when given (the reports are written
    /// meanwhile), else here. A store that cannot be written is said through `notice`
    /// ("results not stored: …"); the results stand.
    /// - Parameter reusing: the stored outputs the scan took over (`ResultsStore.write`).
    /// - Parameter encodedTokens: the outputs' token data held encoded (`ResultsStore.write`).
    static func store(_ result: ScanResult, key: StoreKey, at location: StoreLocation, snapshot: CaseFileSnapshot?,
                      case kase: Case, reusing: [String: StoredOutput] = [:], encodedTokens: [UndecodedTokens?] = [],
                      after sidecar: DispatchGroup? = nil,
                      notice: (StoreNotice) -> Void, background: ((PendingStoreWrite) -> Void)?) {
        let write: @Sendable () -> StoreNotice? = {
            defer { sidecar?.wait() }
            do {
                try ResultsStore.write(result, key: key, to: location, snapshot: snapshot, case: kase, reusing: reusing,
                                       encodedTokens: encodedTokens)
                return nil
            } catch {
                return StoreNotice(text: "results not stored: \(error)", isWarning: true)
            }
        }
        if let background {
            background(PendingStoreWrite(write))
        } else if let failed = write() {
            notice(failed)
        }
    }
}

extension StoredScanner {
    /// The results of a case that `StoredCase.reopen` rebuilt from the store, when the
    /// store is current for it: as `result` would give them (filters applied), without
    /// token data (`ResultsStore.lookup(tokens:)`), so for the reports only.
    /// - Parameters:
    ///   - outline: the case `StoredCase.reopen` gave.
    ///   - notice: as for `result` (the cache folder used).
    ///   - tokens: true to read the token data too (for the review screen).
    /// - Returns: nil when the store is not current (scan as usual then: `result` on
    ///   the case loaded in full).
    public static func reopened(case outline: Case, options: ScanOptions, settings: StoreSettings, tokens: Bool = false,
                                notice: (StoreNotice) -> Void = { _ in }) -> ScanResult? {
        guard !settings.rescan else { return nil }
        let location = StoreLocation.resolve(caseRoot: outline.root, store: settings.directory)
        var all = options
        all.filters = []
        let key = StoreKey(case: outline, options: all, noExclusions: settings.noExclusions)
        guard case .current(let result) = ResultsStore.lookup(location, key: key, options: all, tokens: tokens) else {
            return nil
        }
        if location.isCacheFallback {
            notice(StoreNotice(text: location.fallbackText, isWarning: false))
        }
        return result.filtered(by: options.filters, case: outline)
    }
}

extension ScanResult {
    /// True when this result's documents are those of `kase` (same works, same outputs,
    /// by id and in order) and every token offset lies inside its document's text, so
    /// a viewer can show it on the case as it stands, marked stale.
    func fits(_ kase: Case) -> Bool {
        guard works.map(\.id) == kase.works.map(\.id),
              outputs.map(\.id) == kase.outputs.map(\.id),
              workTokens.count == works.count, outputTokens.count == outputs.count else { return false }
        func inside(_ t: DocumentTokens, _ text: String) -> Bool {
            guard let last = t.ends.last else { return true }
            return Int(last) <= text.unicodeScalars.count
        }
        for (w, t) in workTokens.enumerated() where !inside(t, kase.works[w].text) { return false }
        for (o, t) in outputTokens.enumerated() where !inside(t, kase.outputs[o].text) { return false }
        return true
    }
}
