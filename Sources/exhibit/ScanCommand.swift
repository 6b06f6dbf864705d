import ArgumentParser
import ExhibitCore
import Foundation

/// `exhibit scan`: the headless engine run, with a summary, JSON and CSV.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find near-exact passages and measure coverage, without the review screen.")

    @Argument(help: "The case folder (works/, outputs/, case.toml).")
    var casePath: String

    @Option(name: .customLong("min-words"), parsing: .unconditional, help: "Shortest seed, in words, 1–1000 (default: case.toml, else 6).")
    var minWords: Int?

    @Option(name: .customLong("max-gap"), parsing: .unconditional, help: "Widest gap bridged inside a passage, in words a side, 0–1000 (default 2).")
    var maxGap: Int?

    @Option(name: .customLong("min-identity"), parsing: .unconditional, help: "Lowest passage identity, 0–1 (default 0.8).")
    var minIdentity: Double?

    @Option(name: .customLong("x-drop"), parsing: .unconditional, help: "Extension of passages beyond their seeds: how far the alignment score may fall below its best, 0 = off (default 4).")
    var xDrop: Int?

    @Option(name: .customLong("where"), help: "Keep outputs whose metadata KEY has VALUE (repeatable), e.g. hinted=false.")
    var filters: [String] = []

    @Option(help: "Worker threads (default: all cores). Results never depend on it.")
    var threads: Int?

    @Option(help: "Write the results as JSON to FILE, or - for stdout.")
    var json: String?

    @Option(help: "Write one CSV row per passage to FILE, or - for stdout.")
    var csv: String?

    @Flag(name: .customLong("no-exclusions"), help: ArgumentHelp(CaseExclusions.flagHelp))
    var noExclusions = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        try validateMatchFlags(minWords: minWords, maxGap: maxGap, minIdentity: minIdentity, xDrop: xDrop)
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        for f in filters where MetadataFilter(f) == nil { throw ValidationError("--where needs KEY=VALUE, got '\(f)'") }
    }

    func run() throws {
        let timing = PhaseTiming.fromEnvironment()
        if try runReopened(timing: timing) { return }
        if try runOutputsChanged(timing: timing) { return }
        if try runStreamed(timing: timing) { return }
        // The statuses are taken before the files are read, so a file edited while it is
        // read never gets a stat-cache row vouching for the bytes read before the edit.
        let snapshot = (try? CaseLoader.checkOpenable(path: casePath)).map(CaseFileSnapshot.take(root:))
        let kase = try openCase(casePath)
        var options = scanOptions(for: kase)
        options.exclusions = try exclusions(of: kase, worksOnly: false) ?? []

        let (progress, handler) = progressHandler(timing: timing)
        timing?.mark("load")
        // The store is written while the reports are: it is off the critical path.
        nonisolated(unsafe) var pending: PendingStoreWrite?
        let result = try StoredScan.result(case: kase, options: options, noExclusions: noExclusions, store: storeOptions,
                                           snapshot: snapshot, progress: handler, background: { pending = $0 })
        try writeReports(case: kase, result: result, storeWrite: pending, progress: progress, timing: timing)
    }

    /// Answers from a current results store without reading the case's documents
    /// (`StoredCase.reopen`: the store's stat cache vouches for every file); false when
    /// it cannot (no store, a file or parameter changed, `--rescan`, or `--csv`, whose
    /// excerpts need the texts), and nothing was said or written then.
    private func runReopened(timing: PhaseTiming?) throws -> Bool {
        guard !storeOptions.rescan, csv == nil, let root = try? CaseLoader.checkOpenable(path: casePath),
              let outline = StoredCase.reopen(root: root, location: StoreLocation.resolve(caseRoot: root, store: storeOptions.directory))
        else { return false }
        timing?.mark("case from store")
        // An unreadable annotations file is said by the full path.
        guard let stored = storedOptions(for: outline) else { return false }
        let (options, annotations, exclusionWarnings) = stored
        var notices = [StoreNotice]()
        let settings = StoreSettings(directory: storeOptions.directory, rescan: false, noExclusions: noExclusions)
        guard let result = StoredScanner.reopened(case: outline, options: options, settings: settings,
                                                  notice: { notices.append($0) }) else { return false }
        for issue in annotations?.warnings ?? [] { Stderr.write("warning: \(issue)") }
        for w in exclusionWarnings { Stderr.write("warning: " + VisibleText.escaped(w.description)) }
        for n in notices { Stderr.write((n.isWarning ? "warning: " : "exhibit: ") + n.text) }
        timing?.mark("store read")
        try writeReports(case: outline, result: result, timing: timing)
        timing?.report()
        return true
    }

    /// The scan options for a case rebuilt from the store, with counsel's exclusions
    /// from its annotations (unless `--no-exclusions`), the annotations and their
    /// warnings; nil when the annotations file cannot be read (the full path says why).
    private func storedOptions(for kase: Case) -> (ScanOptions, CaseAnnotations?, [CaseIssue])? {
        var options = scanOptions(for: kase)
        guard !noExclusions else { return (options, nil, []) }
        guard let store = try? StoredCase.annotations(of: kase) else { return nil }
        let (spans, warnings) = store.exclusions(works: kase.works)
        options.exclusions = spans
        return (options, store, warnings)
    }

    /// Answers when only output files were added, changed or removed since the store
    /// was written: the changed files are read, the rest of the case comes from the
    /// store (`StoredCase.reopenChangingOutputs`), the works from its sidecar, and only
    /// the new or changed outputs are matched (`StoredScanner.reopened`). False when it
    /// cannot (as for `runReopened`, or no usable sidecar), and nothing was said or
    /// written then.
    private func runOutputsChanged(timing: PhaseTiming?) throws -> Bool {
        guard !storeOptions.rescan, csv == nil, let root = try? CaseLoader.checkOpenable(path: casePath) else { return false }
        let location = StoreLocation.resolve(caseRoot: root, store: storeOptions.directory)
        // The stored outputs are read while the case is rebuilt (one core each).
        let ahead = StoredOutputsAhead(location)
        guard let reopened = StoredCase.reopenChangingOutputs(root: root, location: location) else { return false }
        let kase = reopened.kase
        timing?.mark("case from store")
        guard let stored = storedOptions(for: kase) else { return false }
        let (options, annotations, exclusionWarnings) = stored
        let (progress, handler) = progressHandler(timing: timing)
        var notices = [StoreNotice]()
        nonisolated(unsafe) var pending: PendingStoreWrite?
        let settings = StoreSettings(directory: storeOptions.directory, rescan: false, noExclusions: noExclusions)
        guard let result = try StoredScanner.reopened(reopened, options: options, settings: settings, ahead: ahead,
                                                      progress: handler,
                                                      notice: { notices.append($0) }, background: { pending = $0 })
        else { return false }
        defer {
            StoredScan.finish(pending)
            timing?.mark("store written")
            timing?.report()
        }
        progress?.finish()
        timing?.mark("scan")
        for issue in annotations?.warnings ?? [] { Stderr.write("warning: \(issue)") }
        for w in exclusionWarnings { Stderr.write("warning: " + VisibleText.escaped(w.description)) }
        for n in notices { Stderr.write((n.isWarning ? "warning: " : "exhibit: ") + n.text) }
        try writeReports(case: kase, result: result, timing: timing)
        return true
    }

    /// A full scan that reads the outputs a batch at a time and never holds all their
    /// texts (`StoredScanner.streamedResult`; issue 12: an XL case's texts are
    /// gigabytes): with `--rescan`, or when nothing is at the store's place yet. Not
    /// for `--csv` (its excerpts need the texts), nor when an annotation names a document
    /// other than a work (anchoring it reads that document's text). False when it does
    /// not apply, and nothing was said or written then.
    private func runStreamed(timing: PhaseTiming?) throws -> Bool {
        guard csv == nil, let root = try? CaseLoader.checkOpenable(path: casePath) else { return false }
        let location = StoreLocation.resolve(caseRoot: root, store: storeOptions.directory)
        var info = stat()
        guard storeOptions.rescan || lstat(location.file, &info) != 0 else { return false }
        // Taken before the files are read, as `run` does.
        let snapshot = CaseFileSnapshot.take(root: root)
        var batches: CaseOutputBatches
        do {
            batches = try CaseOutputBatches(path: casePath)
        } catch {
            Stderr.write("exhibit: cannot open case \(error)")
            throw ExitCode.failure
        }
        let worksCase = batches.kase
        var options = scanOptions(for: worksCase)
        // An annotation on an output needs the outputs' texts: the case is loaded whole then.
        guard let spans = try exclusions(of: worksCase, worksOnly: true) else { return false }
        options.exclusions = spans
        let (progress, handler) = progressHandler(timing: timing)
        timing?.mark("load works")
        nonisolated(unsafe) var pending: PendingStoreWrite?
        let (kase, result) = try StoredScan.streamed(batches: &batches, options: options, noExclusions: noExclusions,
                                                     store: storeOptions, snapshot: snapshot, progress: handler,
                                                     background: { pending = $0 })
        try writeReports(case: kase, result: result, storeWrite: pending, progress: progress, timing: timing)
        return true
    }

    /// Counsel's exclusions from the annotations of `kase` (none with `--no-exclusions`),
    /// their warnings written to standard error; nil when `worksOnly` and an annotation
    /// targets something other than a work (a case of works only cannot anchor it).
    /// - Throws: `ExitCode(1)` when the annotations cannot be read: figures without the
    ///   exclusions counsel asked for would mislead, so the scan stops instead.
    private func exclusions(of kase: Case, worksOnly: Bool) throws -> [ExcludedSpan]? {
        guard !noExclusions else { return [] }
        do {
            let store = try CaseAnnotations.load(kase)
            if worksOnly {
                let works = Set(kase.works.map(\.source))
                guard store.all.allSatisfy({ works.contains($0.annotation.target.source) }) else { return nil }
            }
            for issue in store.warnings { Stderr.write("warning: \(issue)") }
            return CaseExclusions.spans(store, case: kase)
        } catch {
            Stderr.write("exhibit: cannot read annotations: \(error) (--no-exclusions scans without them)")
            throw ExitCode(1)
        }
    }

    /// The progress line on standard error (nil when it is not a terminal) and a handler
    /// that shows each step there and marks each phase for `EXHIBIT_TIMING`; nil when
    /// neither wants it.
    private func progressHandler(timing: PhaseTiming?) -> (ProgressLine?, (@Sendable (ScanProgress) -> Void)?) {
        let progress = ProgressLine.forStandardError()
        guard progress != nil || timing != nil else { return (progress, nil) }
        return (progress, { p in
            progress?.show(p)
            timing?.phase(p.phase)
        })
    }

    /// The scan options of this command for `kase`: its settings, then the flags.
    private func scanOptions(for kase: Case) -> ScanOptions {
        var options = ScanOptions(settings: kase.settings,
                                  threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        if let minWords { options.match.minWords = minWords }
        if let maxGap { options.match.maxGap = maxGap }
        if let minIdentity { options.match.minIdentity = minIdentity }
        if let xDrop { options.match.xDrop = xDrop }
        options.filters = filters.compactMap(MetadataFilter.init)
        return options
    }

    /// `writeReports(case:result:timing:)` after a scan, while its store is written
    /// (`storeWrite`, on a thread of its own), then waits for the store.
    private func writeReports(case kase: Case, result: ScanResult, storeWrite pending: PendingStoreWrite?,
                              progress: ProgressLine?, timing: PhaseTiming?) throws {
        defer {
            StoredScan.finish(pending)
            if pending != nil { timing?.mark("store written") }
            timing?.report()
        }
        progress?.finish()
        timing?.mark("scan")
        try writeReports(case: kase, result: result, timing: timing)
    }

    /// The loading problems, the scan's warnings, the summary and the reports asked for.
    private func writeReports(case kase: Case, result: ScanResult, timing: PhaseTiming?) throws {
        for issue in kase.errors { Stderr.write("error: \(issue)") }
        // Loading notices too (an encoding guessed, bytes replaced, an empty document).
        for issue in kase.warnings { Stderr.write("warning: \(issue)") }
        for issue in result.warnings { Stderr.write("warning: \(issue)") }
        // `/dev/stdout` and the like are standard output too: the summary stays off it.
        let toStdout = [json, csv].compactMap { $0 }.filter(ExportWriter.isStandardOutput)
        for path in [json, csv].compactMap({ $0 }) where !ExportWriter.isStandardOutput(path) {
            if let reason = CaseFolderGuard.refusal(toWrite: path, caseRoot: kase.root) {
                Stderr.write("exhibit: refused: \(reason)")
                throw ExitCode(1)
            }
        }
        if toStdout.count > 1 {
            Stderr.write("exhibit: --json and --csv cannot both go to standard output")
            throw ExitCode(1)
        }
        if let json {
            // Written as it is made: an XL report is a gigabyte, never held whole (issue 12).
            do {
                try ExportWriter.write(to: json, overwrite: true) { put in
                    try ScanReport.utf8(case: kase, result: result) { piece in try piece.withUnsafeBytes(put) }
                    try [UInt8(ascii: "\n")].withUnsafeBytes(put)
                }
            } catch {
                Stderr.write("exhibit: \(error)")
                throw ExitCode(1)
            }
        }
        if let csv { try write(try CSVReport.csv(case: kase, result: result), to: csv) }
        if toStdout.isEmpty { print(SummaryTable.text(case: kase, result: result), terminator: "") }
        timing?.mark("reports")
    }

    /// Writes a report with the core's writer: a link stays a link, a device or FIFO is
    /// written through, a folder is refused; an existing plain file is replaced.
    private func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    private func write(_ data: Data, to path: String) throws {
        do {
            try ExportWriter.write(data, to: path, overwrite: true)
        } catch {
            Stderr.write("exhibit: \(error)")
            throw ExitCode(1)
        }
    }
}
