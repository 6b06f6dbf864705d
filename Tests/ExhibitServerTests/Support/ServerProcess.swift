import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built `exhibit` executable, run as a child process.
enum ExhibitBinary {
    /// `.build/<config>/exhibit`, beside the test bundle, or nil when it was not built.
    static var path: String? {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [folder, folder.deletingLastPathComponent()] {
            let p = dir.appendingPathComponent("exhibit").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Runs `exhibit ARGS…` to its end.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        guard let path else { throw Subprocess.Failure(description: "the exhibit executable was not built") }
        return try Subprocess.run([path] + arguments)
    }

    /// `exhibit serve user add NAME --role ROLE --db URL`: the token, its last line.
    static func addUser(_ name: String, role: String, db: String) throws -> String {
        let (status, output) = try run(["serve", "user", "add", name, "--role", role, "--db", db])
        guard status == 0, let token = output.split(separator: "\n").last.map(String.init) else {
            throw Subprocess.Failure(description: "user add failed (\(status)): \(output)")
        }
        return token
    }
}

/// `exhibit serve` running as a child process on a loopback port.
final class ServerProcess {
    let db: String
    let port: Int
    let log: String
    private(set) var pid: pid_t = 0
    /// `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    init(db: String, port: Int, log: String, pageSize: Int = 100) throws {
        self.db = db
        self.port = port
        self.log = log
        try start(pageSize: pageSize)
    }

    /// Starts the server and waits (up to 60 s) until it says it listens.
    func start(pageSize: Int = 100) throws {
        guard let path = ExhibitBinary.path else { throw Subprocess.Failure(description: "the exhibit executable was not built") }
        let before = (FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) })?.components(separatedBy: "listening on").count ?? 1
        pid = try Subprocess.spawn([path, "serve", "--db", db, "--listen", "127.0.0.1:\(port)", "--page-size", "\(pageSize)"],
                                   output: log)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) }) ?? ""
            if text.components(separatedBy: "listening on").count > before { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                pid = 0
                throw Subprocess.Failure(description: "exhibit serve exited:\n\(text)")
            }
            usleep(20_000)
        }
        throw Subprocess.Failure(description: "exhibit serve did not start within 60 s")
    }

    /// Sends `signal` and waits for the process to end.
    func stop(_ signal: Int32 = SIGTERM) {
        guard pid > 0 else { return }
        kill(pid, signal)
        Subprocess.wait(pid)
        pid = 0
    }

    deinit { stop(SIGKILL) }
}
