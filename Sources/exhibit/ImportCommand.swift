import ArgumentParser
import ExhibitCore
import Foundation

/// `exhibit import`: turn a research tool's output files into a case (docs/importing.md).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a research tool's outputs (RECAP, lm-eval, Every Eval Ever, CopyBench, CoTaEval) into a case folder.",
        discussion: """
            exhibit import FORMAT SRC... CASE [--work-text ID=FILE]... [--model NAME] [--keep-failed]
            exhibit import --list
            SRC is a file or a folder (its files of that format). CASE is created when missing;
            importing into an existing case only adds (see docs/importing.md).
            """)

    @Argument(help: "FORMAT, then one or more SRC, then CASE.")
    var arguments: [String] = []

    @Option(name: .customLong("work-text"), help: "Copy a work's text into works/ID.txt (repeatable), ID=FILE.")
    var workTexts: [String] = []

    @Option(help: "The model's name, when the source does not say (or says it wrong).")
    var model: String?

    @Flag(name: .customLong("keep-failed"), help: "Keep blocked, error, not-greedy and empty records, with a status field.")
    var keepFailed = false

    @Flag(help: "List the formats and what each maps.")
    var list = false

    func validate() throws {
        if list { return }
        guard arguments.count >= 3 else { throw ValidationError("expected FORMAT SRC... CASE (or --list)") }
        if ImportFormat(rawValue: arguments[0]) == nil { throw ValidationError(Self.unknownFormat(arguments[0])) }
        for w in workTexts where Self.splitWorkText(w) == nil {
            throw ValidationError("--work-text needs ID=FILE, got '\(w)'")
        }
    }

    static func unknownFormat(_ name: String) -> String {
        if let known = ImportFormat.unsupported.first(where: { $0.name == name }) {
            return "no importer for '\(name)': \(known.reason)"
        }
        return "unknown format '\(name)'; formats: " + ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            + " (exhibit import --list)"
    }

    static func splitWorkText(_ s: String) -> (id: String, path: String)? {
        guard let eq = s.firstIndex(of: "=") else { return nil }
        let id = String(s[..<eq]), path = String(s[s.index(after: eq)...])
        return id.isEmpty || path.isEmpty ? nil : (id, path)
    }

    func run() throws {
        if list {
            for format in ImportFormat.allCases {
                print("\(format.rawValue)  \(format.summary)")
                for line in format.mapping { print("    \(line)") }
            }
            for other in ImportFormat.unsupported { print("(\(other.name): not imported: \(other.reason))") }
            return
        }
        let request = ImportRequest(
            format: ImportFormat(rawValue: arguments[0])!, sources: Array(arguments.dropFirst().dropLast()),
            casePath: arguments.last!, workTexts: workTexts.compactMap(Self.splitWorkText), model: model,
            keepFailed: keepFailed)
        let report: ImportReport
        do {
            report = try CaseImporter.run(request)
        } catch {
            Stderr.write("exhibit: import: \(error)")
            throw ExitCode(1)
        }
        for work in report.worksWritten { print(VisibleText.escaped("work: \(work)", keepLayout: false)) }
        for s in report.sources {
            var line = "source: \(s.path): \(s.added) added"
            if s.alreadyInCase > 0 { line += ", \(s.alreadyInCase) already in the case" }
            for k in s.keptWithStatus { line += ", \(k.count) kept with status \(k.reason)" }
            for k in s.skipped { line += ", \(k.count) skipped: \(k.reason)" }
            if let file = s.outputFile { line += " → \(file)" }
            print(VisibleText.escaped(line, keepLayout: false))
        }
        for notice in report.notices { Stderr.write("notice: \(notice)") }
        for error in report.errors { Stderr.write("error: \(error)") }
        if !report.errors.isEmpty { throw ExitCode(1) }
    }
}
