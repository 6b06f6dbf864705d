import ExhibitClient
import ExhibitCore
import Foundation

/// A throwaway PostgreSQL cluster, a database, `exhibit serve` on it, and four users:
/// `lead` (lead), `alice` and `bob` (reviewers), `reader` (read-only).
final class ReviewFixture {
    let cluster: PostgresCluster
    let db: String
    let server: ServerProcess
    let tokens: [String: String]
    let folder: String

    init(pageSize: Int = 100) throws {
        cluster = try PostgresCluster()
        do {
            db = try cluster.createDatabase("review")
            var tokens: [String: String] = [:]
            for (name, role) in [("lead", "lead"), ("alice", "reviewer"), ("bob", "reviewer"), ("reader", "read-only")] {
                tokens[name] = try ExhibitBinary.addUser(name, role: role, db: db)
            }
            self.tokens = tokens
            folder = cluster.folder + "-server"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            server = try ServerProcess(db: db, port: try PostgresCluster.freePort(), log: folder + "/serve.log", pageSize: pageSize)
        } catch {
            cluster.stop()
            throw error
        }
    }

    /// A client of case `caseID` signed in as `user` (a fixture name or a raw token).
    func client(_ user: String, case caseID: String = "case-1") -> ReviewClient {
        ReviewClient(server: server.url, caseID: caseID, token: tokens[user] ?? user)
    }

    deinit {
        server.stop(SIGKILL)
        cluster.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// Annotations for the tests: hand-made targets in an output of 1000 scalars.
enum Sample {
    static let sha = String(repeating: "ab", count: 32)

    static func annotation(_ n: Int, tag: String = "key-passage", note: String = "", source: String = "outputs/run.jsonl#7") -> Annotation {
        Annotation(created: "2026-01-01T00:00:00.000Z", creator: "local",
                   target: AnnotationTarget(source: source, sha256: sha,
                                            position: TextPositionSelector(start: n * 10, end: n * 10 + 8),
                                            quote: TextQuoteSelector(exact: "quote \(n)", prefix: "before ", suffix: " after")),
                   body: AnnotationBody(tag: tag, note: note))
    }
}
