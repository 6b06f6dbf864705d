import Foundation
import Synchronization
import Testing

/// Runs `Tests/e2e/annotate-real-case.sh` against the `exhibit` that
/// `swift test` built, on `../shared/cases/recap-novels` (or
/// `$EXHIBIT_SHARED/cases/recap-novels`), when tmux is installed. The script
/// copies the case to a temporary folder, prints `N passed, N failed`, and
/// skips when the case is absent; a failure here shows its output.
@Suite(.serialized) struct AnnotateEndToEndTests {
    /// `.build/<config>/`: the test bundle's folder, where the executables are too.
    static var buildFolder: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    static var exhibit: String? {
        for dir in [buildFolder, buildFolder.deletingLastPathComponent()] {
            let path = dir.appendingPathComponent("exhibit").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static var hasTmux: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }

    static var realCase: String {
        let shared = ProcessInfo.processInfo.environment["EXHIBIT_SHARED"]
            ?? AppFixture.root.deletingLastPathComponent().appendingPathComponent("shared").path
        return shared + "/cases/recap-novels"
    }

    /// Runs `process` to its end from a thread whose signals are unblocked:
    /// test code runs on dispatch worker threads, which block most signals,
    /// and a child inherits that mask (tmux's kill-server, a SIGTERM the
    /// server sends itself, would then never arrive).
    static func runUnblocked(_ process: Process) throws {
        let failure = Mutex<(any Error)?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var none = sigset_t()
            sigemptyset(&none)
            pthread_sigmask(SIG_SETMASK, &none, nil)
            do {
                try process.run()
                process.waitUntilExit()
            } catch {
                failure.withLock { $0 = error }
            }
            done.signal()
        }
        thread.start()
        done.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    @Test(.enabled(if: hasTmux, "tmux is not installed"))
    func annotateQuitReopenOnTheRealCase() throws {
        let bin = try #require(Self.exhibit, "exhibit is not built beside \(Self.buildFolder.path)")
        let script = AppFixture.root.appendingPathComponent("Tests/e2e/annotate-real-case.sh").path
        // The script's tmux server inherits its output: a pipe would never
        // reach end-of-file while the server lives, so the output goes to a file.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-annotate-e2e-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let out = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, Self.realCase, bin]
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "interactive=no"
        process.environment = env
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try Self.runUnblocked(process)
        try out.close()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(output)")
        #expect(output.contains(" passed, 0 failed"), "\(output)")
    }
}
