import ArgumentParser
import ExhibitCore
import Foundation

/// `exhibit export`: highlighted excerpts of a pair, a work or the annotations (SPEC §6).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export highlighted excerpts of a pair, a work's reconstruction or the annotations.",
        discussion: """
            Scans the case with its case.toml settings (leaving out the work spans of \
            exclude annotations unless --no-exclusions), then writes the export to \
            CASE/exports/ (or -o FILE, - for stdout). An existing file is never replaced \
            without --force. Every export starts with the case, the documents' SHA-256, \
            the engine version, the parameters and the date.
            """)

    @Argument(help: "The case folder (works/, outputs/, case.toml).")
    var casePath: String

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Export one pair: the work's id and the output's id.",
                                                         valueName: "WORK OUTPUT"))
    var pair: [String] = []

    @Option(help: "With --pair: only passage N (1-based, in output order).")
    var passage: Int?

    @Option(help: ArgumentHelp("Export one work's reconstruction: every reproduced span and the passages behind it.",
                               valueName: "WORK"))
    var work: String?

    @Flag(help: "Export the annotated spans.")
    var annotations = false

    @Option(help: "With --annotations: only this tag.")
    var tag: String?

    @Option(help: "text, side-by-side, md, html, csv or json (json: annotations only).")
    var format: String

    @Option(name: .short, help: ArgumentHelp("Write to FILE (- for stdout) instead of CASE/exports/.", valueName: "FILE"))
    var output: String?

    @Flag(help: "Replace the file if it exists.")
    var force = false

    @Option(help: "Line width of text and side-by-side, in columns.")
    var width: Int = 100

    @Option(help: "Worker threads for the scan (default: all cores).")
    var threads: Int?

    @Option(name: .customLong("x-drop"), parsing: .unconditional, help: "Extension of passages beyond their seeds: how far the alignment score may fall below its best, 0 = off (default 4).")
    var xDrop: Int?

    @Flag(name: .customLong("no-exclusions"), help: ArgumentHelp(CaseExclusions.flagHelp))
    var noExclusions = false

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "With --format csv: start with a UTF-8 byte order mark, so Excel reads accents right.")
    var excel = false

    func validate() throws {
        let chosen = (pair.isEmpty ? 0 : 1) + (work == nil ? 0 : 1) + (annotations ? 1 : 0)
        guard chosen == 1 else { throw ValidationError("choose exactly one of --pair WORK OUTPUT, --work WORK, --annotations") }
        if !pair.isEmpty && pair.count != 2 { throw ValidationError("--pair takes two ids: WORK OUTPUT") }
        if passage != nil && pair.isEmpty { throw ValidationError("--passage goes with --pair") }
        if let passage, passage < 1 { throw ValidationError("--passage counts from 1") }
        if tag != nil && !annotations { throw ValidationError("--tag goes with --annotations") }
        guard ExportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of " + ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if format == ExportFormat.json.rawValue && !annotations {
            throw ValidationError("--format json exports annotations only (use --annotations; `exhibit scan --json` gives the figures)")
        }
        if excel && format != ExportFormat.csv.rawValue { throw ValidationError("--excel goes with --format csv") }
        if width < 24 { throw ValidationError("--width must be at least 24") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        try validateMatchFlags(minWords: nil, maxGap: nil, minIdentity: nil, xDrop: xDrop)
    }

    func run() throws {
        let kase = try openCase(casePath)
        let store: CaseAnnotations
        do {
            store = try CaseAnnotations.load(kase)
        } catch {
            Stderr.write("exhibit: cannot read annotations: \(error)")
            throw ExitCode.failure
        }
        for issue in store.warnings { Stderr.write("warning: \(issue)") }
        let selection: ExportSelection
        if pair.count == 2 {
            selection = .pair(work: pair[0], output: pair[1], passage: passage)
        } else if let work {
            selection = .work(work)
        } else {
            selection = .annotations(tag: tag)
        }
        let options = ExportOptions(width: width, date: Date(), annotations: store.current.map(\.exportAnnotation),
                                    byteOrderMark: excel)
        let request = ExportRequest(selection: selection, format: ExportFormat(rawValue: format)!, options: options)

        let progress = ProgressLine.forStandardError()
        var handler: (@Sendable (ScanProgress) -> Void)?
        if let progress { handler = { progress.show($0) } }
        var scanOptions = ScanOptions(settings: kase.settings, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        if let xDrop { scanOptions.match.xDrop = xDrop }
        if !noExclusions { scanOptions.exclusions = CaseExclusions.spans(store, case: kase) }
        let result = try StoredScan.result(case: kase, options: scanOptions, noExclusions: noExclusions, store: storeOptions,
                                           progress: handler)
        progress?.finish()
        for issue in kase.errors { Stderr.write("error: \(issue)") }

        do {
            if let output, ExportWriter.isStandardOutput(output) {
                // `-` or `/dev/stdout`: the export alone, without the path line after it.
                try ExportWriter.write(try Exporter.render(request, case: kase, result: result), to: "-", overwrite: true)
            } else {
                let path = try Exporter.export(request, case: kase, result: result, to: output, overwrite: force)
                print(path)
            }
        } catch let error as ExportError {
            Stderr.write("exhibit: \(error)")
            throw ExitCode.failure
        }
    }
}
