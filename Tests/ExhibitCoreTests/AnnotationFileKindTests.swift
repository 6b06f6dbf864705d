import Foundation
import Testing
@testable import ExhibitCore

/// A hostile `annotations.jsonl`: a FIFO, a folder or a link out of the case is refused by
/// name, for reading and appending alike, and never opened in blocking mode.
@Suite struct AnnotationFileKindTests {
    @Test func aFIFOIsRefusedWithoutHanging() throws {
        let dir = try AnnotationFixtures.makeCase(works: [:])
        defer { AnnotationFixtures.remove(dir) }
        let store = AnnotationStore(casePath: dir)
        #expect(mkfifo(store.path, 0o644) == 0)
        // Before the fix, read() blocked forever in open(2) waiting for a writer.
        #expect(throws: AnnotationError.notRegularFile(path: store.path)) { try store.read() }
        #expect(throws: AnnotationError.notRegularFile(path: store.path)) { try store.append(AnnotationFixtures.record(1)) }
        #expect(AnnotationError.notRegularFile(path: store.path).description.contains("not a regular file"))
    }

    @Test func aFolderIsRefused() throws {
        let dir = try AnnotationFixtures.makeCase(works: [:])
        defer { AnnotationFixtures.remove(dir) }
        let store = AnnotationStore(casePath: dir)
        try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: false)
        #expect(throws: AnnotationError.notRegularFile(path: store.path)) { try store.read() }
        #expect(throws: AnnotationError.notRegularFile(path: store.path)) { try store.append(AnnotationFixtures.record(1)) }
    }

    @Test func aLinkOutOfTheCaseIsNeitherReadNorAppendedTo() throws {
        let dir = try AnnotationFixtures.makeCase(works: [:])
        let elsewhere = try AnnotationFixtures.makeCase(works: [:])
        defer { AnnotationFixtures.remove(dir); AnnotationFixtures.remove(elsewhere) }
        let foreign = elsewhere + "/foreign.jsonl"
        let line = AnnotationJSON.line(AnnotationFixtures.record(1)) + "\n"
        try Data(line.utf8).write(to: URL(fileURLWithPath: foreign))
        let store = AnnotationStore(casePath: dir)
        try FileManager.default.createSymbolicLink(atPath: store.path, withDestinationPath: foreign)

        #expect(throws: AnnotationError.self) { try store.read() }
        #expect(throws: AnnotationError.self) { try store.append(AnnotationFixtures.record(2)) }
        #expect(AnnotationFixtures.fileBytes(foreign) == Array(line.utf8))   // untouched
        do {
            try store.append(AnnotationFixtures.record(2))
        } catch let e as AnnotationError {
            guard case .linkOutsideCase(let path, let target) = e else { Issue.record("\(e)"); return }
            #expect(path == store.path)
            #expect(target?.hasSuffix("/foreign.jsonl") == true)
            #expect(e.description.contains("outside the case folder"))
        }
    }

    @Test func aDanglingLinkIsRefusedAndNothingIsCreated() throws {
        let dir = try AnnotationFixtures.makeCase(works: [:])
        defer { AnnotationFixtures.remove(dir) }
        let store = AnnotationStore(casePath: dir)
        let missing = "/tmp/exhibit-missing-\(UUID().uuidString).jsonl"
        try FileManager.default.createSymbolicLink(atPath: store.path, withDestinationPath: missing)
        #expect(throws: AnnotationError.linkOutsideCase(path: store.path, target: nil)) {
            try store.append(AnnotationFixtures.record(1))
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aLinkInsideTheCaseIsFollowed() throws {
        let dir = try AnnotationFixtures.makeCase(works: [:])
        defer { AnnotationFixtures.remove(dir) }
        let store = AnnotationStore(casePath: dir)
        try Data().write(to: URL(fileURLWithPath: dir + "/notes.jsonl"))
        try FileManager.default.createSymbolicLink(atPath: store.path, withDestinationPath: "notes.jsonl")
        try store.append(AnnotationFixtures.record(1))
        #expect(try store.read().records.map(\.annotation) == [AnnotationFixtures.record(1)])
        #expect(AnnotationFixtures.fileBytes(dir + "/notes.jsonl").count > 0)
    }
}
