import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reopening a case from its results store without reading its documents (SPEC §9,
/// "reopen at once"): the store's stat cache (`CaseFileSnapshot`) vouches that the case
/// files are those hashed by the scan that wrote it, and its case outline
/// (`CaseOutlineCodec`) gives what the report needs of the case besides the texts.
///
/// Anything that does not match exactly — a file added, removed or whose status
/// differs, another listing problem, `case.toml` or `boilerplate.txt` hashing otherwise,
/// a store without a stat cache — gives nil, and the caller loads the case in full as
/// before. A file written within `CaseFileSnapshot.racyMargin` of the recording is hashed
/// again rather than trusted on its status.
public enum StoredCase {
    /// The case at `root` (absolute, as `CaseLoader.checkOpenable` gives it) rebuilt from
    /// the store at `location`: its settings and boilerplate read from `case.toml` and
    /// `boilerplate.txt` as a load does, its files, errors, warnings and documents from
    /// the store. Every document's `text` is empty and its `prompt` nil: the result is
    /// for the key (`StoreKey`), the reports (`ScanReport`, `SummaryTable`) and `--where`
    /// filters, not for matching or showing texts.
    /// - Returns: nil when the store cannot vouch for every file of the case as it stands.
    public static func reopen(root: String, location: StoreLocation) -> Case? {
        var info = stat()
        guard lstat(location.file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        guard let stored = try? ResultsStore.caseRecord(location.file) else { return nil }
        // Settings first, then the statuses: a change to case.toml after it is read
        // shows in its status, one before it in its hash.
        guard let settings = try? CaseLoader.load(path: root, documentFiles: []) else { return nil }
        let outline: (files: [CaseFile], errors: [CaseIssue], warnings: [CaseIssue], works: [Document], outputs: [Document])
        do { outline = try CaseOutlineCodec.decode(stored.outline) } catch { return nil }
        let hashes = Dictionary(outline.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for f in settings.files where hashes[f.path] != f.sha256 { return nil }
        let now = CaseFileSnapshot.take(root: root)
        guard now.listing == stored.listing, now.files.count == hashes.count, stored.rows.count == hashes.count else {
            return nil
        }
        var rehashed = false, racyNow = false
        for (path, current) in now.files {
            guard let current, let row = stored.rows[path], let sha256 = hashes[path], row.sha256 == sha256,
                  row.stat == current else { return nil }
            if CaseFileSnapshot.isRacy(row.stat, taken: stored.taken) {
                guard let bytes = try? FileReading.contents(ofFile: root + "/" + path),
                      FileHashing.sha256Hex(bytes) == sha256 else { return nil }
                rehashed = true
            }
            if CaseFileSnapshot.isRacy(current, taken: now.taken) { racyNow = true }
        }
        // Every row now holds as of `now.taken`; unless a file is racy even then, record
        // that time, so the files hashed again here are trusted on their status next time.
        if rehashed && !racyNow { ResultsStore.refreshStatsTaken(location.file, taken: now.taken) }
        return Case(root: root, settings: settings.settings, works: outline.works, outputs: outline.outputs,
                    boilerplate: settings.boilerplate, files: outline.files, errors: outline.errors,
                    warnings: outline.warnings)
    }

    /// The annotations of a case given by `reopen`, anchored as `CaseAnnotations.load`
    /// anchors them in a full load: only the files holding annotated documents are read
    /// (none when the case has no annotations), and only when they still hash as the
    /// store recorded.
    /// - Returns: nil when an annotated document's file changed meanwhile (load the
    ///   case in full then).
    /// - Throws: `AnnotationError.io` when `annotations.jsonl` exists but cannot be read.
    public static func annotations(of outline: Case, store: (any AnnotationRecordStore)? = nil) throws -> CaseAnnotations? {
        let log = try (store ?? AnnotationStore(casePath: outline.root)).read()
        let sources = Set(log.records.map(\.annotation.target.source))
        let annotated = (outline.works + outline.outputs).filter { sources.contains($0.source) }
        guard !annotated.isEmpty else { return CaseAnnotations(log: log, documents: []) }
        guard let partial = try? CaseLoader.load(path: outline.root, documentFiles: Set(annotated.map(\.path))) else {
            return nil
        }
        let hashes = Dictionary(outline.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        for f in partial.files where hashes[f.path] != f.sha256 { return nil }
        // Only the documents a full load keeps: a duplicate id kept here because the file
        // with its first occurrence was not read is left out.
        let kept = Set(annotated.map { [$0.source, $0.path, $0.line.map(String.init) ?? ""] })
        let documents = (partial.works + partial.outputs).filter {
            kept.contains([$0.source, $0.path, $0.line.map(String.init) ?? ""])
        }
        guard documents.count == annotated.count else { return nil }
        return CaseAnnotations(log: log, documents: documents)
    }
}
