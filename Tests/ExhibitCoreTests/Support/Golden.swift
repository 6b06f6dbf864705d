import Foundation
import Testing

/// Golden files: expected export text under `Tests/ExhibitCoreTests/Golden/`, compared
/// byte for byte. To (re)generate them after a deliberate change, run
///
///     EXHIBIT_UPDATE_GOLDEN=1 swift test --filter Export
///
/// then read the diff (`git diff Tests/ExhibitCoreTests/Golden`) by hand before committing:
/// a golden file is only as good as the one reading that checked it.
enum Golden {
    static let folder = Fixtures.repositoryRoot.appendingPathComponent("Tests/ExhibitCoreTests/Golden")

    /// True when `EXHIBIT_UPDATE_GOLDEN=1`: goldens are written instead of compared.
    static var updating: Bool { ProcessInfo.processInfo.environment["EXHIBIT_UPDATE_GOLDEN"] == "1" }

    /// Compares `text` with golden `name` (a path under `Golden/`), or writes it when updating.
    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name)
        if updating {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do { try Data(text.utf8).write(to: url) } catch {
                Issue.record("cannot write golden \(name): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("golden \(name) is missing; run EXHIBIT_UPDATE_GOLDEN=1 swift test --filter Export and check it by hand",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != text else { return }
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        let want = line < a.count ? String(a[line]) : "(end of file)"
        let got = line < b.count ? String(b[line]) : "(end of file)"
        let message = "\(name) differs at line \(line + 1):\n  golden: \(want)\n  actual: \(got)\n"
            + "(EXHIBIT_UPDATE_GOLDEN=1 rewrites goldens; check the diff by hand)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
