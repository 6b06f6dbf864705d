import ExhibitCore
import Foundation

/// Paths of the import samples (`../shared/import-samples/<format>/`, or
/// `$EXHIBIT_SHARED/import-samples/<format>/`) and helpers for import tests.
enum ImportSamples {
    static var shared: String {
        ProcessInfo.processInfo.environment["EXHIBIT_SHARED"]
            ?? Fixtures.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared").path
    }

    /// The sample folder of `format`, or nil when absent.
    static func folder(_ format: String) -> String? {
        let path = shared + "/import-samples/" + format
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Why a sample test is skipped.
    static func missing(_ format: String) -> String {
        "skipped: ../shared/import-samples/\(format) is absent (set EXHIBIT_SHARED to the shared folder)"
    }


    /// Every regular file below `root`: case-relative path → bytes.
    static func snapshot(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
        for case let relative as String in walker {
            var isFolder: ObjCBool = false
            let path = root + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
                out[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return out
    }

    /// The JSON objects of a JSONL file.
    static func records(_ path: String) -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Writes `text` to `folder/name` and returns the path.
    @discardableResult
    static func write(_ text: String, _ folder: String, _ name: String) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }
}

/// Temporary folders of one test, removed when it ends.
final class ImportTemp {
    private var paths: [String] = []

    /// A new empty temporary folder.
    func folder() -> String {
        let path = NSTemporaryDirectory() + "exhibit-import-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        paths.append(path)
        return path
    }

    deinit { for path in paths { try? FileManager.default.removeItem(atPath: path) } }
}
