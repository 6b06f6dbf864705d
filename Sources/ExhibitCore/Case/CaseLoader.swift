import Foundation

/// Why a case could not be opened at all.
public struct CaseOpenError: Error, Sendable, CustomStringConvertible {
    /// The path as given to `CaseLoader.load(path:)`.
    public var path: String
    /// What is wrong, for a person.
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

/// Loads a case folder per SPEC §1.
///
/// Reads `case.toml` and `boilerplate.txt` when present, every `.txt`, `.md` and
/// `.jsonl` file of `works/` and `outputs/`, hashes every file read (SHA-256), and
/// reports what it could not load as issues while loading the rest. Files are read
/// and JSONL lines parsed on all cores; the result does not depend on scheduling:
/// duplicates are resolved in file-name order, then line order (the first is kept),
/// `works`/`outputs` are sorted by id, `files` by path, issues by path, line, offset.
public enum CaseLoader {
    /// Loads the case at `path` (absolute or relative to the working directory).
    /// - Throws: `CaseOpenError` only when the case cannot be opened at all: `path`
    ///   is missing, not a folder, or cannot be listed.
    public static func load(path: String) throws -> Case {
        let root = try checkOpenable(path: path)
        var loading = Loading(root: root)
        loading.readSettings()
        loading.readBoilerplate()
        loading.readDocuments()
        return loading.finish()
    }

    /// Loads part of the case at `path`: `case.toml` and `boilerplate.txt` when present,
    /// and of `works/` and `outputs/` only the files whose case-relative path is in
    /// `documentFiles` (e.g. `works/a.txt`), read, hashed and decoded exactly as `load`
    /// does, so their documents have the ids, lines and offsets of a full load. A shard
    /// task (SPEC §10) reads only its works' and outputs' files this way.
    ///
    /// Duplicate ids are judged among the files read: a document kept by a full load is
    /// kept here too when its file is read, since no earlier file holds its id.
    /// `files` lists the files read; a requested file that is absent is simply not
    /// there (the caller compares `files` with what it expects).
    /// - Throws: `CaseOpenError` as `load`.
    public static func load(path: String, documentFiles: Set<String>) throws -> Case {
        let root = try checkOpenable(path: path)
        var loading = Loading(root: root)
        loading.readSettings()
        loading.readBoilerplate()
        loading.readDocuments(only: documentFiles)
        return loading.finish()
    }

