import Foundation
import GRDB
import Testing
@testable import ExhibitCore

/// The results store (SPEC §9): a current store gives the scan's results byte for
/// byte; any change to what results depend on makes it stale; a damaged or foreign
/// file is never trusted.
@Suite struct ResultsStoreTests {
    static func tempFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "exhibit-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func json(_ kase: Case, _ result: ScanResult) -> String {
        ScanReport.json(case: kase, result: result).serialized(indent: 1)
    }

    /// A small case with a pair, an echo, an attempt and two models.
    static func smallCase() throws -> TempCase {
        let c = try TempCase()
        let words = (0..<60).map { "word\($0)" }.joined(separator: " ")
        try c.write("works/w.txt", words)
        try c.write("works/v.txt", (0..<40).map { "other\($0)" }.joined(separator: " "))
        try c.write("outputs/runs.jsonl", """
            {"id": "o1", "model": "m-a", "method": "extraction", "work": "w", "prompt": "word0 word1 word2 word3 word4 word5", "output": "\((6..<50).map { "word\($0)" }.joined(separator: " "))"}
            {"id": "o2", "model": "m-b", "output": "intro \((10..<30).map { "word\($0)" }.joined(separator: " ")) and \((0..<12).map { "other\($0)" }.joined(separator: " "))"}

            """)
        return c
    }

    /// Scans `kase`, writes the store and reads it back; returns (scanned, read) JSON.
    static func roundTrip(_ kase: Case, options: ScanOptions) throws -> (String, String, StoreLookup) {
        let dir = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let location = StoreLocation(directory: dir)
        let key = StoreKey(case: kase, options: options, noExclusions: false)
        let scanned = try Scanner.scan(kase, options: options)
        try ResultsStore.write(scanned, key: key, to: location)
        let lookup = ResultsStore.lookup(location, key: key, options: options)
        guard case .current(let read) = lookup else { return (json(kase, scanned), "", lookup) }
        #expect(read.attempts == scanned.attempts)
        #expect(read.workTokens == scanned.workTokens && read.outputTokens == scanned.outputTokens)
        #expect(read.pairs == scanned.pairs && read.works == scanned.works && read.outputs == scanned.outputs)
        return (json(kase, scanned), json(kase, read), lookup)
    }

    @Test func demoRoundTripIsByteIdentical() throws {
        let kase = try CaseLoader.load(path: Fixtures.demoCase)
        let (scanned, read, lookup) = try Self.roundTrip(kase, options: ScanOptions(settings: kase.settings, threads: 2))
        guard case .current = lookup else { Issue.record("store not current: \(lookup)"); return }
        #expect(scanned.contains("\"passages\"") && scanned == read)
    }

    @Test func smallCaseRoundTripKeepsEchoAttemptsAndModels() throws {
        let c = try Self.smallCase()
        let kase = try c.load()
        let (scanned, read, _) = try Self.roundTrip(kase, options: ScanOptions(settings: kase.settings))
        #expect(scanned.contains("\"m-b\"") && scanned.contains("\"attempts\": 1"))
        #expect(scanned == read)
    }

    @Test func realCaseRoundTripIsByteIdentical() throws {
        guard let path = Fixtures.recapNovels else { print(Fixtures.recapMissing); return }
        let kase = try CaseLoader.load(path: path)
        let (scanned, read, lookup) = try Self.roundTrip(kase, options: ScanOptions(settings: kase.settings, threads: 2))
        guard case .current = lookup else { Issue.record("store not current: \(lookup)"); return }
        #expect(scanned.count > 10_000 && scanned == read)
    }

    /// Writes a store for `c` as it stands, then applies `change` and looks up again.
    static func lookupAfter(_ c: TempCase, options: ScanOptions = ScanOptions(), engine: String = exhibitEngineVersion,
                            change: () throws -> Void) throws -> StoreLookup {
        let dir = try tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let location = StoreLocation(directory: dir)
        let before = try c.load()
        try ResultsStore.write(try Scanner.scan(before, options: ScanOptions()),
                               key: StoreKey(case: before, options: ScanOptions(), noExclusions: false), to: location)
        try change()
        let after = try c.load()
        let key = StoreKey(case: after, options: options, noExclusions: false, engineVersion: engine)
        return ResultsStore.lookup(location, key: key, options: options)
    }

    static func staleReason(_ lookup: StoreLookup) -> String? {
        if case .stale(let reason) = lookup { return reason }
        return nil
    }

    /// A writer killed before its rename leaves `.results.sqlite.<pid>.<n>.tmp`; the next
    /// write removes it (its process is gone) and keeps a live writer's and other files.
    @Test func aKilledWritersTemporaryFileIsRemovedByTheNextWrite() throws {
        let c = try Self.smallCase()
        let kase = try CaseLoader.load(path: c.root)
        let options = ScanOptions(settings: kase.settings)
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let location = StoreLocation(directory: dir)
        // A process id that is surely not running: the largest Linux allows, plus one.
        let dead = dir + "/.\(StoreLocation.fileName).4194305.7.tmp"
        let live = dir + "/.\(StoreLocation.fileName).\(getppid()).7.tmp"
        let other = dir + "/notes.tmp"
        for f in [dead, live, other] { #expect(FileManager.default.createFile(atPath: f, contents: Data())) }
        let result = try Scanner.scan(kase, options: options)
        try ResultsStore.write(result, key: StoreKey(case: kase, options: options, noExclusions: false), to: location)
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: other))
    }

    @Test func unchangedCaseIsCurrent() throws {
        let c = try Self.smallCase()
        let lookup = try Self.lookupAfter(c) {}
        guard case .current(let r) = lookup else { Issue.record("expected current, got \(lookup)"); return }
        #expect(r.pairs.count == 3)  // o1–w, o2–w, o2–v
    }

    @Test func aWorkEditedMakesTheStoreStale() throws {
        let c = try Self.smallCase()
        let reason = Self.staleReason(try Self.lookupAfter(c) { try c.write("works/v.txt", "other0 other1 changed") })
        #expect(reason?.contains("file") == true)
    }

    @Test func anOutputAddedMakesTheStoreStale() throws {
        let c = try Self.smallCase()
        let reason = Self.staleReason(try Self.lookupAfter(c) { try c.write("outputs/new.txt", "word1 word2 word3 word4 word5 word6 word7") })
        #expect(reason?.contains("file") == true && reason?.contains("documents") == true)
    }

    @Test func aParameterChangedMakesTheStoreStale() throws {
        var options = ScanOptions()
        options.match.xDrop = 0
        let reason = Self.staleReason(try Self.lookupAfter(try Self.smallCase(), options: options) {})
        #expect(reason == "match")
        options = ScanOptions()
        options.normalize.caseFold = false
        #expect(Self.staleReason(try Self.lookupAfter(try Self.smallCase(), options: options) {}) == "normalize")
        options = ScanOptions()
        options.exclusions = [ExcludedSpan(source: "works/w.txt", scalars: 0..<10)]
        #expect(Self.staleReason(try Self.lookupAfter(try Self.smallCase(), options: options) {}) == "exclude")
    }

    @Test func theThreadCountIsNoPartOfTheKey() throws {
        let c = try Self.smallCase()
        let kase = try c.load()
        #expect(StoreKey(case: kase, options: ScanOptions(threads: 1), noExclusions: false)
                == StoreKey(case: kase, options: ScanOptions(threads: 8), noExclusions: false))
        #expect(StoreKey(case: kase, options: ScanOptions(), noExclusions: true)
                != StoreKey(case: kase, options: ScanOptions(), noExclusions: false))
    }

    @Test func anotherEngineVersionMakesTheStoreStale() throws {
        let reason = Self.staleReason(try Self.lookupAfter(try Self.smallCase(), engine: "99.0.0") {})
        #expect(reason == "engine")
    }

    @Test func truncatedForeignAndGarbageFilesAreUnusable() throws {
        let c = try Self.smallCase()
        let kase = try c.load()
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let location = StoreLocation(directory: dir)
        let key = StoreKey(case: kase, options: ScanOptions(), noExclusions: false)
        try ResultsStore.write(try Scanner.scan(kase, options: ScanOptions()), key: key, to: location)
        let full = try Data(contentsOf: URL(fileURLWithPath: location.file))

        try full.prefix(full.count / 2).write(to: URL(fileURLWithPath: location.file))
        guard case .unusable = ResultsStore.lookup(location, key: key, options: ScanOptions()) else {
            Issue.record("a truncated store was trusted"); return
        }
        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: location.file))
        guard case .unusable = ResultsStore.lookup(location, key: key, options: ScanOptions()) else {
            Issue.record("garbage was trusted"); return
        }
        try FileManager.default.removeItem(atPath: location.file)
        let foreign = try DatabaseQueue(path: location.file)
        try foreign.write { db in
            try db.execute(sql: "CREATE TABLE meta (name TEXT, value TEXT); INSERT INTO meta VALUES ('key', '\(key.digest)')")
        }
        try foreign.close()
        guard case .unusable(let why) = ResultsStore.lookup(location, key: key, options: ScanOptions()) else {
            Issue.record("a foreign database was trusted"); return
        }
        #expect(why.contains("not an Exhibit results store"))
    }

    /// A bit flipped inside any record blob, or an output's fingerprint edited beside its
    /// record, is caught by the record's seal (`SealedRecord`): SQLite checks only its own
    /// structure, so the store would otherwise give other figures without a word.
    @Test func aRecordChangedInsideTheStoreIsUnusable() throws {
        let c = try Self.smallCase()
        let kase = try c.load()
        let key = StoreKey(case: kase, options: ScanOptions(), noExclusions: false)
        let result = try Scanner.scan(kase, options: ScanOptions())
        #expect(!result.pairs.isEmpty)
        let edits: [(String, String)] = [
            ("works", "record"), ("outputs", "record"), ("pairs", "record"), ("result", "record"),
            ("case_outline", "record"), ("outputs", "fingerprint"),
        ]
        for (table, column) in edits {
            let dir = try Self.tempFolder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let location = StoreLocation(directory: dir)
            try ResultsStore.write(result, key: key, to: location, snapshot: CaseFileSnapshot.take(root: kase.root), case: kase)
            guard case .current = ResultsStore.lookup(location, key: key, options: ScanOptions()) else {
                Issue.record("the fresh store is not current"); return
            }
            let queue = try DatabaseQueue(path: location.file)
            try queue.write { db in
                let rowid = try #require(try Int.fetchOne(db, sql: "SELECT rowid FROM \(table) WHERE \(column) IS NOT NULL LIMIT 1"))
                if column == "fingerprint" {
                    try db.execute(sql: "UPDATE outputs SET fingerprint = 'edited' WHERE rowid = ?", arguments: [rowid])
                } else {
                    var bytes = [UInt8](try #require(try Data.fetchOne(db, sql: "SELECT record FROM \(table) WHERE rowid = ?",
                                                                        arguments: [rowid])))
                    bytes[bytes.count / 3] ^= 0x01
                    try db.execute(sql: "UPDATE \(table) SET record = ? WHERE rowid = ?", arguments: [Data(bytes), rowid])
                }
            }
            try queue.close()
            if table == "case_outline" {
                // Read only to reopen a case without its texts, or to take outputs over.
                #expect((try? ResultsStore.caseRecord(location.file)) == nil)
                #expect(StoredCase.reopen(root: kase.root, location: location) == nil)
                #expect(ResultsStore.reusableOutputs(location, key: key) == nil)
                continue
            }
            guard case .unusable(let why) = ResultsStore.lookup(location, key: key, options: ScanOptions()) else {
                Issue.record("\(table).\(column) changed and the store was trusted"); continue
            }
            #expect(why.contains("checksum") || why.contains("malformed"), "\(table).\(column): \(why)")
            if table == "outputs" || table == "pairs" {
                #expect(ResultsStore.reusableOutputs(location, key: key) == nil, "\(table).\(column)")
            }
        }
    }

    @Test func aStorePathThatIsNoPlainFileIsNeverReplaced() throws {
        let c = try Self.smallCase()
        let kase = try c.load()
        let dir = try Self.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let location = StoreLocation(directory: dir)
        try FileManager.default.createSymbolicLink(atPath: location.file, withDestinationPath: dir + "/elsewhere")
        #expect(throws: StoreError.self) {
            try ResultsStore.write(try Scanner.scan(kase, options: ScanOptions()),
                                   key: StoreKey(case: kase, options: ScanOptions(), noExclusions: false), to: location)
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/elsewhere"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [StoreLocation.fileName])
    }

    @Test func locationDefaultsToTheCaseThenTheCacheFolder() {
        let env = ["XDG_CACHE_HOME": "/cache", "HOME": "/home/u"]
        let inCase = StoreLocation.resolve(caseRoot: "/c/case", environment: env, canHold: { _ in true })
        #expect(inCase == StoreLocation(directory: "/c/case/.exhibit"))
        #expect(inCase.file == "/c/case/.exhibit/results.sqlite")
        let given = StoreLocation.resolve(caseRoot: "/c/case", store: "/s", environment: env, canHold: { _ in false })
        #expect(given == StoreLocation(directory: "/s"))
        let hash = String(FileHashing.sha256Hex(utf8: "/c/case").prefix(16))
        let cached = StoreLocation.resolve(caseRoot: "/c/case", environment: env, canHold: { _ in false })
        #expect(cached == StoreLocation(directory: "/cache/exhibit/" + hash, isCacheFallback: true))
        let home = StoreLocation.resolve(caseRoot: "/c/case", environment: ["HOME": "/home/u"], canHold: { _ in false })
        #expect(home.directory == "/home/u/.cache/exhibit/" + hash)
    }

    @Test func aFolderWithoutWriteBitsCannotHoldTheStore() throws {
        let dir = try Self.tempFolder()
        defer {
            chmod(dir, 0o755)
            try? FileManager.default.removeItem(atPath: dir)
        }
        #expect(StoreLocation.canHold(dir + "/.exhibit"))
        try "x".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
        #expect(!StoreLocation.canHold(dir + "/file"))
        chmod(dir, 0o555)
        #expect(!StoreLocation.canHold(dir + "/.exhibit"))
    }
}

