import Foundation
@testable import ExhibitCore

/// Temporary case folders and the `exhibit` binary for the annotation tests.
enum AnnotationFixtures {
    /// A new case folder under the temporary directory with `works/<name>` files holding
    /// the given texts (written as UTF-8, byte for byte).
    static func makeCase(works: [String: String], outputs: [String: String] = [:]) throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("exhibit-annotations-\(UUID().uuidString)").path
        for (folder, files) in [("works", works), ("outputs", outputs)] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            for (name, text) in files {
                try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + folder + "/" + name))
            }
        }
        return root
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Replaces a work's text on disk.
    static func rewrite(_ casePath: String, work name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: casePath + "/works/" + name))
    }

    static func fileBytes(_ path: String) -> [UInt8] {
        (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))) ?? []
    }

    static func appendBytes(_ path: String, _ bytes: [UInt8]) throws {
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data(bytes))
        try h.close()
    }

    /// A record with fixed id and time, so tests can compare whole lines.
    static func record(_ n: Int, source: String = "works/a.txt", text: String = "The quick brown fox jumps.",
                       range: Range<Int> = 4..<9, tag: String = "key-passage", note: String = "") -> Annotation {
        try! Annotation.make(source: source, text: ScalarText(text), range: range,
                             body: AnnotationBody(tag: tag, note: note),
                             id: String(format: "urn:uuid:00000000-0000-4000-8000-%012d", n),
                             created: "2025-06-01T09:30:00.000Z", creator: "tester")
    }

    /// The built `exhibit` executable beside the test bundle (SwiftPM puts products and the
    /// test bundle in one folder), or nil when it is not there.
    static let exhibitBinary: String? = {
        var candidates: [URL] = []
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        // On macOS the test binary sits inside `X.xctest/Contents/MacOS/`.
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("exhibit"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(Fixtures.repositoryRoot.appendingPathComponent(".build/debug/exhibit"))
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let binaryMissing = "skipped: the exhibit executable was not found beside the test bundle (run `swift build` first)"
}
