import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps Exhibit's own writes (reports, exports) out of a case's evidence: SPEC §1 says
/// nothing in `works/` or `outputs/` is ever modified, and a report written there would
/// also be read back as a document by the next scan.
public enum CaseFolderGuard {
    /// Name of the default export folder inside the case.
    public static let exportsFolderName = "exports"

    /// Why writing `path` would touch the case's evidence or settings, or nil when it is
    /// safe. Protected: anything under `works/` or `outputs/`, and `case.toml`,
    /// `boilerplate.txt`, `annotations.jsonl`. Paths are compared after resolving `.`,
    /// `..` and the symbolic links of every existing component (`realpath(3)` of the
    /// deepest existing folder, then a dangling last link followed), so a link to
    /// `works/` anywhere on the way is seen through.
    public static func refusal(toWrite path: String, caseRoot: String) -> String? {
        let root = resolved(caseRoot)
        let target = resolved(path)
        for folder in ["works", "outputs"] {
            // The folder as named and where it really is: `works/` may itself be a
            // symbolic link to a folder elsewhere, which is the evidence just the same.
            let places = Set([root + "/" + folder, resolved(root + "/" + folder)])
            if places.contains(where: { target == $0 || target.hasPrefix($0 + "/") }) {
                return "\(path) is inside the case's \(folder)/ folder, which Exhibit never modifies"
            }
        }
        for file in ["case.toml", "boilerplate.txt", "annotations.jsonl"]
        where target == root + "/" + file || target == resolved(root + "/" + file) {
            return "\(path) is the case's \(file)"
        }
        return nil
    }

    /// Why the default export folder `<caseRoot>/exports` must not be used, or nil when
    /// it may: it must be missing (it is then created as a folder), a folder, or a
    /// symbolic link whose resolved target is a folder inside the case and not in (or
    /// equal to) `works/` or `outputs/`. A hostile case cannot so redirect exports out of
    /// the case or into its evidence.
    public static func refusal(ofExportsFolderIn caseRoot: String) -> String? {
        let root = resolved(caseRoot)
        let folder = (caseRoot.hasSuffix("/") ? caseRoot : caseRoot + "/") + exportsFolderName
        var info = stat()
        guard lstat(folder, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return nil
        case S_IFLNK:
            guard let target = realPath(folder) else {
                return "\(folder) is a symbolic link to a folder that does not exist; exports not written (give -o FILE)"
            }
            guard target.hasPrefix(root + "/") else {
                return "\(folder) is a symbolic link to \(target), outside the case; exports not written (give -o FILE)"
            }
            var st = stat()
            guard stat(target, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
                return "\(folder) is a symbolic link to \(target), which is not a folder; exports not written"
            }
            if refusal(toWrite: target + "/x", caseRoot: caseRoot) != nil {
                return "\(folder) is a symbolic link into the case's evidence (\(target)); exports not written"
            }
            return nil
        default:
            return "\(folder) is not a folder; exports not written (give -o FILE)"
        }
    }

    /// `path` made absolute with `.`, `..` and symbolic links resolved as far as it
    /// exists; the missing rest is appended as written.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return resolve(absolute, links: 0)
    }

    private static func resolve(_ path: String, links: Int) -> String {
        if let real = realPath(path) { return real }
        var parts = path.split(separator: "/").map(String.init)
        guard let name = parts.popLast() else { return "/" }
        let parentPath = "/" + parts.joined(separator: "/")
        // A dangling link as the last component: the write would follow it.
        var info = stat()
        if links < 40, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, let target = readLink(path) {
            return resolve(target.hasPrefix("/") ? target : parentPath + "/" + target, links: links + 1)
        }
        let parent = resolve(parentPath, links: links)
        switch name {
        case ".": return parent
        case "..":
            var up = parent.split(separator: "/")
            _ = up.popLast()
            return "/" + up.joined(separator: "/")
        default: return (parent == "/" ? "" : parent) + "/" + name
        }
    }

    /// `realpath(3)`, or nil when some component does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
