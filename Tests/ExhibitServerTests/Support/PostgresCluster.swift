import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for one test: `initdb` into a temporary folder, `pg_ctl
/// start` on a free loopback port (its Unix socket in the same folder), `stop` removes
/// it. As root (CI), the cluster runs as the unprivileged `postgres` user (`initdb`
/// refuses root) through `runuser`, and the folder is handed to that user.
final class PostgresCluster {
    let folder: String
    let port: Int
    /// The superuser initdb creates (`-U`), trusted on loopback.
    let user = "exhibit"
    private let asUser: [String]
    private let bin: String
    private var running = false

    /// The folder holding initdb, pg_ctl and psql, or nil when PostgreSQL is not installed.
    static var binFolder: String? {
        var candidates = ["/usr/lib/postgresql/15/bin"]
        if let dirs = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            candidates += dirs.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        }
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0 + "/initdb")
            && FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }

    /// Why the tests skip, or nil when they can run.
    static var unavailable: String? {
        binFolder == nil ? "PostgreSQL is not installed (no initdb/pg_ctl; .ci/run installs Debian's postgresql)" : nil
    }

    /// Creates and starts a cluster.
    init() throws {
        guard let bin = Self.binFolder else { throw Subprocess.Failure(description: Self.unavailable!) }
        self.bin = bin
        var template = Array((FileManager.default.temporaryDirectory.path + "/exhibit-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw Subprocess.Failure(description: "mkdtemp failed") }
        folder = String(cString: made)
        port = try Self.freePort()
        if getuid() == 0 {
            asUser = ["runuser", "-u", "postgres", "--"]
            guard let pw = getpwnam("postgres") else {
                throw Subprocess.Failure(description: "running as root and there is no 'postgres' user for the cluster")
            }
            chown(folder, pw.pointee.pw_uid, pw.pointee.pw_gid)
            chmod(folder, 0o700)
        } else {
            asUser = []
        }
        try Subprocess.check(asUser + [bin + "/initdb", "-D", folder + "/data", "-U", user, "--auth=trust",
                                       "-E", "UTF8", "--locale=C", "--no-sync"])
        try Subprocess.check(asUser + [bin + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/postgres.log", "-w", "-t", "60",
                                       "-o", "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c max_connections=200",
                                       "start"])
        running = true
    }

    /// Creates database `name` and returns its URL for `--db`.
    func createDatabase(_ name: String) throws -> String {
        try psql("postgres", "CREATE DATABASE \(name)")
        return url(name)
    }

    /// `postgres://exhibit@127.0.0.1:PORT/NAME`.
    func url(_ name: String) -> String { "postgres://\(user)@127.0.0.1:\(port)/\(name)" }

    /// Runs `sql` with psql against database `db`; returns its unaligned, tuples-only output.
    @discardableResult
    func psql(_ db: String, _ sql: String) throws -> String {
        let psql = FileManager.default.isExecutableFile(atPath: bin + "/psql") ? bin + "/psql" : "psql"
        return try Subprocess.check([psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", "\(port)",
                                     "-U", user, "-d", db, "-c", sql])
    }

    /// Stops the server and removes the folder.
    func stop() {
        if running {
            _ = try? Subprocess.run(asUser + [bin + "/pg_ctl", "-D", folder + "/data", "-m", "immediate", "-w", "stop"])
            running = false
        }
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit { stop() }

    /// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Subprocess.Failure(description: "socket failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Bool in
                bind(fd, p, len) == 0 && getsockname(fd, p, &len) == 0
            }
        }
        guard bound else { throw Subprocess.Failure(description: "bind failed") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
