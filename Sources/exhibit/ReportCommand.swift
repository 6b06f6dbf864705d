import ArgumentParser
import ExhibitCore
import Foundation

/// `exhibit report`: the expert's appendix as HTML and PDF (SPEC §12).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an expert report: methods, figures per work and model, coverage charts, numbered exhibits, file hashes.",
        discussion: """
            Scans the case (with its case.toml settings and counsel's exclude annotations unless \
            --no-exclusions) and writes DIR/report.html, self-contained and ready to print; with \
            --pdf also DIR/report.pdf, printed by headless Chromium. The date printed is --date, \
            else SOURCE_DATE_EPOCH, else today (UTC), so a report can be reproduced byte for byte. \
            Existing files are replaced only with --force.
            """)

    @Argument(help: "The case folder (works/, outputs/, case.toml).")
    var casePath: String

    @Option(name: .short, help: ArgumentHelp("Folder to write report.html (and report.pdf) into.", valueName: "DIR"))
    var output: String

    @Option(help: ArgumentHelp("Cover only this work (repeatable; default: every work).", valueName: "W"))
    var work: [String] = []

    @Option(help: ArgumentHelp("Keep only the outputs of this model (repeatable; `unknown` for outputs without one).", valueName: "M"))
    var model: [String] = []

    @Option(name: .customLong("where"), help: "Keep outputs whose metadata KEY has VALUE (repeatable), e.g. hinted=false.")
    var filters: [String] = []

    @Option(parsing: .unconditional, help: "How many of the strongest passages become numbered exhibits.")
    var top: Int = 10

    @Option(help: "Paper size: a4 or letter.")
    var paper: String = ReportPaper.a4.rawValue

    @Option(help: ArgumentHelp("Date printed, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today).", valueName: "YYYY-MM-DD"))
    var date: String?

    @Flag(help: "Also print DIR/report.pdf with headless Chromium.")
    var pdf = false

    @Flag(help: "Replace report.html and report.pdf if they exist.")
    var force = false

    @Option(name: .customLong("min-words"), parsing: .unconditional, help: "Shortest seed, in words (default: case.toml, else 6).")
    var minWords: Int?

    @Option(name: .customLong("max-gap"), parsing: .unconditional, help: "Widest gap bridged inside a passage, in words a side (default 2).")
    var maxGap: Int?

    @Option(name: .customLong("min-identity"), parsing: .unconditional, help: "Lowest passage identity, 0–1 (default 0.8).")
    var minIdentity: Double?

    @Option(name: .customLong("x-drop"), parsing: .unconditional, help: "Extension of passages beyond their seeds: how far the alignment score may fall below its best, 0 = off (default 4).")
    var xDrop: Int?

    @Option(help: "Worker threads for the scan (default: all cores). Results never depend on it.")
    var threads: Int?

    @Flag(name: .customLong("no-exclusions"), help: ArgumentHelp(CaseExclusions.flagHelp))
    var noExclusions = false

    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be 0 or more") }
        if ReportPaper(rawValue: paper) == nil { throw ValidationError("--paper must be a4 or letter") }
        try validateMatchFlags(minWords: minWords, maxGap: maxGap, minIdentity: minIdentity, xDrop: xDrop)
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        for f in filters where MetadataFilter(f) == nil { throw ValidationError("--where needs KEY=VALUE, got '\(f)'") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        do {
            let day = try ReportDate.resolve(explicit: date, environment: environment, now: Date())
            let loaded = try openCase(casePath)
            if let reason = ExpertReport.refusal(folder: output, caseRoot: loaded.root) {
                throw ExpertReportError.protectedPath(VisibleText.escaped(reason))
            }
            if pdf && ChromiumPrinter.executable(path: environment["PATH"]) == nil { throw ExpertReportError.chromiumMissing }
            let kase = try ReportScope.restrict(loaded, models: model)
            let store: CaseAnnotations?
            do {
                store = try CaseAnnotations.load(kase)
            } catch {
                if !noExclusions {
                    // Figures without the exclusions counsel asked for would mislead; stop instead.
                    Stderr.write("exhibit: cannot read annotations: \(error) (--no-exclusions reports without them)")
                    throw ExitCode.failure
                }
                store = nil
            }
            var options = ScanOptions(settings: kase.settings, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            if let minWords { options.match.minWords = minWords }
            if let maxGap { options.match.maxGap = maxGap }
            if let minIdentity { options.match.minIdentity = minIdentity }
            if let xDrop { options.match.xDrop = xDrop }
            options.filters = filters.compactMap(MetadataFilter.init)
            if !noExclusions, let store { options.exclusions = CaseExclusions.spans(store, case: kase) }

            let progress = ProgressLine.forStandardError()
            var handler: (@Sendable (ScanProgress) -> Void)?
            if let progress { handler = { progress.show($0) } }
            let result = try StoredScan.result(case: kase, options: options, noExclusions: noExclusions, store: storeOptions,
                                               narrowed: !model.isEmpty, progress: handler)
            progress?.finish()
            for issue in kase.errors { Stderr.write("error: \(issue)") }
            for issue in result.warnings { Stderr.write("warning: \(issue)") }

            let reportOptions = ExpertReportOptions(
                date: day, works: work, models: model, top: top, paper: ReportPaper(rawValue: paper)!,
                annotations: store.map { $0.current.map(\.exportAnnotation) }, annotationWarnings: store?.warnings ?? [])
            let html = try ExpertReport.html(case: kase, result: result, options: reportOptions)
            print(try ExpertReport.writeHTML(html, folder: output, caseRoot: kase.root, overwrite: force))
            if pdf { print(try ChromiumPrinter.print(folder: output, overwrite: force, environment: environment)) }
        } catch let error as ExpertReportError {
            Stderr.write("exhibit: \(error)")
            throw ExitCode.failure
        } catch let error as ExportError {
            Stderr.write("exhibit: \(error)")
            throw ExitCode.failure
        }
    }
}