/// `--where` applied to stored, unfiltered results equals a scan with the filters.
@Suite struct ResultFilteringTests {
    static func check(_ kase: Case, _ filters: [[String]], options base: ScanOptions) throws {
        let all = try Scanner.scan(kase, options: base)
        for f in filters {
            var options = base
            options.filters = f.compactMap(MetadataFilter.init)
            let scanned = try Scanner.scan(kase, options: options)
            let narrowed = all.filtered(by: options.filters, case: kase)
            #expect(ResultsStoreTests.json(kase, narrowed) == ResultsStoreTests.json(kase, scanned), "--where \(f)")
            #expect(narrowed.attempts == scanned.attempts)
        }
    }

    @Test func smallCaseFiltersEqualFilteredScans() throws {
        let c = try ResultsStoreTests.smallCase()
        try c.write("outputs/short.txt", "word1 word2")
        let kase = try c.load()
        try Self.check(kase, [["model=m-a"], ["model=m-b"], ["id=o2"], ["model=none"], ["nokey=1"],
                              ["model=m-a", "id=o2"]], options: ScanOptions())
    }

    @Test func demoFiltersEqualFilteredScans() throws {
        let kase = try CaseLoader.load(path: Fixtures.demoCase)
        let models = Set(kase.outputs.compactMap(\.model)).sorted()
        try Self.check(kase, models.map { ["model=\($0)"] } + [["method=extraction"], ["method=regurgitation"]],
                       options: ScanOptions(settings: kase.settings, threads: 2))
    }

    @Test func realCaseFiltersEqualFilteredScans() throws {
        guard let path = Fixtures.recapNovels else { print(Fixtures.recapMissing); return }
        let kase = try CaseLoader.load(path: path)
        let models = Set(kase.outputs.compactMap(\.model)).sorted()
        try Self.check(kase, models.prefix(2).map { ["model=\($0)"] } + [["hinted=false"]],
                       options: ScanOptions(settings: kase.settings, threads: 2))
    }
}
