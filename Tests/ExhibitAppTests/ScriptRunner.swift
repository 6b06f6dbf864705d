import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a shell script with its output in a file and waits for it with
/// `waitpid`. Not Foundation's `Process`: on Linux it learns that a child
/// ended from a socket the child inherits, and a tmux server the script
/// starts inherits it too, so `waitUntilExit` can wait forever
/// (swift-corelibs-foundation issue 4795).
enum ScriptRunner {
    struct Result {
        var status: Int32
        var output: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `/bin/bash script arguments…` with `environment` added, killing
    /// it (and its process group) after `timeout` seconds.
    static func run(_ script: String, _ arguments: [String], environment: [String: String] = [:],
                    timeout: Double = 900) throws -> Result {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-e2e-\(UUID().uuidString).log").path
        defer { unlink(log) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // Its own process group (to kill it all on timeout), default signal
        // handling and an empty signal mask, whatever the test runner uses.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGCHLD, SIGWINCH] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = (["/bin/bash", script] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/bash", &actions, &attributes, argv, envp)
        guard rc == 0 else { throw Failure(description: "posix_spawn failed: \(String(cString: strerror(rc)))") }

        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw Failure(description: "waitpid failed: \(String(cString: strerror(errno)))") }
            if Date() > deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                let output = report(log)
                throw Failure(description: "timed out after \(Int(timeout)) s:\n\(output)")
            }
            usleep(50_000)
        }
        let output = report(log)
        // Exit status when it exited, else 128 + the signal, as a shell reports it.
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: code, output: output)
    }

    /// The script's output, invalid UTF-8 replaced (U+FFFD): a script that quotes a
    /// file's last bytes may cut a character, and a strict decoding would lose the
    /// whole report, as it once did in CI.
    static func report(_ log: String) -> String {
        FileManager.default.contents(atPath: log).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
