import Foundation
import Testing
@testable import ExhibitCore

/// The works' sidecar of the results store (`WorksSidecar`) and the scan that reads only
/// changed output files (`StoredCase.reopenChangingOutputs`, `StoredScanner.reopened`):
/// what they give is byte for byte a full scan's, and a sidecar that cannot be trusted
/// is never used.
@Suite struct WorksSidecarTests {
    /// A store written through `StoredScanner.result` (so with its sidecar) for the case
    /// in `c`, as `exhibit scan` writes it (snapshot first).
    static func scanThroughStore(_ c: TempCase, dir: String) throws {
        let root = try CaseLoader.checkOpenable(path: c.root)
        let snapshot = CaseFileSnapshot.take(root: root)
        let kase = try CaseLoader.load(path: root)
        _ = try StoredScanner.result(case: kase, options: ScanOptions(settings: kase.settings, threads: 2),
                                     settings: StoreSettings(directory: dir), snapshot: snapshot)
    }

    /// The JSON of a full scan of the case in `c` as it stands.
    static func fullJSON(_ c: TempCase) throws -> String {
        let kase = try c.load()
        return ResultsStoreTests.json(kase, try Scanner.scan(kase, options: ScanOptions(settings: kase.settings, threads: 2)))
    }

    /// The JSON of the scan reading only changed output files, or nil when it declined.
    static func reopenedJSON(_ c: TempCase, dir: String) throws -> String? {
        let root = try CaseLoader.checkOpenable(path: c.root)
        guard let reopened = StoredCase.reopenChangingOutputs(root: root, location: StoreLocation(directory: dir)) else {
            return nil
        }
        let options = ScanOptions(settings: reopened.kase.settings, threads: 2)
        guard let result = try StoredScanner.reopened(reopened, options: options, settings: StoreSettings(directory: dir))
        else { return nil }
        return ResultsStoreTests.json(reopened.kase, result)
    }

    /// The JSON of a scan through the store of the case loaded in full (the fallback).
    static func storedJSON(_ c: TempCase, dir: String) throws -> String {
        let kase = try c.load()
        let result = try StoredScanner.result(case: kase, options: ScanOptions(settings: kase.settings, threads: 2),
                                              settings: StoreSettings(directory: dir))
        return ResultsStoreTests.json(kase, result)
    }

    static func generated() throws -> TempCase {
        let c = try TempCase()
        try GeneratedCase.write(into: c)
        try c.write("boilerplate.txt", GeneratedCase.boilerplate + "\n")
        return c
    }

    /// New outputs: copies of some stored ones under new ids, one a line.
    static func moreOutputs(_ c: TempCase, from file: String) throws -> String {
        let lines = try String(contentsOfFile: c.root + "/" + file, encoding: .utf8)
        return lines.replacingOccurrences(of: "{\"id\": \"", with: "{\"id\": \"more-")
    }

    @Test func theSidecarHoldsTheWorksAsAScanPreparesThem() throws {
        let c = try Self.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.scanThroughStore(c, dir: dir)
        let kase = try c.load()
        let options = ScanOptions(settings: kase.settings, threads: 2)
        let key = StoreKey(case: kase, options: options, noExclusions: false)
        let read = try #require(WorksSidecar.read(StoreLocation(directory: dir), key: key, case: kase, options: options))
        var warnings = [CaseIssue]()
        let fresh = try MatchEngine.prepare(kase: kase, works: kase.works, outputs: kase.outputs, options: options,
                                            allWorks: kase.works.map(\.id), globalWork: Array(kase.works.indices),
                                            global: nil, control: nil, progress: nil, warnings: &warnings).prepared
        #expect(read.vocabulary.tokensById == fresh.vocabulary.tokensById)
        #expect(read.starts == fresh.starts && read.ends == fresh.ends)
        #expect(read.spans == fresh.spans && !read.spans.isEmpty && read.threshold == fresh.threshold)
        let a = read.index, b = fresh.index
        #expect(a.ids == b.ids && a.workStarts == b.workStarts && a.boilerplate == b.boilerplate)
        #expect(a.boilerplate.contains(true))
        // The sidecar holds no table: it is rebuilt for the k-grams asked.
        #expect(!a.complete && b.complete)
    }

