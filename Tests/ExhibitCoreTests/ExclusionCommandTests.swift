import Foundation
import Testing
@testable import ExhibitCore

/// `exhibit scan` and `exhibit export` apply the case's `exclude` annotations on works by
/// default, warn about those that exclude nothing, and drop them all with `--no-exclusions`.
@Suite struct ExclusionCommandTests {
    /// A case folder: work `W` (`MatchingTests.work100`), output `o` (`ExclusionTests.copy`),
    /// an `exclude` annotation on work words w20…w29, one on the output (excludes nothing)
    /// and a `key-passage` one (not an exclusion).
    static func makeCase() throws -> String {
        let root = try AnnotationFixtures.makeCase(works: ["W.txt": MatchingTests.work100],
                                                   outputs: ["o.txt": ExclusionTests.copy])
        let store = AnnotationStore(casePath: root)
        let work = ScalarText(MatchingTests.work100), output = ScalarText(ExclusionTests.copy)
        try store.append(Annotation.make(source: "works/W.txt", text: work, range: ExclusionTests.scalars(20...29),
                                         body: AnnotationBody(tag: "exclude", note: "quotes a third party"), id: "urn:uuid:ex-1"))
        try store.append(Annotation.make(source: "outputs/o.txt", text: output, range: 0..<2,
                                         body: AnnotationBody(tag: "exclude"), id: "urn:uuid:ex-out"))
        try store.append(Annotation.make(source: "works/W.txt", text: work, range: ExclusionTests.scalars(40...49),
                                         body: AnnotationBody(tag: "key-passage"), id: "urn:uuid:key"))
        return root
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func scanAppliesExclusionsUnlessTurnedOff() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let root = try Self.makeCase()
        defer { AnnotationFixtures.remove(root) }

        let r = try BinaryRunner.run(["scan", root, "--json", "-"])
        #expect(r.status == 0)
        let j = try Self.json(r.stdout)
        let excluded = (j["parameters"] as? [String: Any])?["excluded"] as? [[String: Any]]
        #expect(excluded?.count == 1)
        #expect(excluded?.first?["source"] as? String == "works/W.txt")
        #expect(excluded?.first?["start"] as? Int == 70 && excluded?.first?["end"] as? Int == 109)
        #expect(excluded?.first?["annotation"] as? String == "urn:uuid:ex-1")
        let work = (j["works"] as? [[String: Any]])?.first
        #expect(work?["excluded_tokens"] as? Int == 10)
        #expect(work?["strict_coverage"] as? Double == 0.444444)
        let pair = (j["pairs"] as? [[String: Any]])?.first
        #expect(pair?["matched_words"] as? Int == 40 && pair?["work_coverage"] as? Double == 0.444444)
        // The output's exclude annotation is named, with its line, as excluding nothing.
        #expect(r.stderr.contains("annotations.jsonl:2"))
        #expect(r.stderr.contains("exclude annotation urn:uuid:ex-out on outputs/o.txt is not on a work; it excludes nothing"))

        let off = try BinaryRunner.run(["scan", root, "--json", "-", "--no-exclusions"])
        #expect(off.status == 0 && !off.stderr.contains("excludes nothing"))
        let jo = try Self.json(off.stdout)
        #expect(((jo["parameters"] as? [String: Any])?["excluded"] as? [Any])?.isEmpty == true)
        #expect((jo["pairs"] as? [[String: Any]])?.first?["matched_words"] as? Int == 50)
        #expect((jo["works"] as? [[String: Any]])?.first?["strict_coverage"] as? Double == 0.5)

        let summary = try BinaryRunner.run(["scan", root])
        #expect(summary.stdout.contains("Excluded by counsel: 1 span in 1 work, 10 words left out of coverage"))
    }

    @Test func exportAppliesExclusionsUnlessTurnedOff() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let root = try Self.makeCase()
        defer { AnnotationFixtures.remove(root) }
        let args = ["export", root, "--pair", "W", "o", "--format", "text", "-o", "-"]
        let r = try BinaryRunner.run(args)
        #expect(r.status == 0)
        #expect(r.stdout.contains("excluded 1 work span (exclude annotations)"))
        #expect(r.stdout.contains("Excluded: works/W.txt [70, 109): 10 work words left out of the figures, annotation urn:uuid:ex-1"))
        #expect(r.stdout.contains("Matched words: 40"))
        #expect(r.stdout.contains("<~" + MatchingTests.words("w", 20..<30) + "~>"))
        let off = try BinaryRunner.run(args + ["--no-exclusions"])
        #expect(off.status == 0)
        #expect(off.stdout.contains("excluded none") && off.stdout.contains("Matched words: 50") && !off.stdout.contains("<~"))
    }
}
