import Foundation

/// Paths of the fixtures tests read: the bundled demo case and the shared real case.
enum Fixtures {
    /// The repository root, found from this file's path.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `Cases/demo` in the repository.
    static var demoCase: String { repositoryRoot.appendingPathComponent("Cases/demo").path }

    /// `../shared/cases/recap-novels` beside the checkout (or `$EXHIBIT_SHARED/cases/recap-novels`),
    /// or nil when it is absent.
    static var recapNovels: String? {
        let shared = ProcessInfo.processInfo.environment["EXHIBIT_SHARED"]
            ?? repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        let path = shared + "/cases/recap-novels"
        return FileManager.default.fileExists(atPath: path + "/works") ? path : nil
    }

    /// Why real-case tests are skipped, printed once.
    static let recapMissing = "skipped: ../shared/cases/recap-novels is absent (set EXHIBIT_SHARED to the shared folder)"
}
