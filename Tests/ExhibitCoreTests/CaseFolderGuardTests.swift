import Foundation
import Testing
@testable import ExhibitCore

/// `CaseFolderGuard.refusal(toWrite:)` sees through links anywhere on the path, not only
/// in its last component.
@Suite struct CaseFolderGuardTests {
    static func caseFolder() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-guard-\(UUID().uuidString)").path
        for f in ["works", "outputs"] {
            try FileManager.default.createDirectory(atPath: root + "/" + f, withIntermediateDirectories: true)
        }
        return root
    }

    @Test func aLinkedParentFolderIntoWorksIsSeenThrough() throws {
        let root = try Self.caseFolder()
        let outside = try Self.caseFolder()
        defer { try? FileManager.default.removeItem(atPath: root); try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: outside + "/worksdir", withDestinationPath: root + "/works")
        // The file does not exist yet: before, only an existing path was resolved.
        #expect(CaseFolderGuard.refusal(toWrite: outside + "/worksdir/new.json", caseRoot: root)?.contains("works/") == true)
        #expect(CaseFolderGuard.refusal(toWrite: outside + "/worksdir/sub/../new.json", caseRoot: root) != nil)
        // A dangling link whose target is in outputs/.
        try FileManager.default.createSymbolicLink(atPath: outside + "/l.json", withDestinationPath: root + "/outputs/x.json")
        #expect(CaseFolderGuard.refusal(toWrite: outside + "/l.json", caseRoot: root)?.contains("outputs/") == true)
        #expect(CaseFolderGuard.refusal(toWrite: outside + "/plain/new.json", caseRoot: root) == nil)
        #expect(CaseFolderGuard.refusal(toWrite: root + "/report.json", caseRoot: root) == nil)
        #expect(CaseFolderGuard.resolved(root + "/works/../new.json") == CaseFolderGuard.resolved(root) + "/new.json")
    }

    /// `works/` (or `outputs/`) may itself be a link to a folder elsewhere: that folder is
    /// the evidence, named through the link or by its own path.
    @Test func aWorksFolderThatIsALinkIsStillTheEvidence() throws {
        let root = try Self.caseFolder()
        let outside = try Self.caseFolder()
        defer { try? FileManager.default.removeItem(atPath: root); try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.removeItem(atPath: root + "/works")
        try FileManager.default.createSymbolicLink(atPath: root + "/works", withDestinationPath: outside + "/works")
        #expect(CaseFolderGuard.refusal(toWrite: root + "/works/results.sqlite", caseRoot: root)?.contains("works/") == true)
        #expect(CaseFolderGuard.refusal(toWrite: outside + "/works/x.json", caseRoot: root)?.contains("works/") == true)
        #expect(CaseFolderGuard.refusal(toWrite: root + "/works", caseRoot: root) != nil)
        #expect(CaseFolderGuard.refusal(toWrite: outside + "/outputs/x.json", caseRoot: root) == nil)
        #expect(CaseFolderGuard.refusal(toWrite: root + "/report.json", caseRoot: root) == nil)
    }
}
