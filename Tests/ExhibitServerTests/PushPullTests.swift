import ExhibitClient
import ExhibitCore
import Foundation
import Testing

/// `exhibit annotations push|pull` between a case's annotations.jsonl and a server.
@Suite(.serialized, .enabled(if: PostgresCluster.unavailable == nil && ExhibitBinary.path != nil,
                              "needs PostgreSQL (initdb, pg_ctl) and the exhibit executable"))
struct PushPullTests {
    static let work = "It was the best of times, it was the worst of times, it was the age of wisdom."
    static let output = "The model wrote: it was the best of times, it was the worst of times, and then stopped."

    /// A case folder named `name` under `parent`, with `case.toml` id `shared-case`.
    static func makeCase(_ parent: String, _ name: String) throws -> String {
        let root = parent + "/" + name
        try FileManager.default.createDirectory(atPath: root + "/works", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/outputs", withIntermediateDirectories: true)
        try "id = \"shared-case\"\ntitle = \"Push and pull\"\n".write(toFile: root + "/case.toml", atomically: true, encoding: .utf8)
        try work.write(toFile: root + "/works/dickens.txt", atomically: true, encoding: .utf8)
        try output.write(toFile: root + "/outputs/run1.txt", atomically: true, encoding: .utf8)
        return root
    }

    @Test func pushThenPullIntoAnEmptyCaseWithoutDuplicates() throws {
        let f = try ReviewFixture()
        let local = try Self.makeCase(f.folder, "local")
        let empty = try Self.makeCase(f.folder, "empty")
        let tokenFile = f.folder + "/alice.token"
        try (f.tokens["alice"]! + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)

        // A local history: two annotations, an edit, a deletion, a review status.
        let kase = try CaseLoader.load(path: local)
        #expect(kase.reviewID == "shared-case")
        let a = try AnnotationEditing.annotate(kase, source: "works/dickens.txt", range: 0..<26, tag: "key-passage", note: "opening")
        let b = try AnnotationEditing.annotate(kase, source: "outputs/run1.txt", range: 17..<42, tag: "follow-up")
        let a2 = try AnnotationEditing.revise(kase, id: a.id, note: "opening, <b>edited</b>")
        let gone = try AnnotationEditing.delete(kase, id: b.id)
        let status = try AnnotationEditing.setStatus(kase, source: "outputs/run1.txt", range: 17..<68, status: .reviewed)

        let push = try ExhibitBinary.run(["annotations", "push", local, "--server", f.server.url, "--token-file", tokenFile])
        #expect(push.status == 0, "\(push.output)")
        #expect(push.output.contains("pushed shared-case: 5 sent, 0 already there"), "\(push.output)")
        // Again: nothing new.
        let again = try ExhibitBinary.run(["annotations", "push", local, "--server", f.server.url, "--token-file", tokenFile])
        #expect(again.status == 0, "\(again.output)")
        let events = try f.client("alice", case: "shared-case").allEvents()
        #expect(events.map(\.record.id) == [a.id, b.id, a2.id, gone.id, status.id])
        #expect(events.map(\.action) == ["create", "create", "update", "delete", "create"])

        // Pull into the empty copy: the same records, the same current annotations and status.
        let pull = try ExhibitBinary.run(["annotations", "pull", empty, "--server", f.server.url, "--token-file", tokenFile])
        #expect(pull.status == 0 && pull.output.contains("5 new records, 0 already here"), "\(pull.output)")
        let pulled = try CaseAnnotations.load(try CaseLoader.load(path: empty))
        #expect(pulled.current.map(\.annotation.id) == [a2.id])
        #expect(pulled.current.first?.annotation.body.note == "opening, <b>edited</b>")
        #expect(pulled.current.first?.entry.root == a.id)
        #expect(pulled.review(of: "outputs/run1.txt", range: 20..<30)?.status == .reviewed)
        #expect(pulled.review(of: "outputs/run1.txt", range: 20..<30)?.by == "alice")
        #expect(pulled.warnings.isEmpty)
        let pullAgain = try ExhibitBinary.run(["annotations", "pull", empty, "--server", f.server.url, "--token-file", tokenFile])
        #expect(pullAgain.output.contains("0 new records, 5 already here"), "\(pullAgain.output)")
        // Pulling into the case that pushed adds nothing either.
        let back = try ExhibitBinary.run(["annotations", "pull", local, "--server", f.server.url, "--token-file", tokenFile])
        #expect(back.output.contains("0 new records, 5 already here"), "\(back.output)")

        // The listing still works beside the new subcommands.
        let list = try ExhibitBinary.run(["annotations", empty])
        #expect(list.status == 0 && list.output.contains("1 annotations"), "\(list.output)")
    }

    @Test func theServerStoreQueuesWhileOfflineAndSendsWhenBack() throws {
        let f = try ReviewFixture()
        let root = try Self.makeCase(f.folder, "screen")
        let kase = try CaseLoader.load(path: root)
        let queue = root + "/annotations.unsent.jsonl"
        let store = ServerAnnotationStore(client: f.client("alice", case: kase.reviewID), queuePath: queue)
        let other = ServerAnnotationStore(client: f.client("bob", case: kase.reviewID), queuePath: f.folder + "/bob.unsent.jsonl")

        let a = try AnnotationEditing.annotate(kase, source: "works/dickens.txt", range: 0..<26, tag: "key-passage",
                                               store: store)
        #expect(store.connection == .init(online: true, unsent: 0, refused: nil))
        #expect(other.poll())
        #expect(try CaseAnnotations.load(kase, store: other).current.map(\.annotation.id) == [a.id])

        // Bob may not edit Alice's note: the screen is told, nothing is kept.
        #expect(throws: ReviewClient.Failure.self) { try AnnotationEditing.revise(kase, id: a.id, note: "bob's", store: other) }

        // Offline: kept in the queue file, shown in the store's own reads.
        f.server.stop(SIGKILL)
        let edit = try AnnotationEditing.revise(kase, id: a.id, note: "written offline", store: store)
        let status = try AnnotationEditing.setStatus(kase, source: "outputs/run1.txt", range: 17..<42, status: .flagged, store: store)
        #expect(store.connection.online == false && store.connection.unsent == 2)
        #expect(FileManager.default.fileExists(atPath: queue))
        #expect(try CaseAnnotations.load(kase, store: store).current.first?.annotation.body.note == "written offline")

        // Back: the queue goes out in order and is emptied; Bob sees both.
        try f.server.start()
        #expect(store.poll())
        #expect(store.connection == .init(online: true, unsent: 0, refused: nil))
        #expect(!FileManager.default.fileExists(atPath: queue))
        #expect(other.poll())
        let seen = try CaseAnnotations.load(kase, store: other)
        #expect(seen.current.map(\.annotation.id) == [edit.id])
        #expect(seen.review(of: "outputs/run1.txt", range: 17..<42)?.status == .flagged)
        #expect(seen.review(of: "outputs/run1.txt", range: 17..<42)?.record == status.id)
    }
}
