import Foundation

/// Why a case could not be opened at all.
public struct CaseOpenError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) { self.path = path; self.message = message }
    public var description: String { "\(path): \(message)" }
}

/// Loads a case folder per SPEC §1. (Stub: reads works/*.txt and outputs/*.txt only.)
public enum CaseLoader {
    /// Loads the case at `path`.
    /// - Throws: `CaseOpenError` when `path` is not a readable folder.
    public static func load(path: String) throws -> Case {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw CaseOpenError(path: path, message: "not a case folder")
        }
        var c = Case(root: path)
        for (folder, role) in [("works", DocumentRole.work), ("outputs", .output)] {
            let names = (try? fm.contentsOfDirectory(atPath: path + "/" + folder))?.sorted() ?? []
            for n in names where n.hasSuffix(".txt") {
                let text = (try? String(contentsOfFile: path + "/" + folder + "/" + n, encoding: .utf8)) ?? ""
                let d = Document(id: String(n.dropLast(4)), role: role, path: folder + "/" + n, text: text)
                if role == .work { c.works.append(d) } else { c.outputs.append(d) }
            }
        }
        return c
    }
}
