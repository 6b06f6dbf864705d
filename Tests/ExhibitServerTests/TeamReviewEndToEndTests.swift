import Foundation
import Testing

/// Runs `Tests/e2e/team-review.sh` (two review screens in tmux on one `exhibit serve`,
/// a throwaway PostgreSQL cluster, push and pull) against the `exhibit` that `swift
/// test` built. The script prints `N passed, N failed`; a failure here shows its output.
@Suite(.serialized) struct TeamReviewEndToEndTests {
    static var hasTmux: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("e2e/team-review.sh").path
    }

    @Test(.enabled(if: hasTmux && PostgresCluster.unavailable == nil && ExhibitBinary.path != nil,
                   "needs tmux, PostgreSQL (initdb, pg_ctl) and the exhibit executable"))
    func twoScreensOnOneServer() throws {
        let (status, output) = try Subprocess.run(["/bin/bash", Self.script, ExhibitBinary.path!])
        #expect(status == 0, "\(output)")
        #expect(output.contains(" passed, 0 failed"), "\(output)")
        #expect(!output.contains("skip -"), "\(output)")
    }
}
