import Foundation
import Testing
@testable import ExhibitCore

/// `exhibit scan` as a user runs it: exit status, summary, JSON shape.
@Suite struct ScanCommandTests {
    @Test func missingCaseFailsWithOneLine() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let r = try BinaryRunner.run(["scan", "/nonexistent/case"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("/nonexistent/case"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func demoScanPrintsSummaryAndJSONInFixedOrder() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let r = try BinaryRunner.run(["scan", Fixtures.demoCase, "--json", "-"])
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect(object?["pairs"] is [Any])
        // Top-level keys appear in the SPEC's order.
        let keys = ["\"engine\"", "\"parameters\"", "\"case\"", "\"files\"", "\"errors\"", "\"warnings\"",
                    "\"works\"", "\"outputs\"", "\"pairs\""]
        let positions = keys.map { r.stdout.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let summary = try BinaryRunner.run(["scan", Fixtures.demoCase])
        #expect(summary.status == 0)
        #expect(summary.stdout.contains("Works by strict coverage"))
        #expect(summary.stdout.contains("not a legal conclusion"))
    }

    @Test func reportsNeverOverwriteTheCasesEvidence() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try TempCase()
        try c.write("works/a.txt", "alpha beta gamma delta epsilon zeta eta")
        try c.write("case.toml", "title = \"t\"\n")
        for target in ["works/a.txt", "outputs/new.json", "case.toml"] {
            let r = try BinaryRunner.run(["scan", c.root, "--json", c.root + "/" + target])
            #expect(r.status == 1)
            #expect(r.stderr.contains("refused"))
        }
        #expect(try String(contentsOfFile: c.root + "/works/a.txt", encoding: .utf8).hasPrefix("alpha"))
        #expect(!FileManager.default.fileExists(atPath: c.root + "/outputs/new.json"))
        let e = try BinaryRunner.run(["export", Fixtures.demoCase, "--work", "orchard-strike", "--format", "text",
                                      "-o", Fixtures.demoCase + "/outputs/x.txt"])
        #expect(e.status == 1 && e.stderr.contains("refused"))
    }

    @Test func aFolderWithoutWorksOrOutputsIsNotACase() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try TempCase(works: false, outputs: false)
        let r = try BinaryRunner.run(["scan", c.root])
        #expect(r.status == 1 && r.stderr.contains("no works/ and no outputs/"))
    }

    @Test func caseTextOnStderrIsMadeVisible() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try TempCase()
        try c.write("works/a.txt", "alpha beta gamma")
        try c.write("outputs/r.jsonl", "{\"id\": \"x\\u001b[2J\", \"output\": \"one\"}\n{\"id\": \"x\\u001b[2J\", \"output\": \"two\"}\n")
        let r = try BinaryRunner.run(["scan", c.root, "--where", "model=\u{1B}]0;title\u{07}"])
        #expect(r.status == 0)
        #expect(!r.stderr.contains("\u{1B}") && !r.stdout.contains("\u{1B}"))
        #expect(r.stderr.contains("␛[2J"))          // the duplicate id, visible
        #expect(r.stderr.contains("no output has the metadata field 'model'"))
    }

    @Test func badArgumentsAreRejected() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        #expect(try BinaryRunner.run(["scan", Fixtures.demoCase, "--where", "novalue"]).status != 0)
        #expect(try BinaryRunner.run(["scan", Fixtures.demoCase, "--min-identity", "2"]).status != 0)
    }
}

/// Same inputs and parameters give byte-identical JSON, whatever the thread count.
@Suite struct DeterminismTests {
    /// A generated case: 12 works of pseudo-words, 60 outputs mixing copies with edits.
    static func generatedCase(seed: UInt64) -> Case {
        var rng = SeededGenerator(seed: seed)
        let vocabulary = (0..<400).map { "v\($0)" }
        func words(_ n: Int) -> [String] { (0..<n).map { _ in vocabulary[Int(rng.next() % 400)] } }
        let works = (0..<12).map { w in
            Document(id: "w\(w)", role: .work, path: "works/w\(w).txt", text: words(300).joined(separator: " "))
        }
        var outputs = [Document]()
        for o in 0..<60 {
            var text = words(Int(rng.next() % 40))
            let src = works[Int(rng.next() % 12)].text.split(separator: " ").map(String.init)
            let start = Int(rng.next() % 200), len = 10 + Int(rng.next() % 90)
            var copy = Array(src[start..<min(src.count, start + len)])
            for i in stride(from: 7, to: copy.count, by: 11 + Int(rng.next() % 20)) { copy[i] = "edit" }
            text += copy + words(Int(rng.next() % 30))
            outputs.append(Document(id: String(format: "o%03d", o), role: .output, path: "outputs/o.jsonl", line: o + 1,
                                    text: text.joined(separator: " "), prompt: src[0..<8].joined(separator: " "),
                                    metadata: [MetadataEntry(key: "model", value: "m\(o % 3)")]))
        }
        return Case(root: "/gen", works: works, outputs: outputs)
    }

    static func json(_ kase: Case, threads: Int) throws -> String {
        var options = ScanOptions(settings: kase.settings, threads: threads)
        options.threads = threads
        return ScanReport.json(case: kase, result: try Scanner.scan(kase, options: options)).serialized(indent: 1)
    }

    @Test func generatedCaseIsIdenticalAcrossRunsAndThreads() throws {
        let kase = Self.generatedCase(seed: 7)
        let one = try Self.json(kase, threads: 1)
        #expect(one.contains("\"passages\""))
        #expect(try Self.json(kase, threads: 1) == one)
        #expect(try Self.json(kase, threads: 2) == one)
        #expect(try Self.json(kase, threads: 5) == one)
    }

    @Test func realCaseIsIdenticalAcrossThreads() throws {
        guard let path = Fixtures.recapNovels else {
            print(Fixtures.recapMissing)
            return
        }
        let kase = try CaseLoader.load(path: path)
        let one = try Self.json(kase, threads: 1)
        #expect(try Self.json(kase, threads: 2) == one)
    }
}
