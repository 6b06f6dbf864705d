import Foundation

/// A case rebuilt from its results store with only the changed output files read
/// (`StoredCase.reopenChangingOutputs`), for an incremental scan.
public struct ReopenedCase: Sendable {
    /// The case as a full load gives it, except that documents of unchanged files come
    /// from the store's outline (empty `text`, nil `prompt`): every work, and the
    /// outputs of unchanged files. Outputs of new or changed files are read in full.
    public var kase: Case
    /// The statuses taken before the changed files were read (the stat cache to store).
    public var snapshot: CaseFileSnapshot
    /// Parallel to `kase.outputs`: the index of an output among the stored outline's
    /// outputs when it comes from an unchanged file, nil when it was read now.
    public var outlineIndex: [Int?]
    /// SHA-256 of the stored case outline record it was rebuilt from: the stored
    /// outputs taken over must come from the same store (`StoredOutputs.outlineDigest`).
    var outlineDigest: String
}

extension StoredCase {
    /// The case at `root` (absolute) with only its new or changed output files read:
    /// when the store at `location` has a stat cache vouching for every works file (and
    /// `case.toml` and `boilerplate.txt` hash as recorded) and only files under
    /// `outputs/` were added, changed or removed, the unchanged files' documents, errors
    /// and warnings are taken from the store's outline and the rest is read as
    /// `CaseLoader.load` reads it; the result is what a full load gives, texts aside.
    ///
    /// Only where that is certain: not when a listing problem changed, when the stored
    /// case had a duplicate output id (which file keeps an id could change), or when an
    /// output read now has the id of an unchanged one.
    /// - Returns: nil otherwise (load the case in full), and when nothing changed
    ///   (`reopen` is the way then).
    public static func reopenChangingOutputs(root: String, location: StoreLocation) -> ReopenedCase? {
        var info = stat()
        guard lstat(location.file, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
              let stored = try? ResultsStore.caseRecord(location.file),
              let outline = try? CaseOutlineCodec.decode(stored.outline) else { return nil }
        guard !outline.errors.contains(where: { CaseLoader.isDuplicateId($0, role: .output) }) else { return nil }
        let hashes = Dictionary(outline.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        let now = CaseFileSnapshot.take(root: root)
        guard now.listing == stored.listing else { return nil }
        let settingsFiles: Set<String> = ["case.toml", "boilerplate.txt"]
        var unchanged = Set<String>(), changed = Set<String>()
        for (path, current) in now.files where !settingsFiles.contains(path) {
            if let current, let row = stored.rows[path], let sha256 = hashes[path], row.sha256 == sha256,
               row.stat == current, !CaseFileSnapshot.isRacy(row.stat, taken: stored.taken) || Self.hashes(root, path, sha256) {
                unchanged.insert(path)
            } else if path.hasPrefix("outputs/") {
                changed.insert(path)
            } else {
                return nil
            }
        }
        // Every works file of the stored case must still be there (unchanged, as above).
        let removed = hashes.keys.filter { !settingsFiles.contains($0) && !unchanged.contains($0) && now.files[$0] == nil }
        guard removed.allSatisfy({ $0.hasPrefix("outputs/") }), !changed.isEmpty || !removed.isEmpty,
              let read = try? CaseLoader.load(path: root, documentFiles: changed) else { return nil }
        // case.toml and boilerplate.txt: the same files, hashing as recorded.
        let readSettings = read.files.filter { settingsFiles.contains($0.path) }
        guard Set(readSettings.map(\.path)) == Set(hashes.keys.filter(settingsFiles.contains)),
              readSettings.allSatisfy({ hashes[$0.path] == $0.sha256 }) else { return nil }

        let kept = outline.outputs.indices.filter { unchanged.contains(outline.outputs[$0].path) }
        let keptIds = Set(kept.map { outline.outputs[$0].id })
        guard !read.outputs.contains(where: { keptIds.contains($0.id) }) else { return nil }
        var outputs = kept.map { (outline.outputs[$0], Optional($0)) } + read.outputs.map { ($0, Int?.none) }
        outputs.sort { $0.0.id < $1.0.id }
        let isUnchanged: (CaseIssue) -> Bool = { unchanged.contains($0.path) }
        let kase = Case(
            root: root, settings: read.settings, works: outline.works, outputs: outputs.map(\.0),
            boilerplate: read.boilerplate,
            files: (read.files + outline.files.filter { unchanged.contains($0.path) }).sorted { $0.path < $1.path },
            errors: (read.errors + outline.errors.filter(isUnchanged)).sorted(by: CaseLoader.issueOrder),
            warnings: (read.warnings + outline.warnings.filter(isUnchanged)).sorted(by: CaseLoader.issueOrder))
        return ReopenedCase(kase: kase, snapshot: now, outlineIndex: outputs.map(\.1),
                            outlineDigest: FileHashing.sha256Hex(stored.outline))
    }

    /// True when the file at `path` under `root` hashes to `sha256` (a racy file's check).
    private static func hashes(_ root: String, _ path: String, _ sha256: String) -> Bool {
        guard let bytes = try? FileReading.contents(ofFile: root + "/" + path) else { return false }
        return FileHashing.sha256Hex(bytes) == sha256
    }
}
