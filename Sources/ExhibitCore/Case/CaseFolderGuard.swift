import Foundation

/// Keeps Exhibit's own writes (reports, exports) out of a case's evidence: SPEC §1 says
/// nothing in `works/` or `outputs/` is ever modified, and a report written there would
/// also be read back as a document by the next scan.
public enum CaseFolderGuard {
    /// Why writing `path` would touch the case's evidence or settings, or nil when it is
    /// safe. Protected: anything under `works/` or `outputs/`, and `case.toml`,
    /// `boilerplate.txt`, `annotations.jsonl`. Paths are compared after resolving `.`,
    /// `..` and symbolic links of the existing part.
    public static func refusal(toWrite path: String, caseRoot: String) -> String? {
        let root = resolved(caseRoot)
        let target = resolved(path)
        for folder in ["works", "outputs"] where target == root + "/" + folder || target.hasPrefix(root + "/" + folder + "/") {
            return "\(path) is inside the case's \(folder)/ folder, which Exhibit never modifies"
        }
        for file in ["case.toml", "boilerplate.txt", "annotations.jsonl"] where target == root + "/" + file {
            return "\(path) is the case's \(file)"
        }
        return nil
    }

    private static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
