import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Child processes for the server tests, with posix_spawn rather than Foundation's
/// `Process`: on Linux `Process` learns that a child ended through a socket the child
/// inherits, and a daemon the child starts (postgres under pg_ctl) inherits it too, so
/// waiting could last forever (swift-corelibs-foundation issue 4795).
enum Subprocess {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `argv` with stdin from /dev/null and stdout and stderr into `output`;
    /// returns its pid. Signals unblocked and default, whatever the test thread has.
    static func spawn(_ argv: [String], output: String, environment: [String: String] = [:]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
        guard rc == 0 else { throw Failure(description: "cannot start \(argv[0]): \(String(cString: strerror(rc)))") }
        return pid
    }

    /// Waits for `pid`; returns its exit status (128 + signal when killed).
    @discardableResult
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// Runs `argv` to its end; returns status and output (stdout and stderr together).
    static func run(_ argv: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-sub-\(UUID().uuidString).log").path
        defer { unlink(log) }
        let pid = try spawn(argv, output: log, environment: environment)
        let status = wait(pid)
        return (status, (FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) }) ?? "")
    }

    /// Runs `argv` and throws with its output unless it exits 0.
    @discardableResult
    static func check(_ argv: [String], environment: [String: String] = [:]) throws -> String {
        let (status, output) = try run(argv, environment: environment)
        guard status == 0 else {
            throw Failure(description: "\(argv.joined(separator: " ")) exited \(status):\n\(output)")
        }
        return output
    }
}