    /// An index restricted to some k-grams answers every lookup of those exactly as the
    /// index of every k-gram does, whatever the thread count, and finds nothing else.
    @Test func aRestrictedIndexAnswersAsTheWholeIndexForTheKGramsAsked() throws {
        let kase = try Self.generated().load()
        let options = ScanOptions(settings: kase.settings, threads: 2)
        var warnings = [CaseIssue]()
        let engine = try MatchEngine.prepare(kase: kase, works: kase.works, outputs: kase.outputs, options: options,
                                             allWorks: kase.works.map(\.id), globalWork: Array(kase.works.indices),
                                             global: nil, control: nil, progress: nil, warnings: &warnings)
        let whole = engine.prepared.index
        let k = whole.k, hasher = KGramHash(k: k)
        // Every k-gram of every third output, and of one work, asked.
        let asked = kase.outputs.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        var only = MatchEngine.kgramHashes(of: asked, tokenizer: engine.tokenizer, vocabulary: engine.vocabulary, k: k,
                                           threads: 1)
        whole.ids.withUnsafeBufferPointer { buf in
            hasher.forEachWindow(UnsafeBufferPointer(rebasing: buf[whole.workStarts[0]..<whole.workStarts[1]])) { _, h in
                only.insert(h)
            }
        }
        var allHashes = [UInt64]()
        whole.ids.withUnsafeBufferPointer { buf in hasher.forEachWindow(buf) { _, h in allHashes.append(h) } }
        for threads in [1, 2, 3] {
            let part = whole.restricted(to: only, threshold: engine.threshold, threads: threads)
            #expect(!part.complete && part.boilerplate == whole.boilerplate)
            var answered = 0
            for h in allHashes {
                let a = part.lookup(h), b = whole.lookup(h)
                guard only.contains(h) else {
                    #expect(a == nil)
                    continue
                }
                guard let a, let b else {
                    #expect(a == nil && b == nil)
                    continue
                }
                answered += 1
                #expect(a.count == b.count && a.weight == b.weight && a.frequent == b.frequent && a.lead == b.lead)
                #expect((0..<a.count).map { part.posting(a.first + $0) } == (0..<b.count).map { whole.posting(b.first + $0) })
            }
            #expect(answered > 0 && answered < allHashes.count)
        }
    }

    @Test func generatedCaseWithAnOutputFileAddedEqualsAFullScan() throws {
        let c = try Self.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.scanThroughStore(c, dir: dir)
        #expect(FileManager.default.fileExists(atPath: dir + "/" + WorksSidecar.fileName))
        try c.write("outputs/more.jsonl", try Self.moreOutputs(c, from: "outputs/runs.jsonl"))
        let reopened = try #require(try Self.reopenedJSON(c, dir: dir))
        let full = try Self.fullJSON(c)
        #expect(reopened.contains("more-r05") && reopened == full)
        // The store it wrote is current for the case, and reopens as it stands.
        let stored = try Self.storedJSON(c, dir: dir)
        #expect(stored == full)
    }

    @Test func demoWithOutputFilesAddedChangedAndRemovedEqualsAFullScan() throws {
        let c = try IncrementalScanTests.copy(Fixtures.demoCase)
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.scanThroughStore(c, dir: dir)
        try c.write("outputs/more.jsonl", try Self.moreOutputs(c, from: "outputs/demo-runs.jsonl"))
        let added = try #require(try Self.reopenedJSON(c, dir: dir))
        let fullAdded = try Self.fullJSON(c)
        #expect(added.contains("more-o-extract-harbor") && added == fullAdded)
        // The store now holds more.jsonl: change it, then remove it.
        try c.write("outputs/more.jsonl", try Self.moreOutputs(c, from: "outputs/demo-runs.jsonl")
            .replacingOccurrences(of: "more-", with: "again-"))
        let changed = try #require(try Self.reopenedJSON(c, dir: dir))
        let fullChanged = try Self.fullJSON(c)
        #expect(changed.contains("again-o-extract-harbor") && !changed.contains("more-") && changed == fullChanged)
        try FileManager.default.removeItem(atPath: c.root + "/outputs/more.jsonl")
        let removed = try #require(try Self.reopenedJSON(c, dir: dir))
        let fullRemoved = try Self.fullJSON(c)
        #expect(!removed.contains("again-") && removed == fullRemoved)
    }

