import Foundation
import Testing
@testable import ExhibitCore

/// A hostile case's `exports` link cannot redirect exports out of the case or into its
/// evidence; the default folder is the one rule the CLI, the screen and reports share.
@Suite struct ExportsFolderGuardTests {
    static func caseFolder() throws -> String { try CaseFolderGuardTests.caseFolder() }

    static func export(_ root: String) throws -> String {
        var kase = ExportFixture.kase
        kase.root = root
        let r = try ExportFixture.scan(kase)
        let req = ExportRequest(selection: .pair(work: "harbor", output: "o-extract", passage: nil), format: .text,
                                options: ExportFixture.options())
        return try Exporter.export(req, case: kase, result: r)
    }

    static func files(_ folder: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    }

    @Test func anExportsLinkToWorksIsRefused() throws {
        let root = try Self.caseFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/exports", withDestinationPath: "works")
        #expect(CaseFolderGuard.refusal(ofExportsFolderIn: root)?.contains("evidence") == true)
        #expect(throws: ExportError.self) { try Self.export(root) }
        #expect(Self.files(root + "/works").isEmpty)
    }

    @Test func anExportsLinkOutOfTheCaseIsRefused() throws {
        let root = try Self.caseFolder()
        let elsewhere = try Self.caseFolder()
        defer { try? FileManager.default.removeItem(atPath: root); try? FileManager.default.removeItem(atPath: elsewhere) }
        try FileManager.default.createSymbolicLink(atPath: root + "/exports", withDestinationPath: elsewhere)
        #expect(CaseFolderGuard.refusal(ofExportsFolderIn: root)?.contains("outside the case") == true)
        #expect(throws: ExportError.self) { try Self.export(root) }
        #expect(Self.files(elsewhere).sorted() == ["outputs", "works"])
        // A dangling link or a plain file named exports: refused too.
        try FileManager.default.removeItem(atPath: root + "/exports")
        try FileManager.default.createSymbolicLink(atPath: root + "/exports", withDestinationPath: elsewhere + "/missing")
        #expect(CaseFolderGuard.refusal(ofExportsFolderIn: root) != nil)
        #expect(throws: ExportError.self) { try Self.export(root) }
        #expect(!FileManager.default.fileExists(atPath: elsewhere + "/missing"))
        try FileManager.default.removeItem(atPath: root + "/exports")
        try Data("x".utf8).write(to: URL(fileURLWithPath: root + "/exports"))
        #expect(CaseFolderGuard.refusal(ofExportsFolderIn: root)?.contains("not a folder") == true)
    }

    @Test func aFolderOrALinkInsideTheCaseIsUsed() throws {
        let root = try Self.caseFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(CaseFolderGuard.refusal(ofExportsFolderIn: root) == nil)   // missing: created
        #expect(try Self.export(root).hasPrefix(root + "/exports/"))
        try FileManager.default.removeItem(atPath: root + "/exports")
        try FileManager.default.createDirectory(atPath: root + "/out", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: root + "/exports", withDestinationPath: "out")
        #expect(CaseFolderGuard.refusal(ofExportsFolderIn: root) == nil)
        _ = try Self.export(root)
        #expect(Self.files(root + "/out").count == 1)
    }
}
