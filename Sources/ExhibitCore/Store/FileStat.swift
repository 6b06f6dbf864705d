import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat(2)` says about a case file, for the results store's stat cache: a file
/// whose `FileStat` is unchanged since its SHA-256 was recorded is taken to hold the
/// same bytes (the rule git's index uses), unless its times are too close to when the
/// row was recorded (`CaseFileSnapshot.racyMargin`).
public struct FileStat: Sendable, Hashable {
    /// Size in bytes.
    public var size: Int64
    /// Last modification, nanoseconds since the Unix epoch.
    public var mtime: Int64
    /// Last status change (any write, `touch -d`, rename, chmod), nanoseconds since the
    /// Unix epoch. It cannot be set back by a user, so an edit hidden by restoring the
    /// size and modification time still changes it.
    public var ctime: Int64
    /// Inode number: a file replaced by another (an editor's save by rename) changes it.
    public var inode: Int64
    /// Device number of the file system holding it.
    public var device: Int64

    public init(size: Int64, mtime: Int64, ctime: Int64, inode: Int64, device: Int64) {
        self.size = size
        self.mtime = mtime
        self.ctime = ctime
        self.inode = inode
        self.device = device
    }

    /// The status of the file at `path` (links followed, as the case loader reads
    /// through them); nil when it cannot be had or is not a plain file.
    public static func of(path: String) -> FileStat? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStat(size: Int64(info.st_size),
                        mtime: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                        ctime: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                        inode: Int64(bitPattern: UInt64(info.st_ino)), device: Int64(bitPattern: UInt64(info.st_dev)))
    }

    /// Now on the wall clock, nanoseconds since the Unix epoch (the clock file times use).
    public static func now() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1_000_000_000 + Int64(t.tv_nsec)
    }
}
