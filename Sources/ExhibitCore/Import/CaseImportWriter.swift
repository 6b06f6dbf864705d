import Foundation

/// Writes what an import produced into a case folder, and nothing else: files only
/// inside the folder (symbolic links that lead out are refused), only files the
/// importer owns (recorded in `[[import]]` entries) are ever appended to, existing
/// works and outputs are never replaced. Writes go through `ExportWriter` (atomic).
struct CaseImportWriter {
    /// Absolute, standardized case folder.
    let root: String
    /// Output and work ids the case had before, and those added so far.
    private var outputIDs = Set<String>()
    private var workIDs = Set<String>()
    /// Work ids aimed at by imported outputs (added or already present).
    private(set) var aimedWorks: [String] = []
    private var caseToml: String?
    private var entries: [ImportEntry] = []
    private var newEntries: [ImportEntry] = []

    init(root: String) { self.root = root }

    /// Reads the existing case, if any: its ids and case.toml entries.
    mutating func open() throws(ImportError) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: root) else { return }
        if fm.fileExists(atPath: root + "/works") || fm.fileExists(atPath: root + "/outputs") {
            do {
                let existing = try CaseLoader.load(path: root)
                outputIDs = Set(existing.outputs.map(\.id))
                workIDs = Set(existing.works.map(\.id))
            } catch {
                throw ImportError("cannot read the existing case: \(error)")
            }
        }
        if let data = fm.contents(atPath: root + "/case.toml") {
            guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
                throw ImportError("\(root)/case.toml is not UTF-8; the importer appends to it and will not risk it")
            }
            caseToml = text
            entries = ImportProvenance.entries(in: text)
        }
    }

    // MARK: Outputs

    /// Appends the outputs whose ids the case lacks to the importer's file `relative`.
    /// - Returns: how many were added and how many the case already had.
    mutating func addOutputs(_ outputs: [ImportedOutput], to relative: String, entry: ImportEntry)
        -> Result<(added: Int, existing: Int), ImportIssue> {
        var fresh: [ImportedOutput] = []
        var existing = 0
        for output in outputs {
            if outputIDs.contains(output.id) { existing += 1 } else { fresh.append(output) }
            if let work = output.work, !aimedWorks.contains(work) { aimedWorks.append(work) }
        }
        guard !fresh.isEmpty else { return .success((0, existing)) }
        let text = fresh.map { $0.record.serialized() + "\n" }.joined()
        switch append(text, to: relative, entry: entry, records: fresh.count) {
        case .failure(let issue): return .failure(issue)
        case .success: break
        }
        for output in fresh { outputIDs.insert(output.id) }
        return .success((fresh.count, existing))
    }

    // MARK: Works

    /// Copies the work text at `path` to `works/<id>.<txt|md>` unless the case has a
    /// work `id`. Returns the path written, or nil when nothing needed writing.
    mutating func copyWork(id: String, from path: String) -> Result<String?, ImportIssue> {
        guard !id.isEmpty, ImportIDs.fileName(id) == id, id != "." , id != ".." else {
            return .failure(ImportIssue(path: path, message: "--work-text id \"\(id)\" must be letters, digits, '.', '-' or '_'"))
        }
        let ext = path.lowercased().hasSuffix(".md") ? "md" : "txt"
        guard path.lowercased().hasSuffix(".txt") || path.lowercased().hasSuffix(".md") else {
            return .failure(ImportIssue(path: path, message: "--work-text takes a .txt or .md file"))
        }
        let bytes: [UInt8]
        switch CaseImporter.readBytes(path) {
        case .failure(let issue): return .failure(issue)
        case .success(let b): bytes = b
        }
        let relative = "works/\(id).\(ext)"
        if workIDs.contains(id) {
            if let current = FileManager.default.contents(atPath: root + "/" + relative), [UInt8](current) == bytes {
                return .success(nil)
            }
            return .failure(ImportIssue(path: path, message: "the case already has a work \"\(id)\"; it is not replaced"))
        }
        // ExportWriter writes UTF-8 text; a file that is not UTF-8 would not be copied byte for byte.
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .failure(ImportIssue(path: path, message: "not UTF-8: copy it into works/ yourself (the loader reads legacy encodings)"))
        }
        let entry = ImportEntry(format: "work-text", source: URL(fileURLWithPath: path).standardizedFileURL.path,
                                sha256: FileHashing.sha256Hex(bytes), importer: CaseImporter.importerVersion,
                                output: relative, records: 1)
        switch write(text, to: relative, replacing: false) {
        case .failure(let issue): return .failure(issue)
        case .success: break
        }
        workIDs.insert(id)
        newEntries.append(entry)
        return .success(relative)
    }

    /// Writes a work a source carries, unless the case has a work of its id.
    mutating func addWork(_ work: ImportedWork, to relative: String, entry: ImportEntry) -> Result<String?, ImportIssue> {
        guard !workIDs.contains(work.id) else { return .success(nil) }
        switch append(work.record.serialized() + "\n", to: relative, entry: entry, records: 1) {
        case .failure(let issue): return .failure(issue)
        case .success: break
        }
        workIDs.insert(work.id)
        return .success(relative)
    }

    // MARK: case.toml

    /// Appends the new `[[import]]` entries to case.toml (creating it when missing).
    /// - Returns: the problem, if writing failed.
    mutating func finish() -> ImportIssue? {
        guard !newEntries.isEmpty else { return nil }
        var text = caseToml ?? "# Files below were written by `exhibit import` (docs/importing.md).\n"
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        for entry in newEntries { text += "\n" + entry.toml }
        switch write(text, to: "case.toml", replacing: caseToml != nil) {
        case .failure(let issue): return issue
        case .success:
            caseToml = text
            entries += newEntries
            newEntries = []
            return nil
        }
    }

    // MARK: Files

    /// Appends `text` to the importer-owned file `relative` (creating it), and records
    /// an entry for it unless one with the same source, format and file exists.
    private mutating func append(_ text: String, to relative: String, entry: ImportEntry, records: Int)
        -> Result<Void, ImportIssue> {
        let absolute = root + "/" + relative
        var current = ""
        let owned = (entries + newEntries).contains { $0.output == relative }
        if FileManager.default.fileExists(atPath: absolute) {
            guard owned else {
                return .failure(ImportIssue(path: relative, message: "exists and was not written by exhibit import (no [[import]] entry in case.toml); left untouched, this source not imported"))
            }
            guard let data = FileManager.default.contents(atPath: absolute),
                  let existing = String(validating: [UInt8](data), as: UTF8.self) else {
                return .failure(ImportIssue(path: relative, message: "cannot read the importer's earlier file; left untouched"))
            }
            current = existing
            if !current.isEmpty, !current.hasSuffix("\n") { current += "\n" }
        }
        switch write(current + text, to: relative, replacing: !current.isEmpty || FileManager.default.fileExists(atPath: absolute)) {
        case .failure(let issue): return .failure(issue)
        case .success: break
        }
        let known = (entries + newEntries).contains {
            $0.format == entry.format && $0.sha256 == entry.sha256 && $0.output == entry.output
        }
        if !known {
            var e = entry
            e.records = records
            newEntries.append(e)
        }
        return .success(())
    }

    /// Writes `relative` inside the case through `ExportWriter`, after checking that the
    /// path, symbolic links resolved, stays inside the case folder.
    private func write(_ text: String, to relative: String, replacing: Bool) -> Result<Void, ImportIssue> {
        guard !relative.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            return .failure(ImportIssue(path: relative, message: "refused: path leaves the case folder"))
        }
        let absolute = root + "/" + relative
        guard inside(absolute) else {
            return .failure(ImportIssue(path: relative, message: "refused: a symbolic link leads outside the case folder"))
        }
        do {
            try ExportWriter.write(text, to: absolute, overwrite: replacing, createFolders: true)
        } catch {
            return .failure(ImportIssue(path: relative, message: "cannot write: \(error)"))
        }
        return .success(())
    }

    /// True when the deepest existing ancestor of `path`, links resolved, is in the case.
    private func inside(_ path: String) -> Bool {
        let base = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var probe = URL(fileURLWithPath: path)
        while !FileManager.default.fileExists(atPath: probe.path), probe.path != "/" { probe.deleteLastPathComponent() }
        let resolved = probe.resolvingSymlinksInPath().path
        let target = resolved + String(path.dropFirst(probe.path.count))
        return target == base || target.hasPrefix(base + "/")
    }
}
