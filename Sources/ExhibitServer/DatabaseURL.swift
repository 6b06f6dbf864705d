import Foundation
import PostgresNIO

/// Where the review server's PostgreSQL is: a libpq-style URL,
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, or a Unix socket with
/// `postgres://USER@/DATABASE?host=/socket/folder` (the socket file is
/// `/socket/folder/.s.PGSQL.PORT`, port 5432 unless given with `?port=` or in the authority).
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public var user: String
    public var password: String?
    /// Host name or address; nil when `socketFolder` is set.
    public var host: String?
    public var port: Int
    public var database: String
    /// Folder of the server's Unix socket, or nil for TCP.
    public var socketFolder: String?

    /// Why a `--db` value is not a PostgreSQL URL.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// Parses `text`.
    /// - Throws: `Invalid` naming what is wrong.
    public init(_ text: String) throws {
        guard let c = URLComponents(string: text), let scheme = c.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw Invalid(description: "--db must be a postgres:// URL (postgres://USER@HOST:PORT/DATABASE), got '\(text)'")
        }
        let query = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        guard let user = c.user ?? query["user"], !user.isEmpty else {
            throw Invalid(description: "--db '\(text)' names no user (postgres://USER@HOST/DATABASE)")
        }
        let database = String(c.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw Invalid(description: "--db '\(text)' names no database (postgres://USER@HOST/DATABASE)")
        }
        self.user = user
        self.password = c.password
        self.database = database
        if let p = query["port"] {
            guard let n = Int(p), (1...65535).contains(n) else { throw Invalid(description: "--db port '\(p)' is not a port") }
            port = n
        } else {
            port = c.port ?? 5432
        }
        if let folder = query["host"], folder.hasPrefix("/") {
            socketFolder = folder
            host = nil
        } else {
            socketFolder = nil
            host = (c.host?.isEmpty == false ? c.host : nil) ?? "localhost"
        }
    }

    /// The URL without its password, for messages.
    public var description: String {
        if let socketFolder { return "postgres://\(user)@/\(database)?host=\(socketFolder)&port=\(port)" }
        return "postgres://\(user)@\(host ?? "localhost"):\(port)/\(database)"
    }

    /// The client configuration (TLS to the database is not used: the database is
    /// expected on the same host or a private network).
    var configuration: PostgresClient.Configuration {
        if let socketFolder {
            return .init(unixSocketPath: socketFolder + "/.s.PGSQL.\(port)", username: user, password: password,
                         database: database)
        }
        return .init(host: host ?? "localhost", port: port, username: user, password: password, database: database,
                     tls: .disable)
    }
}
