import Foundation
import Testing
@testable import ExhibitCore

/// Incremental scans (SPEC §9): when only outputs were added, changed or removed, only
/// those are scanned and the pooled figures computed again; the result is byte for byte
/// that of a full scan.
@Suite struct IncrementalScanTests {
    /// A writable copy of the case folder at `path`.
    static func copy(_ path: String) throws -> TempCase {
        let c = try TempCase(works: false, outputs: false)
        for name in try FileManager.default.contentsOfDirectory(atPath: path) where !name.hasPrefix(".") {
            try FileManager.default.copyItem(atPath: path + "/" + name, toPath: c.root + "/" + name)
        }
        // The shared case is read-only; its copy must take new outputs.
        let files = FileManager.default.enumerator(atPath: c.root)?.allObjects as? [String] ?? []
        chmod(c.root, 0o755)
        for f in files { chmod(c.root + "/" + f, 0o755) }
        return c
    }

    /// Scans `c` through a store, applies `change`, scans again through the store; returns
    /// the JSON of that incremental scan, of a full scan of the changed case, of the store
    /// read back afterwards, how many stored outputs could be taken over and the notices.
    static func incremental(_ c: TempCase, change: () throws -> Void) throws
        -> (incremental: String, full: String, stored: String, reusable: Int, notices: [String]) {
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let settings = StoreSettings(directory: dir)
        let before = try c.load()
        _ = try StoredScanner.result(case: before, options: ScanOptions(settings: before.settings, threads: 2),
                                     settings: settings)
        try change()
        let kase = try c.load()
        let options = ScanOptions(settings: kase.settings, threads: 2)
        let key = StoreKey(case: kase, options: options, noExclusions: false)
        let reusable = ResultsStore.reusableOutputs(StoreLocation(directory: dir), key: key)?.count ?? -1
        var notices = [String]()
        let incremental = try StoredScanner.result(case: kase, options: options, settings: settings,
                                                   notice: { notices.append($0.text) })
        let full = try Scanner.scan(kase, options: options)
        guard case .current(let stored) = ResultsStore.lookup(StoreLocation(directory: dir), key: key, options: options) else {
            Issue.record("the store was not rewritten current")
            return ("", "", "", reusable, notices)
        }
        return (ResultsStoreTests.json(kase, incremental), ResultsStoreTests.json(kase, full),
                ResultsStoreTests.json(kase, stored), reusable, notices)
    }

