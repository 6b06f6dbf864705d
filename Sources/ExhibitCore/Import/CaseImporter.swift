import Foundation

/// What `exhibit import` was asked to do.
public struct ImportRequest: Sendable {
    /// The source format.
    public var format: ImportFormat
    /// Source files or folders (a folder contributes the files the format recognises).
    public var sources: [String]
    /// The case folder, created when missing.
    public var casePath: String
    /// `--work-text ID=FILE`: work texts to copy into `works/ID.<ext>`.
    public var workTexts: [(id: String, path: String)]
    /// `--model`: overrides the model the source names.
    public var model: String?
    /// `--keep-failed`: keep records that are not model outputs, with `status`.
    public var keepFailed: Bool

    /// A request; see the properties.
    public init(format: ImportFormat, sources: [String], casePath: String, workTexts: [(id: String, path: String)] = [],
                model: String? = nil, keepFailed: Bool = false) {
        self.format = format
        self.sources = sources
        self.casePath = casePath
        self.workTexts = workTexts
        self.model = model
        self.keepFailed = keepFailed
    }
}

/// What happened to one source file.
public struct SourceOutcome: Sendable {
    /// The source file.
    public var path: String
    /// Case-relative path of the outputs file written or appended to, if any.
    public var outputFile: String?
    /// Outputs written.
    public var added = 0
    /// Outputs whose id the case already had (importing again adds nothing).
    public var alreadyInCase = 0
    /// Records not written, reason → count (`blocked`, `refined_0 …`, …).
    public var skipped: [(reason: String, count: Int)] = []
    /// Records kept with a `status` (`--keep-failed`), status → count.
    public var keptWithStatus: [(reason: String, count: Int)] = []
}

/// The result of an import: per source what was written, and every problem.
public struct ImportReport: Sendable {
    /// One outcome per source file, in import order.
    public var sources: [SourceOutcome] = []
    /// Case-relative paths of works written.
    public var worksWritten: [String] = []
    /// Records or files that could not be imported (each with file, line, reason).
    public var errors: [ImportIssue] = []
    /// Things the user should know (a work rebuilt from passages, a missing results file, …).
    public var notices: [ImportIssue] = []
}

/// Why an import could not run at all (nothing was written).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, for a person.
    public var message: String
    /// An error saying `message`.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// Runs an import into a case folder (SPEC §1 layout).
///
/// Adding to an existing case: every source file goes to its own
/// `outputs/<format>--<source name>.jsonl`, recorded in case.toml's
/// `[[import]]` entries. A record whose id the case already has (in any file) is not
/// written again; new records are appended to the importer's own file. A file at that
/// path that case.toml does not record as the importer's is never touched (the source
/// is refused). Works are only ever added, never replaced. So importing the same
/// source twice leaves the folder byte-identical.
public enum CaseImporter {
    /// Written into every `[[import]]` entry; raise when the mapping changes.
    public static let importerVersion = "exhibit import 1"
    /// Largest source file read whole, in bytes (256 MiB).
    public static let maxSourceBytes = 256 << 20

    /// Runs `request`.
    /// - Throws: `ImportError` when the case folder cannot be used (e.g. it is a file).
    public static func run(_ request: ImportRequest) throws(ImportError) -> ImportReport {
        var report = ImportReport()
        let root = URL(fileURLWithPath: request.casePath).standardizedFileURL.path
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: root, isDirectory: &isFolder), !isFolder.boolValue {
            throw ImportError("\(request.casePath): not a folder")
        }
        var writer = CaseImportWriter(root: root)
        try writer.open()

        // Works named on the command line first, so outputs can aim at them.
        var workIDsGiven = Set<String>()
        for (id, path) in request.workTexts {
            workIDsGiven.insert(id)
            switch writer.copyWork(id: id, from: path) {
            case .failure(let issue): report.errors.append(issue)
            case .success(let written?): report.worksWritten.append(written)
            case .success(nil): break
            }
        }