    /// A damaged sidecar — a byte changed, cut short, someone else's bytes, or another
    /// case's — is not used: the scan falls back to tokenizing the works, same results.
    @Test func aSidecarThatCannotBeTrustedIsNotUsed() throws {
        let damages: [(String, (inout [UInt8]) -> Void)] = [
            ("byte changed", { $0[$0.count / 2] ^= 0x40 }),
            ("checksum changed", { $0[$0.count - 1] ^= 0x01 }),
            ("truncated", { $0.removeLast($0.count / 3) }),
            ("empty", { $0 = [] }),
            ("foreign", { $0 = Array("not a sidecar at all, just text".utf8) }),
        ]
        for (what, damage) in damages {
            let c = try Self.generated()
            let dir = try ResultsStoreTests.tempFolder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try Self.scanThroughStore(c, dir: dir)
            let file = dir + "/" + WorksSidecar.fileName
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            damage(&bytes)
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            try c.write("outputs/more.jsonl", try Self.moreOutputs(c, from: "outputs/runs.jsonl"))
            let kase = try c.load()
            let options = ScanOptions(settings: kase.settings, threads: 2)
            let key = StoreKey(case: kase, options: options, noExclusions: false)
            #expect(WorksSidecar.read(StoreLocation(directory: dir), key: key, case: kase, options: options) == nil, "\(what)")
            let reopened = try Self.reopenedJSON(c, dir: dir)
            #expect(reopened == nil, "\(what)")
            let stored = try Self.storedJSON(c, dir: dir), full = try Self.fullJSON(c)
            #expect(stored == full, "\(what)")
            // The fallback wrote a good sidecar again.
            #expect(WorksSidecar.read(StoreLocation(directory: dir), key: key, case: kase, options: options) != nil, "\(what)")
        }
    }

    /// A sidecar path taken by a folder is never replaced, and the scan says so.
    @Test func aSidecarPathThatIsNoPlainFileIsSaid() throws {
        let c = try Self.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = dir + "/" + WorksSidecar.fileName
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let kase = try c.load()
        var notices = [StoreNotice]()
        _ = try StoredScanner.result(case: kase, options: ScanOptions(settings: kase.settings, threads: 2),
                                     settings: StoreSettings(directory: dir), notice: { notices.append($0) })
        #expect(notices.contains { $0.isWarning && $0.text.contains("works' sidecar") && $0.text.contains("not a plain file") })
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) && isFolder.boolValue)
        #expect(FileManager.default.fileExists(atPath: dir + "/" + StoreLocation.fileName))
    }

    @Test func anotherCasesSidecarIsNotUsed() throws {
        let c = try Self.generated(), other = try ResultsStoreTests.smallCase()
        let dir = try ResultsStoreTests.tempFolder(), otherDir = try ResultsStoreTests.tempFolder()
        defer { for d in [dir, otherDir] { try? FileManager.default.removeItem(atPath: d) } }
        try Self.scanThroughStore(c, dir: dir)
        try Self.scanThroughStore(other, dir: otherDir)
        let file = "/" + WorksSidecar.fileName
        try FileManager.default.removeItem(atPath: dir + file)
        try FileManager.default.copyItem(atPath: otherDir + file, toPath: dir + file)
        try c.write("outputs/more.jsonl", try Self.moreOutputs(c, from: "outputs/runs.jsonl"))
        let reopened = try Self.reopenedJSON(c, dir: dir)
        #expect(reopened == nil)
        let stored = try Self.storedJSON(c, dir: dir), full = try Self.fullJSON(c)
        #expect(stored == full)
    }

    /// A work edited: the stored works no longer hold, so neither the reopen nor the
    /// sidecar is used, and the full scan gives the edited work's results.
    @Test func aWorkEditedInvalidatesTheSidecar() throws {
        let c = try Self.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.scanThroughStore(c, dir: dir)
        let before = try c.load()
        let options = ScanOptions(settings: before.settings, threads: 2)
        try c.write("works/w02.txt", "an edited work " + (0..<40).map { "edit\($0)" }.joined(separator: " "))
        try c.write("outputs/more.jsonl", try Self.moreOutputs(c, from: "outputs/runs.jsonl"))
        let kase = try c.load()
        let key = StoreKey(case: kase, options: options, noExclusions: false)
        #expect(StoredCase.reopenChangingOutputs(root: kase.root, location: StoreLocation(directory: dir)) == nil)
        #expect(WorksSidecar.read(StoreLocation(directory: dir), key: key, case: kase, options: options) == nil)
        let stored = try Self.storedJSON(c, dir: dir), full = try Self.fullJSON(c)
        #expect(stored == full)
        // A changed parameter too.
        var other = options
        other.match.minWords = 7
        let otherKey = StoreKey(case: kase, options: other, noExclusions: false)
        #expect(WorksSidecar.read(StoreLocation(directory: dir), key: otherKey, case: kase, options: other) == nil)
    }

    /// A new output file whose id is that of an unchanged output: which one a full load
    /// keeps depends on the file order, so the case is loaded in full.
    @Test func aNewOutputWithAnUnchangedOnesIdLoadsInFull() throws {
        let c = try Self.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.scanThroughStore(c, dir: dir)
        try c.write("outputs/a-first.jsonl", "{\"id\": \"r05\", \"output\": \"the same id as a stored output\"}\n")
        let reopened = try Self.reopenedJSON(c, dir: dir)
        #expect(reopened == nil)
        let full = try Self.fullJSON(c), stored = try Self.storedJSON(c, dir: dir)
        #expect(full.contains("duplicate output id") && stored == full)
    }
}
