import Foundation

/// Case folders written for a test, removed afterwards.
enum TempCase {
    /// A new empty folder.
    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    /// A copy of `Cases/demo` (tests that write annotations must not touch the original).
    static func copyDemo() throws -> String {
        let dir = try folder() + "/demo"
        try FileManager.default.copyItem(atPath: AppFixture.demoCase, toPath: dir)
        return dir
    }

    /// A case whose one output copies three separate stretches of its one
    /// work, in a different order (work tokens 60–69, then 5–14, then
    /// 30–39), with ten unrelated words between them: three passages.
    static func threePassages() throws -> String {
        let dir = try folder()
        try FileManager.default.createDirectory(atPath: dir + "/works", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/outputs", withIntermediateDirectories: true)
        let work = (0..<80).map { "w\($0)" }
        func words(_ r: Range<Int>) -> String { r.map { work[$0] }.joined(separator: " ") }
        func filler(_ p: String) -> String { (0..<10).map { "\(p)\($0)" }.joined(separator: " ") }
        try (words(0..<40) + ".\n\n" + words(40..<80) + ".\n").write(toFile: dir + "/works/w.txt", atomically: true, encoding: .utf8)
        let output = [filler("a"), words(60..<70), filler("b"), words(5..<15), filler("c"), words(30..<40), filler("d")]
            .joined(separator: " ")
        let line = "{\"id\": \"o1\", \"model\": \"m\", \"output\": \"\(output)\"}\n"
        try line.write(toFile: dir + "/outputs/o.jsonl", atomically: true, encoding: .utf8)
        return dir
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