        for file in expand(request, report: &report) {
            var outcome = SourceOutcome(path: file.path)
            let read: SourceRead
            switch readSource(file, request: request) {
            case .failure(let issue):
                report.errors.append(issue)
                report.sources.append(outcome)
                continue
            case .success(let r): read = r
            }
            report.errors += read.errors
            report.notices += read.notices
            outcome.skipped = read.skipped

            var kept: [ImportedOutput] = []
            var idsHere = Set<String>()
            for output in read.outputs {
                if let status = output.status {
                    if request.keepFailed {
                        bump(&outcome.keptWithStatus, status)
                    } else {
                        bump(&outcome.skipped, status)
                        continue
                    }
                }
                guard idsHere.insert(output.id).inserted else {
                    report.errors.append(ImportIssue(path: read.path, line: output.line,
                                                     message: "id \"\(output.id)\" given twice in this source; the first is kept"))
                    continue
                }
                kept.append(output)
            }
            let name = "outputs/\(request.format.rawValue)--\(read.outputName).jsonl"
            switch writer.addOutputs(kept, to: name, entry: entry(read, format: request.format, output: name)) {
            case .failure(let issue): report.errors.append(issue)
            case .success(let result):
                outcome.added = result.added
                outcome.alreadyInCase = result.existing
                if result.added > 0 || result.existing > 0 { outcome.outputFile = name }
            }
            for work in read.works where !workIDsGiven.contains(work.id) {
                let path = "works/\(ImportIDs.fileName(work.id)).jsonl"
                switch writer.addWork(work, to: path, entry: entry(read, format: request.format, output: path)) {
                case .failure(let issue): report.errors.append(issue)
                case .success(let written?):
                    report.worksWritten.append(written)
                    report.notices.append(ImportIssue(path: read.path, message: "work \"\(work.id)\" written from the source's own passages to \(written) (give --work-text \(work.id)=FILE for a full edition)"))
                case .success(nil): break
                }
            }
            report.sources.append(outcome)
        }
        if let issue = writer.finish() { report.errors.append(issue) }
        // A case needs works/ to load without an error; the works may come later.
        let works = root + "/works"
        if FileManager.default.fileExists(atPath: root + "/outputs"), !FileManager.default.fileExists(atPath: works) {
            if (try? FileManager.default.createDirectory(atPath: works, withIntermediateDirectories: false)) != nil {
                report.notices.append(ImportIssue(path: request.casePath, message: "the case has no works yet: put them in works/ or give --work-text ID=FILE"))
            }
        }
        let aimed = Set(writer.aimedWorks)
        for id in workIDsGiven.sorted() where !aimed.contains(id) {
            report.notices.append(ImportIssue(path: request.casePath, message: "work \"\(id)\" (--work-text) is aimed at by no imported output"))
        }
        return report
    }

    private static func bump(_ list: inout [(reason: String, count: Int)], _ reason: String) {
        if let i = list.firstIndex(where: { $0.reason == reason }) { list[i].count += 1 } else { list.append((reason, 1)) }
    }

    /// A source file to read.
    struct SourceFile {
        var path: String
    }

    /// The `[[import]]` entry for a file written from `read`.
    static func entry(_ read: SourceRead, format: ImportFormat, output: String) -> ImportEntry {
        ImportEntry(format: format.rawValue, source: URL(fileURLWithPath: read.path).standardizedFileURL.path,
                    sha256: read.sha256, importer: importerVersion, output: output, records: 0,
                    joined: read.joined.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path },
                    joinedSHA256: read.joined.map(\.sha256))
    }

    /// The files of the request's sources: a file as given, a folder's recognised files
    /// in name order (others named in a notice when they look like data).
    private static func expand(_ request: ImportRequest, report: inout ImportReport) -> [SourceFile] {
        var files: [SourceFile] = []
        for source in request.sources {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder) else {
                report.errors.append(ImportIssue(path: source, message: "no such file or folder"))
                continue
            }
            guard isFolder.boolValue else {
                // A metrics file listed by name (a shell glob such as `recap/*.json` lists
                // it too) is skipped as in a folder, not read as a malformed source.
                let name = String(source.split(separator: "/").last ?? "")
                if request.format == .recap, RecapFormat.isMetricsFile(name) {
                    report.notices.append(ImportIssue(path: source, message: "RECAP metrics file (ROUGE scores, not outputs): not imported"))
                } else {
                    files.append(SourceFile(path: source))
                }
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []).sorted()
            var found = false
            for name in names where !name.hasPrefix(".") {
                let path = source.hasSuffix("/") ? source + name : source + "/" + name
                if request.format.accepts(fileName: name) {
                    files.append(SourceFile(path: path))
                    found = true
                } else if request.format == .recap, RecapFormat.isMetricsFile(name) {
                    report.notices.append(ImportIssue(path: path, message: "RECAP metrics file (ROUGE scores, not outputs): not imported"))
                }
            }
            if !found {
                report.errors.append(ImportIssue(path: source, message: "no \(request.format.rawValue) source files in this folder"))
            }
        }
        return files
    }

    /// Reads, checks and maps one source file.
    private static func readSource(_ file: SourceFile, request: ImportRequest) -> Result<SourceRead, ImportIssue> {
        let bytes: [UInt8]
        switch readBytes(file.path) {
        case .failure(let issue): return .failure(issue)
        case .success(let b): bytes = b
        }
        if let reason = SourceSafety.refusal(path: file.path, bytes: bytes) {
            return .failure(ImportIssue(path: file.path, message: "refused: \(reason)"))
        }
        let name = String(file.path.split(separator: "/").last ?? "")
        switch request.format {
        case .recap:
            return .success(RecapFormat.read(path: file.path, fileName: name, bytes: bytes, model: request.model))
        case .eee:
            return .success(EEEFormat.read(path: file.path, fileName: name, bytes: bytes, model: request.model))
        case .copybench:
            return .success(CopyBenchFormat.read(path: file.path, fileName: name, bytes: bytes, model: request.model))
        case .cotaeval:
            return .success(CoTaEvalFormat.read(path: file.path, fileName: name, bytes: bytes, model: request.model))
        case .lmEval:
            var results: (path: String, value: SourceJSON)?
            var notices: [ImportIssue] = []
            var joined: [(path: String, sha256: String)] = []
            if let stamp = LMEvalFormat.taskAndTimestamp(name)?.timestamp {
                let folder = (file.path as NSString).deletingLastPathComponent
                let path = (folder.isEmpty ? "." : folder) + "/results_\(stamp).json"
                if FileManager.default.fileExists(atPath: path) {
                    switch readBytes(path) {
                    case .failure(let issue): notices.append(issue)
                    case .success(let resultBytes):
                        do throws(SourceJSONError) {
                            results = (path, try SourceJSONParser.parse(resultBytes))
                            joined.append((path, FileHashing.sha256Hex(resultBytes)))
                        } catch {
                            let line = SourceLines(resultBytes).line(of: error.offset)
                            notices.append(ImportIssue(path: path, line: line, offset: error.offset,
                                                       message: "results file is not valid JSON (\(error.message)); not joined"))
                        }
                    }
                }
            }
            var read = LMEvalFormat.read(path: file.path, fileName: name, bytes: bytes, results: results, model: request.model)
            read.notices = notices + read.notices
            read.joined = joined
            return .success(read)
        }
    }

    /// The bytes of a regular file of at most `maxSourceBytes`.
    static func readBytes(_ path: String) -> Result<[UInt8], ImportIssue> {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            return .failure(ImportIssue(path: path, message: "cannot read the file"))
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else {
            return .failure(ImportIssue(path: path, message: "not a regular file"))
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxSourceBytes else {
            return .failure(ImportIssue(path: path, message: "\(size) bytes, more than the \(maxSourceBytes >> 20) MiB an import reads; split the source"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ImportIssue(path: path, message: "cannot read the file"))
        }
        return .success([UInt8](data))
    }
}
