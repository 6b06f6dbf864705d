import ExhibitClient
import ExhibitCore
import Foundation
import Testing

/// Answers the tester found wrong in `exhibit serve`, each against a real PostgreSQL.
@Suite(.serialized, .enabled(if: PostgresCluster.unavailable == nil && ExhibitBinary.path != nil,
                              "needs PostgreSQL (initdb, pg_ctl) and the exhibit executable"))
struct ServeFindingsTests {
    @Test func deleteNamesItsDeletionRecord() throws {
        let f = try ReviewFixture()
        let alice = f.client("alice")
        let a = Sample.annotation(1)
        #expect(try alice.create(a).status == 201)
        let deletion = Annotation.newID()
        let deleted = try alice.delete(annotation: a.id, ifMatch: a.id, recordID: deletion)
        #expect(deleted.status == 204)
        #expect(deleted.headers["exhibit-record"] == deletion)
        // Without Exhibit-Record the server makes the id and names it; the feed agrees.
        let b = Sample.annotation(2)
        #expect(try alice.create(b).status == 201)
        let unnamed = try alice.send("DELETE", alice.path(of: b.id))
        #expect(unnamed.status == 204)
        let named = try #require(unnamed.headers["exhibit-record"])
        #expect(named.hasPrefix("urn:uuid:") && named != deletion)
        #expect(try alice.allEvents().last?.record.id == named)
    }

    @Test func badEventCursorsAre400() throws {
        let f = try ReviewFixture()
        let alice = f.client("alice")
        #expect(try alice.create(Sample.annotation(1)).status == 201)
        for after in ["abc", "99999999999999999999", "-5", ""] {
            let reply = try alice.send("GET", "/cases/case-1/events?after=\(after)")
            #expect(reply.status == 400, "after=\(after)")
            #expect(String(decoding: reply.body, as: UTF8.self).contains("after must be"))
        }
        #expect(try alice.send("GET", "/cases/case-1/events?after=0").status == 200)
    }

    @Test func aPagePastTheLastIsNoSuchPage() throws {
        let f = try ReviewFixture(pageSize: 2)
        let alice = f.client("alice")
        for n in 1...3 { #expect(try alice.create(Sample.annotation(n)).status == 201) }
        #expect(try alice.send("GET", alice.containerPath + "?page=1").status == 200)
        let past = try alice.send("GET", alice.containerPath + "?page=2")
        #expect(past.status == 404)
        let text = String(decoding: past.body, as: UTF8.self)
        #expect(text.contains("no such page") && !text.contains("no such annotation"))
    }

    @Test func aResentCreateOfADeletedAnnotationIsGone() throws {
        let f = try ReviewFixture()
        let alice = f.client("alice")
        let a = Sample.annotation(1, note: "live")
        #expect(try alice.create(a).status == 201)
        #expect(try alice.create(a).status == 200)
        #expect(try alice.delete(annotation: a.id, ifMatch: nil, recordID: Annotation.newID()).status == 204)
        let resent = try alice.send("POST", alice.containerPath, body: Array(AnnotationJSON.line(a).utf8))
        #expect(resent.status == 410)
        #expect(String(decoding: resent.body, as: UTF8.self).contains("deleted"))
        #expect(try alice.send("GET", alice.path(of: a.id)).status == 410)
    }

    @Test func anOversizedBodyIs413WithTheLimit() throws {
        let f = try ReviewFixture()
        let alice = f.client("alice")
        // 3 MiB: over the server's limit of 2 MiB (2097152 bytes).
        let huge = [UInt8](repeating: UInt8(ascii: " "), count: 3 * 1024 * 1024)
        let reply = try alice.send("POST", alice.containerPath, body: huge)
        #expect(reply.status == 413)
        #expect(String(decoding: reply.body, as: UTF8.self).contains("2097152 bytes"))
    }

    @Test func verifyComparesEachCurrentRowWithItsLastEvent() throws {
        let f = try ReviewFixture()
        let alice = f.client("alice")
        let records = (1...3).map { Sample.annotation($0, note: "note-\($0)") }
        for r in records { #expect(try alice.create(r).status == 201) }
        let edit = records[1].revised(body: AnnotationBody(tag: "follow-up", note: "edited"))
        #expect(try alice.update(annotation: records[1].id, ifMatch: records[1].id, edit).status == 200)
        #expect(try alice.delete(annotation: records[2].id, ifMatch: nil, recordID: Annotation.newID()).status == 204)

        let clean = try ExhibitBinary.run(["serve", "verify", "--db", f.db])
        #expect(clean.status == 0 && clean.output.contains("current rows verified: 3 annotations"), "\(clean.output)")

        // The current row is changed behind the log's back: the chain still holds, the row does not.
        try f.cluster.psql("review", "UPDATE exhibit_annotations SET record = replace(record, 'edited', 'forged') WHERE id = '\(records[1].id)'")
        let forged = try ExhibitBinary.run(["serve", "verify", "--db", f.db])
        #expect(forged.status == 1, "\(forged.output)")
        #expect(forged.output.contains("chain verified: 5 events"))
        #expect(forged.output.contains("current rows differ: annotation \(records[1].id) of case case-1"), "\(forged.output)")

        // An undeleted row is named too.
        try f.cluster.psql("review", "UPDATE exhibit_annotations SET record = replace(record, 'forged', 'edited')")
        try f.cluster.psql("review", "UPDATE exhibit_annotations SET deleted = false WHERE id = '\(records[2].id)'")
        let undeleted = try ExhibitBinary.run(["serve", "verify", "--db", f.db])
        #expect(undeleted.status == 1 && undeleted.output.contains("annotation \(records[2].id) of case case-1"),
                "\(undeleted.output)")
    }
}

/// Local failures of the client are not presented as the server's answers.
struct ClientTokenFileTests {
    @Test func anUnreadableTokenFileIsNotAServerAnswer() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-no-token-\(UUID())").path
        do {
            _ = try ReviewClient.token(fromFile: missing)
            Issue.record("a missing token file was read")
        } catch {
            let text = "\(error)"
            #expect(text == "cannot read the token file \(missing)")
            #expect(!text.contains("server"))
        }
    }
}
