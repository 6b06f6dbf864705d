import Foundation
import GRDB
import Testing
@testable import ExhibitCore

/// The store's row writer (`ResultRows`, `RowInserter`, `ChunksAhead`): the same rows
/// and record bytes as binding each row through GRDB's statement arguments gave.
@Suite struct StoreRowWritingTests {
    @Test func chunksAheadHandsEveryItemOverInOrder() throws {
        for (count, chunk, threads) in [(0, 4, 2), (1, 4, 2), (10, 3, 2), (4096, 1024, 2), (100, 7, 1)] {
            var seen = [Int]()
            var ranges = [Range<Int>]()
            try ChunksAhead.forEach(count: count, chunk: chunk, threads: threads, make: { $0 * 3 }) { range, items in
                ranges.append(range)
                #expect(items.count == range.count)
                seen += items
            }
            #expect(seen == (0..<count).map { $0 * 3 })
            #expect(ranges.allSatisfy { $0.count <= chunk && !$0.isEmpty })
        }
    }

    @Test func chunksAheadStopsAtTheFirstError() {
        struct Stop: Error {}
        var calls = 0
        var stopped = false
        do {
            try ChunksAhead.forEach(count: 100, chunk: 10, threads: 2, make: { $0 }) { _, _ in
                calls += 1
                if calls == 2 { throw Stop() }
            }
        } catch {
            stopped = error is Stop
        }
        #expect(stopped && calls == 2)
    }

    @Test func sealedBytesEqualTheSealedData() {
        for bytes in [[UInt8](), [1, 2, 3], [UInt8](repeating: 7, count: 100)] {
            for binding in ["", "abc", String(repeating: "é", count: 40)] {
                #expect(SealedRecord.sealed(bytes, binding: binding) == [UInt8](SealedRecord.seal(bytes, binding: binding)))
            }
        }
    }

    @Test func packedOffsetsAndFlagsReadBack() throws {
        let offsets: [Int32] = [0, 1, 5, 300, 70_000, Int32.max, 2, 0]
        let flags = (0..<21).map { $0 % 3 == 0 }
        var w = BinaryWriter()
        w.offsets(offsets)
        w.flags(flags)
        w.offsets([])
        w.flags([])
        var r = BinaryReader(w.bytes)
        #expect(try r.offsets() == offsets)
        #expect(try r.flags() == flags)
        #expect(try r.offsets() == [])
        #expect(try r.flags() == [])
        #expect(r.isAtEnd)
    }

    @Test func rowsBindTextNullsNumbersAndBlobsAsGRDBDoes() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a INTEGER, b TEXT, c TEXT, d REAL, e INTEGER, f BLOB)")
            var row = try RowInserter(db, sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")
            try row.int(-5)
            try row.text("é\"x")
            try row.text(nil as String?)
            try row.double(0.25)
            try row.bool(true)
            try row.insert(blob: [0, 1, 255])
            try row.int(7)
            try row.text("")
            try row.text("y" as String?)
            try row.double(-1)
            try row.bool(false)
            try row.insert(blob: [9])
            let reference = try db.makeStatement(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)")
            try reference.execute(arguments: [-5, "é\"x", nil as String?, 0.25, true, Data([0, 1, 255])])
            try reference.execute(arguments: [7, "", "y", -1.0, false, Data([9])])
            let rows = try Row.fetchAll(db, sql: """
                SELECT a, b, c, d, e, f, typeof(a), typeof(b), typeof(c), typeof(d), typeof(e), typeof(f)
                FROM t ORDER BY rowid
                """)
            #expect(rows.count == 4)
            #expect(rows[0] == rows[2] && rows[1] == rows[3])
        }
    }

    @Test func rowsInsertedManyPerStatementAreTheRowsOneAtATimeGives() throws {
        // 3 per statement: 7 rows are two statements and one row by `finish`.
        let values: [(Int, String?, Double, [UInt8])] = (0..<7).map { n in
            (n * 11 - 20, n == 3 ? nil : (n == 5 ? "nul\u{0}after" : "t\(n) é"), Double(n) / 8, Array(repeating: UInt8(n), count: n))
        }
        let queue = try DatabaseQueue()
        try queue.write { db in
            for table in ["many", "one"] {
                try db.execute(sql: "CREATE TABLE \(table) (a INTEGER PRIMARY KEY, b TEXT, c REAL, d INTEGER, e BLOB)")
                var row = try RowInserter(db, sql: "INSERT INTO \(table) VALUES (?, ?, ?, ?, ?)", rowsPerStep: table == "many" ? 3 : 1)
                for (a, b, c, e) in values {
                    try row.int(a)
                    try row.text(b)
                    try row.double(c)
                    try row.bool(a > 0)
                    try row.insert(blob: e)
                }
                // Before `finish`, the last row is not in yet: the remainder is inserted by it.
                if table == "many" { #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM many") == 6) }
                try row.finish()
            }
            let query = { (table: String) in
                try Row.fetchAll(db, sql: "SELECT a, b, c, d, e, typeof(b), typeof(e) FROM \(table) ORDER BY a")
            }
            #expect(try query("many").count == 7)
            #expect(try query("many") == query("one"))
            // Text is bound up to its first NUL, as GRDB binds a String.
            #expect(try String.fetchOne(db, sql: "SELECT b FROM many WHERE a = 35") == "nul")
        }
    }

    @Test func aFailedInsertThrowsAndTheInserterGoesOn() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT NOT NULL)")
            var row = try RowInserter(db, sql: "INSERT INTO t VALUES (?, ?)")
            try row.int(1)
            try row.text("one")
            try row.insert()
            try row.int(1)
            try row.text("again")
            var failed = false
            do { try row.insert() } catch { failed = error is DatabaseError }
            #expect(failed)
            try row.int(2)
            try row.text("two")
            try row.insert()
            #expect(try String.fetchAll(db, sql: "SELECT b FROM t ORDER BY a") == ["one", "two"])
        }
    }
}
