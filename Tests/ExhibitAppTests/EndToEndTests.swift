import Foundation
import Testing

/// Runs the tmux end-to-end scripts against the binaries `swift test` built
/// beside the test bundle, when tmux is installed. Each script prints its
/// own `N passed, N failed`; a failure here shows its output.
@Suite(.serialized) struct EndToEndTests {
    /// `.build/<config>/`, where the test bundle and the executables are.
    static var binDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    static func executable(_ name: String) -> String? {
        let dir = binDirectory
        for d in [dir, dir.deletingLastPathComponent()] {
            let path = d.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static var tmuxAvailable: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }

    /// `../shared/cases/recap-novels` beside the checkout, or `$EXHIBIT_SHARED/cases/recap-novels`.
    static var recapNovels: String {
        let shared = ProcessInfo.processInfo.environment["EXHIBIT_SHARED"]
            ?? AppFixture.root.deletingLastPathComponent().appendingPathComponent("shared").path
        return shared + "/cases/recap-novels"
    }

    static func runScript(_ name: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let script = AppFixture.root.appendingPathComponent("Tests/e2e/\(name)").path
        let r = try ScriptRunner.run(script, arguments, environment: ["SWIFT_BACKTRACE": "interactive=no"])
        // The script's own report, in the test log.
        print("\(name):\n" + r.output)
        return (r.status, r.output)
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"))
    func reviewScreenOnTheRealCase() throws {
        let exhibit = try #require(Self.executable("exhibit"), "exhibit not built beside \(Self.binDirectory.path)")
        let r = try Self.runScript("review-real-case.sh", [Self.recapNovels, exhibit])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains(" passed, 0 failed"), "\(r.output)")
    }

    /// Issue 9: orphaned notes, bracketed paste, NO_COLOR and TERM=dumb, resize (cases of its own).
    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"))
    func notesAndTerminals() throws {
        let exhibit = try #require(Self.executable("exhibit"), "exhibit not built beside \(Self.binDirectory.path)")
        let r = try Self.runScript("notes-and-terminals.sh", [exhibit])
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains(" passed, 0 failed"), "\(r.output)")
    }

    @Test(.enabled(if: tmuxAvailable, "tmux is not installed"))
    func terminalLayerDemo() throws {
        let demo = try #require(Self.executable("exhibit-tui-demo"), "exhibit-tui-demo not built beside \(Self.binDirectory.path)")
        let r = try Self.runScript("tui-demo.sh", [demo])
        #expect(r.status == 0, "\(r.output)")
    }
}
