import Foundation
import Testing
@testable import ExhibitCore

/// Atomic writes and the no-overwrite rule, in a fresh temporary folder per test.
@Suite struct ExportWriterTests {
    static func tempFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Files in `folder` whose names start with a dot (leftover temporary files).
    static func hidden(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".") }
    }

    @Test func writesAndLeavesNoTemporaryFile() throws {
        let root = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/exports", withIntermediateDirectories: false)
        let path = root + "/exports/a.txt"
        #expect(try ExportWriter.write("one\n", to: path, overwrite: false) == path)
        #expect(Self.read(path) == "one\n")
        #expect(Self.hidden(root + "/exports").isEmpty)
    }

    /// A mistyped path or a link into a missing folder never creates folders.
    @Test func neverCreatesTheFolderOfAnExplicitDestination() throws {
        let root = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: ExportError.writeFailed(path: root + "/typo/a.txt", message: "folder \(root)/typo does not exist")) {
            try ExportWriter.write("x", to: root + "/typo/a.txt", overwrite: false)
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/l.json", withDestinationPath: root + "/missing/dir/x.json")
        #expect(throws: ExportError.self) { try ExportWriter.write("x", to: root + "/l.json", overwrite: true) }
        #expect(!FileManager.default.fileExists(atPath: root + "/typo"))
        #expect(!FileManager.default.fileExists(atPath: root + "/missing"))
    }

    @Test func neverOverwritesWithoutPermission() throws {
        let root = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/a.txt"
        try ExportWriter.write("first", to: path, overwrite: false)
        #expect(throws: ExportError.fileExists(path)) { try ExportWriter.write("second", to: path, overwrite: false) }
        #expect(Self.read(path) == "first")
        #expect(Self.hidden(root).isEmpty)
        try ExportWriter.write("third", to: path, overwrite: true)
        #expect(Self.read(path) == "third")
        #expect(Self.hidden(root).isEmpty)
    }

    @Test func aFolderInTheWayIsAnErrorNotALoss() throws {
        let root = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/dir", withIntermediateDirectories: true)
        #expect(throws: ExportError.self) { try ExportWriter.write("x", to: root + "/dir", overwrite: true) }
        var isDir: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: root + "/dir", isDirectory: &isDir) && isDir.boolValue)
        #expect(Self.hidden(root).isEmpty)
    }

    @Test func exportGoesToTheCaseExportsFolderByDefault() throws {
        let root = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var kase = ExportFixture.kase
        kase.root = root
        let r = try ExportFixture.scan(kase)
        let req = ExportRequest(selection: .pair(work: "harbor", output: "o-extract", passage: nil), format: .html,
                                options: ExportFixture.options())
        let path = try Exporter.export(req, case: kase, result: r)
        #expect(path == root + "/exports/pair-harbor--o-extract.html")
        #expect(Self.read(path) == (try Exporter.render(req, case: kase, result: r)))
        #expect(throws: ExportError.fileExists(path)) { try Exporter.export(req, case: kase, result: r) }
        #expect(try Exporter.export(req, case: kase, result: r, overwrite: true) == path)
    }

    @Test func selectionErrorsAreExplained() throws {
        let kase = ExportFixture.kase
        let r = try ExportFixture.scan()
        let render = { (s: ExportSelection, f: ExportFormat, a: [ExportAnnotation]?) in
            try Exporter.render(ExportRequest(selection: s, format: f, options: ExportFixture.options(annotations: a)),
                                case: kase, result: r)
        }
        #expect(throws: ExportError.unknownWork("nope")) { try render(.work("nope"), .text, nil) }
        #expect(throws: ExportError.unknownOutput("nope")) { try render(.pair(work: "harbor", output: "nope", passage: nil), .text, nil) }
        // A pair without passages exports its header and says so (issue 8).
        let none = try render(.pair(work: "orchard", output: "o-extract", passage: nil), .text, nil)
        #expect(none.contains("Definitions: docs/figures.md") && none.contains("no passages: the output shares no run"))
        #expect(throws: ExportError.noSuchPassage(1, count: 0)) {
            try render(.pair(work: "orchard", output: "o-extract", passage: 1), .text, nil)
        }
        #expect(throws: ExportError.noSuchPassage(2, count: 1)) { try render(.pair(work: "harbor", output: "o-extract", passage: 2), .text, nil) }
        #expect(throws: ExportError.annotationsUnavailable) { try render(.annotations(tag: nil), .text, nil) }
        #expect(throws: ExportError.self) { try render(.work("harbor"), .json, []) }
        // Without a store, the header says annotations are not included.
        #expect(try render(.work("harbor"), .text, nil).contains("Annotations: not included"))
    }
}
