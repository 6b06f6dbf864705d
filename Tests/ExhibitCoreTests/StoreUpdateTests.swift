import Foundation
import GRDB
import Testing
@testable import ExhibitCore

/// An incremental scan whose new outputs sort after every stored one adds their rows to
/// a copy of the store (`ResultsStore.addOutputs`) instead of writing every row; any
/// other change writes the store afresh. Either way the store then holds what a full
/// scan's store holds, row for row (pairs by work and output), and gives the same JSON.
@Suite struct StoreUpdateTests {
    /// Each stored pair's row name (`idx`) by its work and output index.
    static func pairRows(_ dir: String) throws -> [[Int]] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: dir + "/" + StoreLocation.fileName, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT work_idx, output_idx, idx FROM pairs ORDER BY work_idx, output_idx")
                .map { [$0[0], $0[1], $0[2]] }
        }
    }

    /// Scans the generated case through a store, adds `file` holding copies of its
    /// outputs with ids prefixed `prefix`, scans again reading only that file, and
    /// checks the JSON and every row against a full scan. Returns the pair rows before
    /// and after the second scan.
    static func addOutputs(file: String, prefix: String, editFirst: Bool = false) throws
        -> (before: [[Int]], after: [[Int]]) {
        let c = try WorksSidecarTests.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try WorksSidecarTests.scanThroughStore(c, dir: dir)
        let before = try pairRows(dir)
        let lines = try String(contentsOfFile: c.root + "/outputs/runs.jsonl", encoding: .utf8)
        try c.write(file, lines.replacingOccurrences(of: "{\"id\": \"", with: "{\"id\": \"\(prefix)"))
        if editFirst {
            let edited = lines.replacingOccurrences(of: "\"output\": \"", with: "\"output\": \"edited ",
                                                    options: [], range: lines.startIndex..<lines.index(lines.startIndex, offsetBy: 200))
            #expect(edited != lines)
            try c.write("outputs/runs.jsonl", edited)
        }
        let incremental = try #require(try WorksSidecarTests.reopenedJSON(c, dir: dir))
        #expect(incremental == (try WorksSidecarTests.fullJSON(c)))
        // Read back from the store, as the next open does.
        #expect(try WorksSidecarTests.storedJSON(c, dir: dir) == incremental)
        let full = try UndecodedOutputsTests.fullStore(c)
        defer { try? FileManager.default.removeItem(atPath: full) }
        let written = try UndecodedOutputsTests.rows(dir), expected = try UndecodedOutputsTests.rows(full)
        for table in expected.keys.sorted() {
            #expect(written[table] == expected[table], "\(table)")
        }
        return (before, try pairRows(dir))
    }

    @Test func outputsThatSortAfterTheStoredOnesAreAddedToTheStoredRows() throws {
        let (before, after) = try Self.addOutputs(file: "outputs/zz.jsonl", prefix: "z-")
        // The stored pairs keep their rows; the added ones are numbered after them,
        // though some sort before stored pairs (a full write numbers them in order).
        let kept = Set(before.map { $0 })
        #expect(kept.isSubset(of: Set(after)))
        let added = after.filter { !kept.contains($0) }
        #expect(!added.isEmpty && added.allSatisfy { $0[2] >= before.count })
        #expect(after.map { $0[2] } != Array(0..<after.count))
    }

    @Test func outputsWhoseIdsSortFirstRewriteTheStore() throws {
        let (_, after) = try Self.addOutputs(file: "outputs/zz.jsonl", prefix: "a-")
        #expect(after.map { $0[2] } == Array(0..<after.count))
    }

    /// The new ids sort last, but a stored output was edited: its row changes.
    @Test func anEditedOutputRewritesTheStore() throws {
        let (_, after) = try Self.addOutputs(file: "outputs/zz.jsonl", prefix: "z-", editFirst: true)
        #expect(after.map { $0[2] } == Array(0..<after.count))
    }

    /// Rows deleted, moved or copied by hand: the store is refused (and rebuilt), never
    /// read back as other figures; an incremental scan takes nothing over from it.
    @Test func aRowDeletedOrMovedByHandIsRefused() throws {
        let c = try WorksSidecarTests.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try WorksSidecarTests.scanThroughStore(c, dir: dir)
        let file = dir + "/" + StoreLocation.fileName
        let pristine = try Data(contentsOf: URL(fileURLWithPath: file))
        let kase = try c.load()
        let options = ScanOptions(settings: kase.settings, threads: 2)
        let key = StoreKey(case: kase, options: options, noExclusions: false)
        guard case .current = ResultsStore.lookup(StoreLocation(directory: dir), key: key, options: options) else {
            Issue.record("the untouched store is not current")
            return
        }
        let edits = [
            "DELETE FROM pairs WHERE idx = (SELECT max(idx) FROM pairs)",
            "DELETE FROM outputs WHERE idx = (SELECT max(idx) FROM outputs)",
            "DELETE FROM works WHERE idx = (SELECT max(idx) FROM works)",
            "UPDATE outputs SET idx = -1 WHERE idx = 0; UPDATE outputs SET idx = 0 WHERE idx = 1; UPDATE outputs SET idx = 1 WHERE idx = -1",
            "UPDATE works SET idx = -1 WHERE idx = 0; UPDATE works SET idx = 0 WHERE idx = 1; UPDATE works SET idx = 1 WHERE idx = -1",
            "UPDATE works SET record = (SELECT record FROM works WHERE idx = 1) WHERE idx = 0",
            "UPDATE pairs SET record = (SELECT record FROM pairs WHERE idx = 1) WHERE idx = 0",
            "UPDATE meta SET value = 'works 1 outputs 1 pairs 1' WHERE name = 'rows'",
            // A pair deleted and the count edited to match (the `result` record is sealed to it).
            """
            DELETE FROM passages WHERE pair_idx = (SELECT max(idx) FROM pairs);
            DELETE FROM pairs WHERE idx = (SELECT max(idx) FROM pairs);
            UPDATE meta SET value = (SELECT 'works ' || (SELECT count(*) FROM works) || ' outputs '
                || (SELECT count(*) FROM outputs) || ' pairs ' || (SELECT count(*) FROM pairs)) WHERE name = 'rows'
            """,
        ]
        // As an analyst's `sqlite3` shell edits: without foreign key checks.
        var byHand = Configuration()
        byHand.foreignKeysEnabled = false
        let lines = try String(contentsOfFile: c.root + "/outputs/runs.jsonl", encoding: .utf8)
        let added = lines.replacingOccurrences(of: "{\"id\": \"", with: "{\"id\": \"z-")
        for edit in edits {
            try? FileManager.default.removeItem(atPath: c.root + "/outputs/zz.jsonl")
            try pristine.write(to: URL(fileURLWithPath: file))
            let queue = try DatabaseQueue(path: file, configuration: byHand)
            try queue.write { try $0.execute(sql: edit) }
            try queue.close()
            guard case .unusable = ResultsStore.lookup(StoreLocation(directory: dir), key: key, options: options) else {
                Issue.record("not refused after: \(edit)")
                continue
            }
            // Outputs added: whatever is taken over, the results are a full scan's, and
            // so is the store written then.
            try c.write("outputs/zz.jsonl", added)
            let full = try WorksSidecarTests.fullJSON(c)
            if let incremental = try WorksSidecarTests.reopenedJSON(c, dir: dir) {
                #expect(incremental == full, "\(edit)")
            }
            #expect(try WorksSidecarTests.storedJSON(c, dir: dir) == full, "\(edit)")
        }
    }
}
