import Foundation
import GRDB
import Testing
@testable import ExhibitCore

/// An incremental scan that leaves the unchanged outputs' token data as stored
/// (`ResultsStore.reusable(tokens: false)`, `ResultCodec.decodeOutputUndecoded`) and
/// writes it back from the stored bytes: the store it writes is, row for row, the store
/// a full scan writes.
@Suite struct UndecodedOutputsTests {
    /// Every row of the tables Exhibit reads back or analysts query, in a fixed order
    /// (the stat cache and its meta rows aside: they record when the files were seen).
    static func rows(_ dir: String) throws -> [String: [[DatabaseValue]]] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: dir + "/" + StoreLocation.fileName, configuration: config)
        defer { try? queue.close() }
        let queries = [
            "meta": "SELECT * FROM meta WHERE name NOT IN ('stats_taken_ns', 'listing') ORDER BY name",
            "works": "SELECT * FROM works ORDER BY idx",
            "work_models": "SELECT * FROM work_models ORDER BY work_idx, model",
            "outputs": "SELECT * FROM outputs ORDER BY idx",
            // A pair's idx only names its row (an update numbers added pairs after the
            // stored ones, `ResultsStore.addOutputs`): pairs go by work and output.
            "pairs": """
                SELECT work_idx, output_idx, work, output, classification, work_coverage, strict_coverage,
                       output_coverage, matched_words, supplied, evidence, longest_verbatim, longest_passage, record
                FROM pairs ORDER BY work_idx, output_idx
                """,
            "passages": """
                SELECT q.work_idx, q.output_idx, p.number, p.work, p.output, p.work_start, p.work_end,
                       p.work_first_token, p.work_end_token, p.output_start, p.output_end, p.output_first_token,
                       p.output_end_token, p.matched, p.longest_verbatim, p.identity, p.tier, p.label, p.evidence,
                       p.also_in
                FROM passages p JOIN pairs q ON q.idx = p.pair_idx ORDER BY q.work_idx, q.output_idx, p.number
                """,
            "result": "SELECT * FROM result",
            "case_outline": "SELECT * FROM case_outline",
        ]
        return try queue.read { db in
            try queries.mapValues { sql in try Row.fetchAll(db, sql: sql).map { Array($0.databaseValues) } }
        }
    }

    /// The store a full scan of `c` writes (with a stat cache, as `exhibit scan --rescan`).
    static func fullStore(_ c: TempCase) throws -> String {
        let dir = try ResultsStoreTests.tempFolder()
        let root = try CaseLoader.checkOpenable(path: c.root)
        let snapshot = CaseFileSnapshot.take(root: root)
        let kase = try CaseLoader.load(path: root)
        _ = try StoredScanner.result(case: kase, options: ScanOptions(settings: kase.settings, threads: 2),
                                     settings: StoreSettings(directory: dir, rescan: true), snapshot: snapshot)
        return dir
    }

    /// The output records (seals checked, in row order) of a full scan's store of the
    /// small case.
    static func smallCaseOutputRecords() throws -> [[UInt8]] {
        let dir = try fullStore(try ResultsStoreTests.smallCase())
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: dir + "/" + StoreLocation.fileName, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT record, fingerprint, idx FROM outputs ORDER BY idx")
                .map { row in try SealedRecord.open(row[0], binding: SealedRecord.output(row[2], fingerprint: row[1])) }
        }
    }

    @Test func anOutputRecordWrittenFromItsStoredBytesIsTheOneEncodedAfresh() throws {
        let records = try Self.smallCaseOutputRecords()
        #expect(records.count == 2)
        for bytes in records {
            let (output, tokens, attempts) = try ResultCodec.decodeOutput(bytes)
            let (same, stored) = try ResultCodec.decodeOutputUndecoded(bytes)
            let undecoded = try #require(stored.undecoded)
            #expect(same == output && stored.attempts == attempts && stored.tokens.count == 0)
            #expect(stored.tokenCount == tokens.count && stored.echoTokens == tokens.echo.filter { $0 }.count)
            #expect(ResultCodec.encode(output, undecoded: undecoded) == bytes)
            // At another place among the outputs, as a fresh encoding would put it.
            var moved = output
            moved.document += 300
            #expect(ResultCodec.encode(moved, undecoded: undecoded) == ResultCodec.encode(moved, tokens: tokens, attempts: attempts))
        }
    }

    @Test func aDamagedRecordIsRefused() throws {
        let bytes = try #require(try Self.smallCaseOutputRecords().first)
        #expect(throws: StoreError.self) { try ResultCodec.decodeOutputUndecoded(Array(bytes.dropLast())) }
        #expect(throws: StoreError.self) { try ResultCodec.decodeOutputUndecoded(bytes + [0]) }
    }

    /// Outputs added, then changed, then removed: after each incremental scan the store
    /// holds what a full scan's store holds, row for row; a removed output leaves no row.
    @Test func theStoreAnIncrementalScanWritesIsAFullScans() throws {
        let c = try WorksSidecarTests.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try WorksSidecarTests.scanThroughStore(c, dir: dir)
        let steps: [(String, () throws -> Void)] = [
            ("added", { try c.write("outputs/more.jsonl", try WorksSidecarTests.moreOutputs(c, from: "outputs/runs.jsonl")) }),
            ("changed", {
                try c.write("outputs/more.jsonl", try WorksSidecarTests.moreOutputs(c, from: "outputs/runs.jsonl")
                    .replacingOccurrences(of: "more-", with: "again-"))
            }),
            ("removed", { try FileManager.default.removeItem(atPath: c.root + "/outputs/more.jsonl") }),
        ]
        for (what, change) in steps {
            try change()
            let incremental = try #require(try WorksSidecarTests.reopenedJSON(c, dir: dir), "\(what)")
            let fullJSON = try WorksSidecarTests.fullJSON(c)
            #expect(incremental == fullJSON, "\(what)")
            let full = try Self.fullStore(c)
            defer { try? FileManager.default.removeItem(atPath: full) }
            let written = try Self.rows(dir), expected = try Self.rows(full)
            #expect(!(written["outputs"] ?? []).isEmpty && !(written["passages"] ?? []).isEmpty, "\(what)")
            for table in expected.keys.sorted() {
                #expect(written[table] == expected[table], "\(what): \(table)")
            }
        }
        let ids = try Self.rows(dir)["outputs"]?.map { String.fromDatabaseValue($0[1]) ?? "" } ?? []
        #expect(!ids.contains { $0.hasPrefix("more-") || $0.hasPrefix("again-") })
    }
}
