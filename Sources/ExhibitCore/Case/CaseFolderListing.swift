import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A document file found in `works/` or `outputs/`.
struct DocumentFile: Sendable {
    enum Format: Sendable { case wholeText, jsonLines }

    var role: DocumentRole
    /// Path below `works/` or `outputs/`, e.g. `a.txt` or `old/chapter-1.txt`.
    var name: String
    /// Case-relative path, e.g. `works/old/chapter-1.txt`.
    var path: String
    var absolutePath: String
    var format: Format
    /// `name` without its extension: the id of a whole-file document (`old/chapter-1`).
    var stem: String
}

/// Lists the document files of a case folder (SPEC §1).
///
/// `.txt` and `.md` are whole-file documents, `.jsonl` one document per line
/// (extensions compared case-insensitively). Sub-folders are searched too, so a
/// document's id is its path below `works/` or `outputs/`. Hidden entries (name
/// starting with `.`) are skipped silently; other files are ignored with a warning. A
/// symbolic link is followed only when it resolves inside the case folder (or inside
/// the folder `works/` or `outputs/` itself links to) and does not
/// lead back into a folder being listed: one that points outside, nowhere, or into a
/// loop is an error naming it, and is not followed. An entry with a document extension
/// is listed even when it turns out not to be a readable file, so that it gets an error.
enum CaseFolderListing {
    static let folders: [(name: String, role: DocumentRole)] = [("works", .work), ("outputs", .output)]

    static func format(ofExtension ext: String) -> DocumentFile.Format? {
        switch ext.lowercased() {
        case "txt", "md": return .wholeText
        case "jsonl": return .jsonLines
        default: return nil
        }
    }

    /// The document files of `folder` under `root` and its sub-folders, sorted by
    /// path; problems go to `errors` and `warnings`.
    static func list(root: String, folder: String, role: DocumentRole,
                     errors: inout [CaseIssue], warnings: inout [CaseIssue]) -> [DocumentFile] {
        let fm = FileManager.default
        let absolute = root + "/" + folder
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: absolute, isDirectory: &isFolder) else {
            errors.append(CaseIssue(path: folder, message: "folder \(folder)/ is missing: no \(folder) loaded"))
            return []
        }
        guard isFolder.boolValue else {
            errors.append(CaseIssue(path: folder, message: "\(folder) is not a folder: no \(folder) loaded"))
            return []
        }
        // works/ may itself be a link (to a shared corpus): links inside it may then
        // stay inside its target too.
        let roots = [realPath(root) ?? root, realPath(absolute)].compactMap { $0 }
        var walk = Walk(role: role, allowedRoots: roots)
        walk.visit(absolute: absolute, relative: "", folder: folder)
        errors += walk.errors
        warnings += walk.warnings
        if walk.files.isEmpty {
            warnings.append(CaseIssue(path: folder, message: "folder \(folder)/ holds no documents"))
        }
        return walk.files.sorted { $0.path < $1.path }
    }

    /// One recursive listing of `works/` or `outputs/`.
    private struct Walk {
        let role: DocumentRole
        /// The case folder and the listed folder, every symbolic link resolved: a link
        /// may point anywhere below them.
        let allowedRoots: [String]
        var files: [DocumentFile] = []
        var errors: [CaseIssue] = []
        var warnings: [CaseIssue] = []
        /// Resolved paths of the folders being listed, from the top down (a link back
        /// into one of them is a loop).
        var open: [String] = []

        init(role: DocumentRole, allowedRoots: [String]) {
            self.role = role
            self.allowedRoots = allowedRoots
        }

        /// Lists the folder at `absolute`, which is `folder` + `/` + `relative` (the
        /// part below `works/` or `outputs/`, empty at the top).
        mutating func visit(absolute: String, relative: String, folder: String) {
            let here = relative.isEmpty ? folder : folder + "/" + relative
            guard let real = realPath(absolute) else {
                errors.append(CaseIssue(path: here, message: "cannot read folder \(here)/: \(String(cString: strerror(errno)))"))
                return
            }
            open.append(real)
            defer { open.removeLast() }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: absolute)
            } catch {
                errors.append(CaseIssue(path: here, message: "cannot read folder \(here)/: \(error.localizedDescription)"))
                return
            }
            for name in names.sorted() where !name.hasPrefix(".") {
                let below = relative.isEmpty ? name : relative + "/" + name
                let path = folder + "/" + below
                let entry = absolute + "/" + name
                var info = stat()
                guard lstat(entry, &info) == 0 else {
                    errors.append(CaseIssue(path: path, message: "cannot read: \(String(cString: strerror(errno)))"))
                    continue
                }
                var kind = info.st_mode & S_IFMT
                if kind == S_IFLNK {
                    guard let target = followable(link: entry, path: path) else { continue }
                    guard stat(target, &info) == 0 else { continue }
                    kind = info.st_mode & S_IFMT
                    if kind == S_IFDIR, open.contains(target) {
                        errors.append(CaseIssue(path: path, message: "symbolic link loops back to a folder it is in: not followed"))
                        continue
                    }
                }
                if kind == S_IFDIR {
                    visit(absolute: entry, relative: below, folder: folder)
                    continue
                }
                if let dot = name.lastIndex(of: "."), dot != name.startIndex,
                   let format = format(ofExtension: String(name[name.index(after: dot)...])) {
                    let stem = String(below.dropLast(name.distance(from: dot, to: name.endIndex)))
                    files.append(DocumentFile(role: role, name: below, path: path, absolutePath: entry, format: format,
                                              stem: stem))
                    continue
                }
                warnings.append(CaseIssue(path: path, message: "file ignored: documents are .txt, .md or .jsonl files"))
            }
        }

        /// The resolved target of the link at `link`, or nil (with an error) when it
        /// points nowhere, loops, or leaves the case folder.
        mutating func followable(link: String, path: String) -> String? {
            guard let target = realPath(link) else {
                let reason = errno == ELOOP ? "loops (too many levels of links)"
                    : errno == ENOENT ? "points to nothing" : String(cString: strerror(errno))
                errors.append(CaseIssue(path: path, message: "symbolic link \(reason): not followed"))
                return nil
            }
            guard allowedRoots.contains(where: { target == $0 || target.hasPrefix($0 == "/" ? "/" : $0 + "/") }) else {
                errors.append(CaseIssue(path: path, message: "symbolic link points outside the case folder: not followed"))
                return nil
            }
            return target
        }
    }

    /// realpath(3): `path` with every symbolic link, `.` and `..` resolved; nil (errno
    /// set) when that fails.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