    /// Checks, cheaply and without reading any document, that `path` can be opened as
    /// a case: it exists, is a folder that can be listed, and holds `works/` or
    /// `outputs/`. The review screen calls it before taking over the terminal.
    /// - Returns: the case root, absolute and standardized.
    /// - Throws: `CaseOpenError` naming the problem.
    @discardableResult
    public static func checkOpenable(path: String) throws -> String {
        let root = URL(fileURLWithPath: path).standardizedFileURL.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else {
            throw CaseOpenError(path: path, message: "no such case folder")
        }
        guard isFolder.boolValue else { throw CaseOpenError(path: path, message: "not a folder") }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: root)
        } catch {
            throw CaseOpenError(path: path, message: "cannot read the case folder: \(error.localizedDescription)")
        }
        // A folder with neither works/ nor outputs/ is not a case (e.g. a mistyped path
        // to a parent folder); one of the two missing is reported and the rest loads.
        guard entries.contains("works") || entries.contains("outputs") else {
            throw CaseOpenError(path: path, message: "not a case folder: it has no works/ and no outputs/")
        }
        return root
    }

    /// State of one load (`CaseOutputBatches` reads the outputs of one in batches).
    struct Loading: Sendable {
        var result: Case
        var seen: [DocumentRole: [String: (path: String, line: Int?)]] = [.work: [:], .output: [:]]

        init(root: String) { result = Case(root: root) }

        // MARK: case.toml, boilerplate.txt

        mutating func readSettings() {
            guard let decoded = readOptional("case.toml") else { return }
            let (settings, errors, warnings) = CaseToml.read(decoded, path: "case.toml")
            result.settings = settings
            result.errors += errors
            result.warnings += warnings
        }

        mutating func readBoilerplate() {
            guard let decoded = readOptional("boilerplate.txt") else { return }
            result.boilerplate = BoilerplateFile.lines(of: decoded)
        }

        /// Reads, hashes and decodes an optional file at the case root; nil when absent
        /// or not loadable (the problem is recorded).
        mutating func readOptional(_ name: String) -> DecodedText? {
            let absolute = result.root + "/" + name
            guard FileManager.default.fileExists(atPath: absolute) else { return nil }
            let loaded = FileLoad(path: name, absolutePath: absolute)
            absorb(loaded)
            return loaded.decoded
        }

        /// Records a file's hash and its file-level problems.
        mutating func absorb(_ loaded: FileLoad) {
            if let sha256 = loaded.sha256 { result.files.append(CaseFile(path: loaded.path, sha256: sha256)) }
            result.errors += loaded.errors
            result.warnings += loaded.warnings
        }

        // MARK: works/, outputs/

        /// - Parameter only: when given, the case-relative paths of the only files to read.
        mutating func readDocuments(only: Set<String>? = nil) {
            var files = listDocuments()
            if let only { files = files.filter { only.contains($0.path) } }
            read(files)
        }

        /// The document files of `works/` then `outputs/`, in listing order; the listing's
        /// problems are recorded.
        mutating func listDocuments() -> [DocumentFile] {
            var files: [DocumentFile] = []
            for (folder, role) in CaseFolderListing.folders {
                files += CaseFolderListing.list(root: result.root, folder: folder, role: role,
                                                errors: &result.errors, warnings: &result.warnings)
            }
            return files
        }

        /// Reads `files` and keeps their documents (`add`), in file order.
        mutating func read(_ files: [DocumentFile]) {
            // Read, hash, decode, parse and map each file on all cores (a JSONL file's
            // lines are parsed on all cores too); only the id bookkeeping is serial, in
            // file order, so the first of two equal ids is the one kept whatever the timing.
            let encodings = result.settings.encodings
            let loads = files.concurrentMap { file in
                FileDocuments(file, load: FileLoad(path: file.path, absolutePath: file.absolutePath,
                                                   jsonLines: file.format == .jsonLines,
                                                   declared: EncodingDeclarations.declared(for: file.path, in: encodings)))
            }
            for loaded in loads {
                absorb(loaded.load)
                result.errors += loaded.errors
                result.warnings += loaded.warnings
                for (document, offset) in loaded.documents { add(document, offset: offset) }
            }
        }

        /// Keeps `document` unless its id was seen in its folder; a duplicate is an error
        /// at its own place (SPEC §1: the first occurrence is kept).
        mutating func add(_ document: Document, offset: Int?) {
            if let first = seen[document.role]?[document.id] {
                let where_ = first.line.map { "\(first.path) line \($0)" } ?? first.path
                result.errors.append(CaseIssue(
                    path: document.path, line: document.line, offset: offset,
                    message: CaseLoader.duplicatePrefix(document.role) + "\"\(document.id)\" (first in \(where_)): not loaded"))
                return
            }
            seen[document.role]?[document.id] = (document.path, document.line)
            if document.role == .work { result.works.append(document) } else { result.outputs.append(document) }
        }

        // MARK: Order

        /// The case in its order. - Parameter outputsSorted: `outputs` are sorted by id already.
        func finish(outputsSorted: Bool = false) -> Case {
            var result = result
            result.works.sort { $0.id < $1.id }
            if !outputsSorted { result.outputs.sort { $0.id < $1.id } }
            result.files.sort { $0.path < $1.path }
            result.errors.sort(by: Self.issueOrder)
            result.warnings.sort(by: Self.issueOrder)
            return result
        }

        static func issueOrder(_ a: CaseIssue, _ b: CaseIssue) -> Bool { CaseLoader.issueOrder(a, b) }
    }

    /// The order of a case's errors and warnings: path, then line, then offset (absent
    /// ones first), then message.
    static func issueOrder(_ a: CaseIssue, _ b: CaseIssue) -> Bool {
        if a.path != b.path { return a.path < b.path }
        if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
        if a.offset != b.offset { return (a.offset ?? -1) < (b.offset ?? -1) }
        return a.message < b.message
    }

    /// True when `issue` is the error of a document not loaded because an earlier one of
    /// `role` had its id (`Loading.add`).
    static func isDuplicateId(_ issue: CaseIssue, role: DocumentRole) -> Bool {
        issue.message.hasPrefix(duplicatePrefix(role))
    }

    private static func duplicatePrefix(_ role: DocumentRole) -> String { "duplicate \(role.rawValue) id " }
}

/// One document file read and turned into documents: the parallel part of loading.
struct FileDocuments: Sendable {
    /// The file as read (its hash and notices; the decoded text is dropped once mapped).
    var load: FileLoad
    /// Documents in line order, with the byte offset of their record (nil for a whole file).
    var documents: [(Document, Int?)] = []
    var errors: [CaseIssue] = []
    var warnings: [CaseIssue] = []

