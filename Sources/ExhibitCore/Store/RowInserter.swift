import GRDB
import GRDBSQLite

/// One prepared `INSERT` whose values are bound straight through SQLite's C API
/// (`Statement.sqliteStatement`), a column at a time, then stepped once per row.
///
/// Why: `Statement.execute(arguments:)` boxes every value of a row as an existential,
/// converts it to a `DatabaseValue` and retains and releases each on the way; writing
/// a large case's store (hundreds of thousands of rows) spent more time there than in
/// SQLite. Values are bound as GRDB binds them (text up to its first NUL and copied,
/// integers and booleans as 64-bit integers, nil as NULL), so the rows are the same.
struct RowInserter {
    /// Kept so the raw statement outlives its use here.
    private let statement: Statement
    private let handle: SQLiteStatement
    /// 1-based index of the next column to bind.
    private var column: CInt = 1

    /// Prepares `sql`, an `INSERT` with one `?` per column.
    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    mutating func int(_ v: Int) throws {
        try check(sqlite3_bind_int64(handle, column, Int64(v)))
    }

    mutating func bool(_ v: Bool) throws {
        try check(sqlite3_bind_int64(handle, column, v ? 1 : 0))
    }

    mutating func double(_ v: Double) throws {
        try check(sqlite3_bind_double(handle, column, v))
    }

    mutating func text(_ s: String) throws {
        try check(sqlite3_bind_text(handle, column, s, -1, Self.transient))
    }

    /// `s`, or NULL when nil.
    mutating func text(_ s: String?) throws {
        guard let s else { return try check(sqlite3_bind_null(handle, column)) }
        try text(s)
    }

    /// Binds `blob` as the row's last column and inserts the row. The bytes are bound
    /// without a copy: SQLite reads them only while the row is stepped, inside this call.
    mutating func insert(blob: [UInt8]) throws {
        try blob.withUnsafeBytes { bytes in
            try check(sqlite3_bind_blob(handle, column, bytes.baseAddress, CInt(bytes.count), nil /* SQLITE_STATIC */))
            try insert()
        }
    }

    /// Inserts the row bound so far; the next bind starts again at the first column.
    mutating func insert() throws {
        let code = sqlite3_step(handle)
        // Reset even on failure, so the statement can be finalized or used again.
        sqlite3_reset(handle)
        column = 1
        guard code == SQLITE_DONE else { throw error(code) }
    }

    /// Checks a bind's result code and moves to the next column.
    private mutating func check(_ code: CInt) throws {
        guard code == SQLITE_OK else { throw error(code) }
        column += 1
    }

    private func error(_ code: CInt) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code),
                      message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                      sql: String(cString: sqlite3_sql(handle)))
    }

    /// SQLite's `SQLITE_TRANSIENT`: the value is copied before the bind returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self) }
}
