import Foundation
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// A copy of `Cases/demo` in a temporary folder for tests that write into the
/// case (annotations, exports): the repository's copy is never written.
struct DemoCopy {
    /// The copied case folder.
    let path: String

    init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-annot-ui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("demo").path
        try FileManager.default.copyItem(atPath: AppFixture.demoCase, toPath: path)
        // A stray annotations file in the repository's demo must not leak into the tests.
        try? FileManager.default.removeItem(atPath: path + "/annotations.jsonl")
        try? FileManager.default.removeItem(atPath: path + "/exports")
    }

    /// Removes the copy.
    func remove() {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// The records of the copy's `annotations.jsonl`, in file order.
    func records() throws -> [Annotation] {
        try AnnotationStore(casePath: path).read().records.map(\.annotation)
    }

    /// The raw lines of `annotations.jsonl`.
    func lines() throws -> [String] {
        let text = (try? String(contentsOfFile: path + "/annotations.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// A model of the copy with its scan finished.
    func scanned(size: Size = AppFixture.size, theme: String = "default-dark") throws -> AppModel {
        try AppFixture.scanned(path, size: size, theme: theme)
    }
}

extension AppModel {
    /// From the overview, opens the pair of `output` (in the pairs table).
    mutating func openPair(output: String) throws {
        press(.tab)
        guard let row = overview.pairRows.firstIndex(where: { $0.outputId == output }) else {
            throw DemoCopyError.notListed(output)
        }
        for _ in 0..<row { press(.character("j")) }
        press(.enter)
    }

    /// From the overview, opens the reconstruction of work `work`.
    mutating func openReconstruction(work: String) throws {
        guard let row = overview.workRows.firstIndex(where: { $0.id == work }) else { throw DemoCopyError.notListed(work) }
        for _ in 0..<row { press(.character("j")) }
        press(.enter)
    }
}

enum DemoCopyError: Error { case notListed(String) }

/// The demo's texts, as the case loads them.
enum DemoText {
    /// The output text of `o-extract-harbor` (263 scalars, ASCII).
    static var extractHarbor: String {
        get throws {
            let kase = try CaseLoader.load(path: AppFixture.demoCase)
            return kase.outputs.first { $0.id == "o-extract-harbor" }!.text
        }
    }

    /// Scalars `range` of `text`.
    static func slice(_ text: String, _ range: Range<Int>) -> String {
        ScalarText(text).string(range)
    }
}
