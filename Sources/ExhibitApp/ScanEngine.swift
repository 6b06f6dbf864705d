import Foundation
import Synchronization
import ExhibitCore

/// Loads the case and runs the matching engine on dedicated threads (never
/// the UI thread, never the cooperative pool), posting everything it learns
/// as ``AppMessage``s. A new scan cancels the one before it.
public final class ScanEngine: Sendable {
    private let post: @Sendable (AppMessage) -> Void
    private let threads: Int
    private let started = ContinuousClock.now
    private let running = Mutex<ScanControl?>(nil)
    /// The results store, or nil to scan without one (tests).
    private let store: StoreSettings?
    /// `--rescan` applies to the first scan only; later ones use the store as it stands.
    private let scanned = Atomic<Bool>(false)
    /// The case files' statuses taken before `load` read them (see `CaseFileSnapshot`).
    private let snapshot = Mutex<CaseFileSnapshot?>(nil)
    /// Signalled when the store-only scan of a case outline has ended, answered or not:
    /// `load` reads the texts after it rather than taking the cores from it.
    private let outlineScanned = DispatchSemaphore(value: 0)

    /// An engine that posts to `post` and scans on `threads` worker threads.
    /// - Parameter store: when set, scans go through the results store (`StoredScanner`):
    ///   a current store answers at once, stale results are posted as
    ///   ``AppMessage/stale(generation:_:reason:seconds:)`` while the case is scanned again.
    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, store: StoreSettings? = nil,
                post: @escaping @Sendable (AppMessage) -> Void) {
        self.threads = max(1, threads)
        self.store = store
        self.post = post
    }

    /// Seconds since the engine was created.
    public var seconds: Double {
        let d = started.duration(to: .now)
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Reads the case folder at `path` and its annotations on a new thread.
    ///
    /// With a results store (and no `--rescan`), a store whose stat cache vouches for
    /// every case file first gives the case outline (`StoredCase.reopen`), posted as
    /// ``AppMessage/outline(_:annotations:)`` so the overview shows figures before the
    /// texts are read; `loaded` follows either way.
    public func load(path: String) {
        let post = self.post
        let store = self.store
        start(name: "exhibit-load") { [self] in
            if let store, let root = try? CaseLoader.checkOpenable(path: path) {
                let location = StoreLocation.resolve(caseRoot: root, store: store.directory)
                if !store.rescan, let outline = StoredCase.reopen(root: root, location: location),
                   let annotations = try? StoredCase.annotations(of: outline) {
                    post(.outline(outline, annotations: annotations))
                    // The screen asks for the outline's scan at once; the figures first.
                    _ = outlineScanned.wait(timeout: .now() + 10)
                }
                // Taken before the texts are read, for the stat cache of the store this
                // load's scans write (`StoredScanner.result(snapshot:)`).
                let snapshot = CaseFileSnapshot.take(root: root)
                self.snapshot.withLock { $0 = snapshot }
            }
            let kase: Case
            do {
                kase = try CaseLoader.load(path: path)
            } catch {
                post(.loadFailed("cannot open case: \(error)"))
                return
            }
            do {
                post(.loaded(kase, annotations: try CaseAnnotations.load(kase), problem: nil))
            } catch {
                post(.loaded(kase, annotations: nil, problem: "annotations not read: \(error)"))
            }
        }
    }

    /// Cancels the running scan, if any, and scans `kase` as `request` says
    /// on a new thread.
    public func scan(_ kase: Case, _ request: ScanRequest) {
        if request.fromStoreOnly {
            scanFromStore(kase, request)
            return
        }
        let control = ScanControl()
        running.withLock { current in
            current?.cancel()
            current = control
        }
        var adjusted = request.options
        adjusted.threads = threads
        let options = adjusted
        let generation = request.generation
        let post = self.post
        // The first scan honours `--rescan` and may show stale stored results; a re-scan
        // (new parameters, an exclusion) keeps the results on screen until it is complete.
        var settings = store
        let first = !scanned.exchange(true, ordering: .relaxed)
        if !first { settings?.rescan = false }
        start(name: "exhibit-scan-\(generation)") { [self, settings] in
            do {
                let progress: @Sendable (ScanProgress) -> Void = { p in
                    ScanEngine.lowerPriority()
                    post(.progress(generation: generation, p, seconds: self.seconds))
                }
                let stream: @Sendable (ScanStreamEvent) -> Void = { e in
                    ScanEngine.lowerPriority()
                    post(.stream(generation: generation, e, seconds: self.seconds))
                }
                let result: ScanResult
                if let settings {
                    result = try StoredScanner.result(
                        case: kase, options: options, settings: settings, snapshot: snapshot.withLock { $0 },
                        progress: progress, control: control,
                        stream: stream,
                        // A re-scan the user asked for needs no word on the store, unless results were not stored.
                        notice: { n in
                            guard first || n.isWarning else { return }
                            post(n.aboutTheScan ? .scanNotice(generation: generation, n.text) : .storeNotice(n.text))
                        },
                        stale: !first ? nil : { old, reason in
                            post(.stale(generation: generation, old, reason: reason, seconds: self.seconds))
                        })
                } else {
                    result = try Scanner.scan(kase, options: options, progress: progress, control: control,
                                              stream: stream)
                }
                if !control.isCancelled { post(.finished(generation: generation, result, seconds: self.seconds)) }
            } catch is CancellationError {
                // Replaced by a newer scan or stopped: nothing to report.
            } catch {
                post(.failed(generation: generation, "\(error)"))
            }
        }
    }

    /// Answers the scan of a case outline from a current results store (figures only,
    /// no token data), on a new thread; posts nothing when the store is not current (the scan asked for when the
    /// case is read in full answers then). Leaves `--rescan` to that scan.
    private func scanFromStore(_ outline: Case, _ request: ScanRequest) {
        guard var settings = store else { return }
        settings.rescan = false
        let post = self.post
        start(name: "exhibit-store-\(request.generation)") { [self, settings] in
            // Without token data: the overview's figures need none, and the views wait
            // for the case read in full, whose scan reads the store again with them.
            let result = StoredScanner.reopened(case: outline, options: request.options, settings: settings, tokens: false,
                                                notice: { post(.storeNotice($0.text)) })
            if let result { post(.finished(generation: request.generation, result, seconds: self.seconds)) }
            outlineScanned.signal()
        }
    }

    /// Cancels the running scan (at quit).
    public func stop() {
        running.withLock { $0?.cancel() }
    }

    /// Nice value of the engine's threads: the screen's thread keeps the
    /// priority it had, so on a busy machine a key is answered before the
    /// scan goes on (the scan loses little: it still gets every idle cycle).
    public static let niceness: Int32 = 5

    /// Gives the calling thread the engine's nice value. On Linux, who = 0
    /// is the calling thread alone (nice values are per thread). Called on
    /// the engine's thread and, from the scan's callbacks, on the worker
    /// threads the scan borrows from Dispatch; nothing else in the program
    /// runs work on those.
    static func lowerPriority() {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
    }

    private func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            ScanEngine.lowerPriority()
            body()
        }
        thread.name = name
        // Large texts recurse little, but the default 512 KiB of secondary
        // threads is tight for the tokenizer on long documents.
        thread.stackSize = 8 << 20
        thread.start()
    }
}
