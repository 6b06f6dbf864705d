import Foundation
import GRDB
import GRDBSQLite

/// One prepared `INSERT` whose values are bound straight through SQLite's C API
/// (`Statement.sqliteStatement`), a column at a time; a row is inserted by `insert()`.
///
/// Why: `Statement.execute(arguments:)` boxes every value of a row as an existential,
/// converts it to a `DatabaseValue` and retains and releases each on the way; writing
/// a large case's store (hundreds of thousands of rows) spent more time there than in
/// SQLite. Values are bound as GRDB binds them (text up to its first NUL, integers and
/// booleans as 64-bit integers, nil as NULL), so the rows are the same.
///
/// With `rowsPerStep` above 1 the rows are inserted that many per statement
/// (`INSERT … VALUES (…), (…), …`), and `finish()` inserts the rest. Why: each
/// execution of a statement pays its setup (the table's cursor opened, the transaction
/// checked, the statement halted) once, for all its rows; with 32 rows per statement the
/// store's writing thread took about a sixth less CPU on the large case (`perf` samples of
/// that thread, five alternating pairs of runs: 989 against 1,188 on average). The rows,
/// their order and their values are the same.
struct RowInserter {
    /// A value bound later, when its row goes in with others.
    private enum Cell {
        case int(Int64), double(Double), text(String), null, blob([UInt8])
    }

    /// Kept so the raw statements outlive their use here.
    private let statement: Statement
    private let handle: SQLiteStatement
    private let many: Statement?
    private let manyHandle: SQLiteStatement?
    private let rowsPerStep: Int
    /// The values of the rows not inserted yet (only with `rowsPerStep` above 1).
    private var cells: [Cell] = []
    private var pendingRows = 0
    /// 1-based index of the next column to bind (one row at a time).
    private var column: CInt = 1

    /// Prepares `sql`, an `INSERT … VALUES (?, …)` with one `?` per column.
    /// - Parameter rowsPerStep: rows per statement; above 1, `finish()` must follow
    ///   the last row, or the rows not yet inserted are not.
    init(_ db: Database, sql: String, rowsPerStep: Int = 1) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        guard rowsPerStep > 1, let values = sql.range(of: "VALUES", options: .backwards) else {
            many = nil
            manyHandle = nil
            self.rowsPerStep = 1
            return
        }
        let tuple = sql[values.upperBound...].trimmingCharacters(in: .whitespaces)
        let columns = tuple.filter { $0 == "?" }.count
        // Within the 999 parameters every SQLite allows.
        let rows = min(rowsPerStep, 999 / max(1, columns))
        self.rowsPerStep = rows
        many = try db.makeStatement(sql: sql + String(repeating: ", " + tuple, count: rows - 1))
        manyHandle = many!.sqliteStatement
        cells.reserveCapacity(rows * columns)
    }

    mutating func int(_ v: Int) throws {
        if manyHandle != nil { return cells.append(.int(Int64(v))) }
        try check(sqlite3_bind_int64(handle, column, Int64(v)))
    }

    mutating func bool(_ v: Bool) throws {
        try int(v ? 1 : 0)
    }

    mutating func double(_ v: Double) throws {
        if manyHandle != nil { return cells.append(.double(v)) }
        try check(sqlite3_bind_double(handle, column, v))
    }

    mutating func text(_ s: String) throws {
        if manyHandle != nil { return cells.append(.text(s)) }
        try check(Self.bind(s, handle, column))
    }

    /// `s`, or NULL when nil.
    mutating func text(_ s: String?) throws {
        guard let s else {
            if manyHandle != nil { return cells.append(.null) }
            return try check(sqlite3_bind_null(handle, column))
        }
        try text(s)
    }

    /// Binds `blob` as the row's last column and inserts the row. One row at a time,
    /// the bytes are bound without a copy: SQLite reads them only while the row is
    /// stepped, inside this call.
    mutating func insert(blob: [UInt8]) throws {
        if manyHandle != nil {
            cells.append(.blob(blob))
            return try insert()
        }
        try blob.withUnsafeBytes { bytes in
            try check(sqlite3_bind_blob(handle, column, bytes.baseAddress, CInt(bytes.count), nil /* SQLITE_STATIC */))
            try insert()
        }
    }

    /// Inserts the row bound so far (with `rowsPerStep` above 1, once that many are
    /// bound); the next bind starts again at the first column.
    mutating func insert() throws {
        guard let manyHandle else { return try step(handle) }
        pendingRows += 1
        guard pendingRows == rowsPerStep else { return }
        try bindCells(cells[...], to: manyHandle)
        try step(manyHandle)
        cells.removeAll(keepingCapacity: true)
        pendingRows = 0
    }

    /// Inserts the rows bound and not inserted yet, one statement each.
    mutating func finish() throws {
        guard pendingRows > 0 else { return }
        let columns = cells.count / pendingRows
        for row in 0..<pendingRows {
            try bindCells(cells[(row * columns)..<((row + 1) * columns)], to: handle)
            try step(handle)
        }
        cells.removeAll(keepingCapacity: true)
        pendingRows = 0
    }

    /// Binds `values` to `statement`'s parameters from the first; a copy of each text
    /// and blob (they are stepped after this returns).
    private mutating func bindCells(_ values: ArraySlice<Cell>, to statement: SQLiteStatement) throws {
        column = 1
        for cell in values {
            let code: CInt
            switch cell {
            case .int(let v): code = sqlite3_bind_int64(statement, column, v)
            case .double(let v): code = sqlite3_bind_double(statement, column, v)
            case .text(let s): code = Self.bind(s, statement, column)
            case .null: code = sqlite3_bind_null(statement, column)
            case .blob(let b):
                code = b.withUnsafeBytes { sqlite3_bind_blob(statement, column, $0.baseAddress, CInt($0.count), Self.transient) }
            }
            try check(code)
        }
    }

    /// Steps `statement` once and resets it; the next bind starts at the first column.
    private mutating func step(_ statement: SQLiteStatement) throws {
        let code = sqlite3_step(statement)
        // Reset even on failure, so the statement can be finalized or used again.
        sqlite3_reset(statement)
        column = 1
        guard code == SQLITE_DONE else { throw error(code, statement) }
    }

    /// Binds `s` up to its first NUL, copied, as GRDB binds a `String`.
    private static func bind(_ s: String, _ statement: SQLiteStatement, _ column: CInt) -> CInt {
        var s = s
        return s.withUTF8 { utf8 in
            let n = utf8.firstIndex(of: 0) ?? utf8.count
            guard n > 0, let base = utf8.baseAddress else { return sqlite3_bind_text(statement, column, "", 0, transient) }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: n) {
                sqlite3_bind_text(statement, column, $0, CInt(n), transient)
            }
        }
    }

    /// Checks a bind's result code and moves to the next column.
    private mutating func check(_ code: CInt) throws {
        guard code == SQLITE_OK else { throw error(code, handle) }
        column += 1
    }

    private func error(_ code: CInt, _ statement: SQLiteStatement) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))),
                      sql: String(cString: sqlite3_sql(statement)))
    }

    /// SQLite's `SQLITE_TRANSIENT`: the value is copied before the bind returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }
}
