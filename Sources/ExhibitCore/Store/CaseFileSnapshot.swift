import Foundation

/// The status of every file a case load reads (`case.toml`, `boilerplate.txt`, the
/// document files of `works/` and `outputs/`) and what listing the folders said, taken
/// without reading any file: the results store's stat cache (docs/results-store.md).
///
/// A scan takes one *before* loading the case; the store records, for each file whose
/// status is the same when the results are written, that status beside the file's
/// SHA-256 from the load. A later open takes a new snapshot: when the same files are
/// listed with the same problems and every status equals its row, the case's files
/// are those hashed then, and the store's key can be computed without reading them.
public struct CaseFileSnapshot: Sendable, Hashable {
    /// When the snapshot was taken (before any status was read), nanoseconds since
    /// the Unix epoch.
    public var taken: Int64
    /// Case-relative path → status, for every file a load would read; nil for a listed
    /// file whose status cannot be had (then no store row can vouch for it).
    public var files: [String: FileStat?]
    /// The problems listing the folders gave (a missing folder, a skipped file), one a
    /// line: a change there changes the report's errors or warnings.
    public var listing: String

    /// A file whose modification or status change lies less than this before the
    /// snapshot that recorded it is "racy" (git's term): written in the same clock tick
    /// as it was read, perhaps, so its status may not tell a later edit apart. Such a
    /// file is hashed again on reopening. File times come from a coarse clock (a
    /// scheduler tick) and a network file system's from another machine, hence a margin
    /// of whole seconds. Nanoseconds.
    public static let racyMargin: Int64 = 2_000_000_000

    public init(taken: Int64, files: [String: FileStat?], listing: String) {
        self.taken = taken
        self.files = files
        self.listing = listing
    }

    /// Lists the case folder at `root` (absolute) as `CaseLoader.load` does and reads
    /// the status of each file it would read.
    public static func take(root: String) -> CaseFileSnapshot {
        let taken = FileStat.now()
        var files = [String: FileStat?]()
        for name in ["case.toml", "boilerplate.txt"] where FileManager.default.fileExists(atPath: root + "/" + name) {
            files[name] = FileStat.of(path: root + "/" + name)
        }
        var errors = [CaseIssue](), warnings = [CaseIssue]()
        for (folder, role) in CaseFolderListing.folders {
            for file in CaseFolderListing.list(root: root, folder: folder, role: role, errors: &errors, warnings: &warnings) {
                files[file.path] = FileStat.of(path: file.absolutePath)
            }
        }
        let listing = (errors.map { "error \($0)" } + warnings.map { "warning \($0)" }).joined(separator: "\n")
        return CaseFileSnapshot(taken: taken, files: files, listing: listing)
    }

    /// True when a file with status `stat`, recorded by a snapshot taken at `taken`,
    /// may have been written too close to that moment for its status to be trusted.
    public static func isRacy(_ stat: FileStat, taken: Int64) -> Bool {
        max(stat.mtime, stat.ctime) > taken - racyMargin
    }
}
