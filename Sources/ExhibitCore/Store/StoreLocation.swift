import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a case's results store lives (SPEC §9): `<case>/.exhibit/results.sqlite`;
/// `--store DIR` puts it in DIR instead; when the case folder cannot hold it (read-only,
/// or `.exhibit` is no folder it can write), a per-user cache folder:
/// `$XDG_CACHE_HOME/exhibit/<key>/`, else `~/.cache/exhibit/<key>/`, where `<key>` is
/// the first 16 hex digits of the SHA-256 of the case's absolute path.
public struct StoreLocation: Sendable, Hashable {
    /// The folder holding the store.
    public var directory: String
    /// True when the case folder could not hold it and the cache folder is used.
    public var isCacheFallback: Bool

    /// The store file: `directory/results.sqlite`.
    public var file: String { directory + "/" + Self.fileName }

    public static let fileName = "results.sqlite"

    public init(directory: String, isCacheFallback: Bool = false) {
        self.directory = directory
        self.isCacheFallback = isCacheFallback
    }

    /// The store of the case at `caseRoot`.
    /// - Parameters:
    ///   - store: `--store DIR`, used as given when set.
    ///   - environment: for `XDG_CACHE_HOME` and `HOME`.
    ///   - canHold: whether a folder path can hold the store (exists as a writable folder,
    ///     or can be created in a writable parent); injectable for tests, since root
    ///     may write anywhere.
    public static func resolve(caseRoot: String, store: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               canHold: (String) -> Bool = StoreLocation.canHold) -> StoreLocation {
        if let store { return StoreLocation(directory: store) }
        let inCase = caseRoot + "/.exhibit"
        if canHold(inCase) { return StoreLocation(directory: inCase) }
        let base: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        }
        let absolute = URL(fileURLWithPath: caseRoot).standardizedFileURL.path
        let name = String(FileHashing.sha256Hex(utf8: absolute).prefix(16))
        return StoreLocation(directory: base + "/exhibit/" + name, isCacheFallback: true)
    }

    /// What the screen and the commands say when the store is in the cache folder: why
    /// (its `.exhibit` folder in the case is read-only, is not a folder, or cannot be
    /// created because the case folder is read-only) and where it is.
    public var fallbackText: String {
        "the case's .exhibit folder is read-only, not a folder, or cannot be created; results store in \(directory)"
    }

    /// True when `path` is a writable folder, or is absent and its parent is a writable
    /// folder (so it can be created). A folder whose mode grants write to nobody
    /// (`chmod a-w`) counts as read-only even for root, whom `access` always allows:
    /// a case made read-only on purpose keeps its folder untouched.
    public static func canHold(_ path: String) -> Bool {
        var info = stat()
        if lstat(path, &info) == 0 {
            return info.st_mode & S_IFMT == S_IFDIR && writable(path, info)
        }
        let parent = (path as NSString).deletingLastPathComponent
        guard stat(parent, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return false }
        return writable(parent, info)
    }

    private static func writable(_ path: String, _ info: stat) -> Bool {
        info.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH) != 0 && access(path, W_OK) == 0
    }
}