    init(_ file: DocumentFile, load: FileLoad) {
        self.load = load
        guard let decoded = load.decoded else { return }
        switch file.format {
        case .wholeText:
            if decoded.text.isEmpty {
                let what = load.byteCount == 0 ? "empty file" : "no text after the byte-order mark"
                warnings.append(CaseIssue(path: file.path, message: "\(what): loaded as an empty document"))
            }
            let document = Document(id: file.stem, role: file.role, path: file.path, text: decoded.text)
            if !decoded.text.isEmpty { warnIfBlank(document, offset: nil) }
            documents.append((document, nil))
        case .jsonLines:
            readRecords(of: file, decoded)
        }
        // What the loader reports about the file's decoding was noted when it was read;
        // a JSONL file's whole text is not needed any more.
        self.load.decoded = nil
    }

    mutating func readRecords(of file: DocumentFile, _ decoded: DecodedText) {
        let jsonl = JSONLReader.read(decoded, path: file.path)
        errors += jsonl.errors
        warnings += jsonl.warnings
        if jsonl.records.isEmpty, jsonl.errors.isEmpty {
            warnings.append(CaseIssue(path: file.path, message: "no records: the file holds no JSON lines"))
        }
        for record in jsonl.records {
            switch RecordMapping.map(record, role: file.role, path: file.path, fileName: file.name) {
            case .rejected(let message):
                errors.append(CaseIssue(path: file.path, line: record.line, offset: record.offset, message: message))
            case .document(let document, let messages):
                for message in messages {
                    warnings.append(CaseIssue(path: file.path, line: record.line, offset: record.offset, message: message))
                }
                warnIfBlank(document, offset: record.offset)
                documents.append((document, record.offset))
            }
        }
    }

    /// Warns about a document with no text or only white space (SPEC §1: listed,
    /// never silently counted as a document that scores 0 %).
    mutating func warnIfBlank(_ document: Document, offset: Int?) {
        guard document.text.unicodeScalars.allSatisfy(\.properties.isWhitespace) else { return }
        let what = document.text.isEmpty ? "empty" : "blank (white space only)"
        warnings.append(CaseIssue(path: document.path, line: document.line, offset: offset,
                         message: "\(document.role.rawValue) \"\(document.id)\" is \(what): it has no words"))
    }

}

/// One file read, hashed and decoded (the parallel part of loading).
struct FileLoad: Sendable {
    var path: String
    var sha256: String?
    var byteCount = 0
    /// Why the file is not loaded (unreadable or binary): at most one.
    var errors: [CaseIssue] = []
    /// How it was decoded, when that needs saying (bytes replaced, an encoding guessed,
    /// double encoding).
    var warnings: [CaseIssue] = []
    var decoded: DecodedText?
    /// JSONL files report replacements per line instead.
    var warnAboutReplacements = true

    init(path: String, absolutePath: String, jsonLines: Bool = false, declared: DeclaredEncoding? = nil) {
        self.path = path
        warnAboutReplacements = !jsonLines
        let bytes: [UInt8]
        do {
            bytes = try FileReading.contents(ofFile: absolutePath)
        } catch {
            errors.append(CaseIssue(path: path, message: error.message))
            return
        }
        byteCount = bytes.count
        sha256 = FileHashing.sha256Hex(bytes)
        do {
            let text = try TextDecoding.decode(bytes, declared: declared)
            decoded = text
            noteDecoding(text)
        } catch {
            errors.append(CaseIssue(path: path, message: error.description))
        }
    }

    /// The file-level notices about how `decoded` was decoded (found here, on all cores,
    /// while the text is at hand).
    private mutating func noteDecoding(_ decoded: DecodedText) {
        if let first = decoded.replaced.first, warnAboutReplacements {
            warnings.append(CaseIssue(path: path, line: decoded.line(ofUTF8Offset: first.utf8Offset),
                                      offset: first.bytes.lowerBound, message: decoded.replacementSummary(decoded.replaced)))
        }
        if decoded.guessedLegacyEncoding {
            warnings.append(CaseIssue(
                path: path,
                message: "decoded as \(decoded.encoding.rawValue): not valid UTF-8, and nothing in it looks like UTF-8 "
                    + "(declare it in case.toml [encoding] to be sure)"))
        }
        let doubleEncoded = DoubleEncoding.sequences(in: decoded.text)
        if let first = doubleEncoded.first {
            let n = doubleEncoded.count
            warnings.append(CaseIssue(
                path: path, line: decoded.line(ofUTF8Offset: first.utf8Offset),
                offset: decoded.fileOffset(ofUTF8Offset: first.utf8Offset),
                message: "looks double-encoded (UTF-8 read once as Windows-1252, e.g. â€™ for ’): "
                    + "\(n) such sequence\(n == 1 ? "" : "s"); kept as is, not repaired"))
        }
    }
}