    static func check(_ r: (incremental: String, full: String, stored: String, reusable: Int, notices: [String]),
                      reusable: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.reusable == reusable, sourceLocation: sourceLocation)
        #expect(r.notices.contains { $0.contains("outputs changed") }, "\(r.notices)", sourceLocation: sourceLocation)
        #expect(r.incremental.contains("\"pairs\"") && r.incremental == r.full, sourceLocation: sourceLocation)
        #expect(r.stored == r.full, sourceLocation: sourceLocation)
    }

    @Test func anOutputAddedIsScannedAloneAndEqualsAFullScan() throws {
        let c = try ResultsStoreTests.smallCase()
        let r = try Self.incremental(c) {
            try c.write("outputs/new.txt", "new text " + (20..<45).map { "word\($0)" }.joined(separator: " "))
        }
        Self.check(r, reusable: 2)
        #expect(r.full.contains("\"new\""))
    }

    @Test func anOutputChangedOrRemovedEqualsAFullScan() throws {
        let c = try ResultsStoreTests.smallCase()
        try c.write("outputs/short.txt", "word1 word2")
        let changed = try Self.incremental(c) {
            try c.write("outputs/runs.jsonl", """
                {"id": "o1", "model": "m-a", "method": "extraction", "work": "w", "prompt": "word0 word1 word2 word3 word4 word5", "output": "\((6..<50).map { "word\($0)" }.joined(separator: " "))"}
                {"id": "o2", "model": "m-b", "output": "\((30..<59).map { "word\($0)" }.joined(separator: " "))"}

                """)
        }
        Self.check(changed, reusable: 3)
        let removed = try Self.incremental(c) { try FileManager.default.removeItem(atPath: c.root + "/outputs/short.txt") }
        Self.check(removed, reusable: 3)
        #expect(!removed.full.contains("short"))
    }

    @Test func demoWithAnOutputFileAddedEqualsAFullScan() throws {
        let c = try Self.copy(Fixtures.demoCase)
        let lines = try String(contentsOfFile: c.root + "/outputs/demo-runs.jsonl", encoding: .utf8)
        let stored = try c.load().outputs.count
        let r = try Self.incremental(c) {
            try c.write("outputs/more.jsonl", lines.replacingOccurrences(of: "{\"id\": \"", with: "{\"id\": \"more-"))
        }
        Self.check(r, reusable: stored)
        #expect(r.full.contains("more-o-extract-harbor"))
    }

    @Test func realCaseWithAnOutputFileAddedEqualsAFullScan() throws {
        guard let path = Fixtures.recapNovels else { print(Fixtures.recapMissing); return }
        let c = try Self.copy(path)
        let files = try FileManager.default.contentsOfDirectory(atPath: c.root + "/outputs").sorted()
        let first = try String(contentsOfFile: c.root + "/outputs/" + files[0], encoding: .utf8)
        let some = first.split(separator: "\n").prefix(40).joined(separator: "\n") + "\n"
        let stored = try c.load().outputs.count
        let r = try Self.incremental(c) {
            try c.write("outputs/added.jsonl", some.replacingOccurrences(of: "{\"id\": \"", with: "{\"id\": \"added/"))
        }
        Self.check(r, reusable: stored)
        #expect(r.full.contains("\"added/"))
    }

    /// The stored results are taken over, not recomputed: a stored output given token
    /// data and no pairs keeps them, though a scan of its text would find a pair.
    /// (The planted data has an echo mark, so it is worth keeping without a pair.)
    @Test func storedOutputsAreTakenOverNotScannedAgain() throws {
        let c = try ResultsStoreTests.smallCase()
        let kase = try c.load()
        let o1 = try #require(kase.outputs.first { $0.id == "o1" })
        let planted = DocumentTokens(starts: [0, 5], ends: [4, 9], boilerplate: [false, false], echo: [true, false])
        let r = try Scanner.scan(kase, options: ScanOptions(),
                                 reusing: [OutputFingerprint.of(o1): StoredOutput(tokens: planted, attempts: [], pairs: [])])
        let i = try #require(r.outputs.firstIndex { $0.id == "o1" })
        #expect(r.outputTokens[i] == planted && r.outputs[i].tokens == 2 && r.outputs[i].echoTokens == 1)
        #expect(!r.pairs.contains { $0.output == i })
        #expect(r.pairs.contains { r.outputs[$0.output].id == "o2" })
    }

    /// A stored output without token data (no pair, no mark) is taken over with its
    /// stored counts, not those of its empty token data.
    @Test func storedCountsAreTakenOverWithoutTokenData() throws {
        let c = try ResultsStoreTests.smallCase()
        let kase = try c.load()
        let o1 = try #require(kase.outputs.first { $0.id == "o1" })
        let stored = StoredOutput(tokens: .empty, attempts: [], pairs: [], tokenCount: 7, echoTokens: 3)
        let r = try Scanner.scan(kase, options: ScanOptions(), reusing: [OutputFingerprint.of(o1): stored])
        let i = try #require(r.outputs.firstIndex { $0.id == "o1" })
        #expect(r.outputTokens[i] == .empty && r.outputs[i].tokens == 7 && r.outputs[i].echoTokens == 3)
    }

    @Test func fingerprintsFollowEverythingAnOutputsResultsDependOn() throws {
        let c = try ResultsStoreTests.smallCase()
        let o = try #require(try c.load().outputs.first)
        let base = OutputFingerprint.of(o)
        #expect(OutputFingerprint.of(o) == base)
        var changed = o
        changed.text += " x"
        #expect(OutputFingerprint.of(changed) != base)
        changed = o
        changed.prompt = nil
        #expect(OutputFingerprint.of(changed) != base)
        changed = o
        changed.metadata = changed.metadata.filter { $0.key != "model" }
        #expect(OutputFingerprint.of(changed) != base)
        changed = o
        changed.line = (o.line ?? 0) + 1
        #expect(OutputFingerprint.of(changed) != base)
    }

    @Test func onlyOutputChangesAllowAnIncrementalScan() throws {
        let c = try ResultsStoreTests.smallCase()
        let before = StoreKey(case: try c.load(), options: ScanOptions(), noExclusions: false)
        try c.write("outputs/new.txt", "word1 word2 word3 word4 word5 word6 word7")
        let added = StoreKey(case: try c.load(), options: ScanOptions(), noExclusions: false)
        #expect(added != before && added.differsOnlyInOutputs(from: before.text))
        var options = ScanOptions()
        options.match.minWords = 8
        #expect(!StoreKey(case: try c.load(), options: options, noExclusions: false).differsOnlyInOutputs(from: before.text))
        #expect(!StoreKey(case: try c.load(), options: ScanOptions(), noExclusions: false, engineVersion: "9")
            .differsOnlyInOutputs(from: before.text))
        #expect(!StoreKey(case: try c.load(), options: ScanOptions(), noExclusions: true).differsOnlyInOutputs(from: before.text))
        try c.write("boilerplate.txt", "word1 word2 word3 word4 word5 word6")
        #expect(!StoreKey(case: try c.load(), options: ScanOptions(), noExclusions: false).differsOnlyInOutputs(from: added.text))
        try FileManager.default.removeItem(atPath: c.root + "/boilerplate.txt")
        #expect(StoreKey(case: try c.load(), options: ScanOptions(), noExclusions: false).differsOnlyInOutputs(from: added.text))
        try c.write("works/v.txt", "other0 other1 edited")
        #expect(!StoreKey(case: try c.load(), options: ScanOptions(), noExclusions: false).differsOnlyInOutputs(from: added.text))
    }
}
