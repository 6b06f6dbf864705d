import Foundation
import Testing
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
        // Tab moves to the pairs table; g to its first row.
        if overview.focus != .pairs { press(.tab) }
        press(.character("g"))
        guard let row = overview.pairRows.firstIndex(where: { $0.outputId == output }) else {
            throw DemoCopyError.notListed(output)
        }
        for _ in 0..<row { press(.character("j")) }
        press(.enter)
    }

    /// From the overview, opens the reconstruction of work `work`.
    mutating func openReconstruction(work: String) throws {
        if overview.focus == .pairs { press(.tab) }
        press(.character("g"))
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

extension DemoCopy {
    /// Appends a record made as `AnnotationEditing` makes them, but with a
    /// fixed id, time and creator (stable snapshots).
    @discardableResult
    func add(_ source: String, _ range: Range<Int>, tag: String, note: String = "", creator: String,
             id: String, created: String = "2025-06-01T09:30:00.000Z") throws -> Annotation {
        let kase = try CaseLoader.load(path: path)
        let doc = try #require((kase.works + kase.outputs).first { $0.source == source })
        let a = try Annotation.make(source: source, text: ScalarText(doc.text), range: range,
                                    body: AnnotationBody(tag: tag, note: note), id: id, created: created, creator: creator)
        try AnnotationStore(casePath: path).append(a)
        return a
    }

    /// Four annotations by two people on two works and two outputs, and one
    /// whose document is not in the case (orphaned).
    func addFour() throws {
        try add("works/harbor-lights.txt", 58..<279, tag: "key-passage", note: "the opening, near verbatim",
                creator: "alice", id: "urn:uuid:00000000-0000-4000-8000-000000000001")
        try add("outputs/demo-runs.jsonl#o-extract-harbor", 0..<94, tag: "quotation-not-original", creator: "bob",
                id: "urn:uuid:00000000-0000-4000-8000-000000000002", created: "2025-06-02T10:00:00.000Z")
        try add("works/orchard-strike.md", 28..<64, tag: "key-passage", note: "headline", creator: "bob",
                id: "urn:uuid:00000000-0000-4000-8000-000000000003", created: "2025-06-03T11:00:00.000Z")
        try add("outputs/demo-runs.jsonl#o-echo", 0..<20, tag: "follow-up", note: "ask about the prompt", creator: "alice",
                id: "urn:uuid:00000000-0000-4000-8000-000000000004", created: "2025-06-04T12:00:00.000Z")
    }

    /// A record on a document the case does not have: orphaned, shown with its quote.
    func addOrphan() throws {
        let target = AnnotationTarget(source: "works/withdrawn.txt", sha256: String(repeating: "0", count: 64),
                                      position: TextPositionSelector(start: 10, end: 30),
                                      quote: TextQuoteSelector(exact: "a sentence now gone", prefix: "", suffix: ""))
        try AnnotationStore(casePath: path).append(
            Annotation(id: "urn:uuid:00000000-0000-4000-8000-000000000005", created: "2025-06-05T13:00:00.000Z",
                       creator: "carol", target: target, body: AnnotationBody(tag: "follow-up", note: "file removed")))
    }
}
