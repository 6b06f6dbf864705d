import Foundation

/// A document file found in `works/` or `outputs/`.
struct DocumentFile: Sendable {
    enum Format: Sendable { case wholeText, jsonLines }

    var role: DocumentRole
    /// File name, e.g. `a.txt`.
    var name: String
    /// Case-relative path, e.g. `works/a.txt`.
    var path: String
    var absolutePath: String
    var format: Format
    /// The file name without its extension: the id of a whole-file document.
    var stem: String
}

/// Lists the document files of a case folder (SPEC §1).
///
/// `.txt` and `.md` are whole-file documents, `.jsonl` one document per line
/// (extensions compared case-insensitively). Hidden entries (name starting with `.`)
/// are skipped silently; other files and subfolders are ignored with a warning (the
/// folders are not searched recursively). An entry with a document extension is
/// listed even when it turns out not to be a readable file, so that it gets an error.
enum CaseFolderListing {
    static let folders: [(name: String, role: DocumentRole)] = [("works", .work), ("outputs", .output)]

    static func format(ofExtension ext: String) -> DocumentFile.Format? {
        switch ext.lowercased() {
        case "txt", "md": return .wholeText
        case "jsonl": return .jsonLines
        default: return nil
        }
    }

    /// The document files of `folder` under `root`, sorted by name; problems go to
    /// `errors` and `warnings`.
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
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: absolute)
        } catch {
            errors.append(CaseIssue(path: folder, message: "cannot read folder \(folder)/: \(error.localizedDescription)"))
            return []
        }
        var files: [DocumentFile] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            let entry = absolute + "/" + name
            if let dot = name.lastIndex(of: "."), dot != name.startIndex,
               let format = format(ofExtension: String(name[name.index(after: dot)...])) {
                files.append(DocumentFile(role: role, name: name, path: path, absolutePath: entry, format: format,
                                          stem: String(name[..<dot])))
                continue
            }
            var isSubfolder: ObjCBool = false
            _ = fm.fileExists(atPath: entry, isDirectory: &isSubfolder)
            let message = isSubfolder.boolValue
                ? "subfolder ignored: documents must sit directly in \(folder)/"
                : "file ignored: documents are .txt, .md or .jsonl files"
            warnings.append(CaseIssue(path: path, message: message))
        }
        if files.isEmpty {
            warnings.append(CaseIssue(path: folder, message: "folder \(folder)/ holds no documents"))
        }
        return files
    }
}
