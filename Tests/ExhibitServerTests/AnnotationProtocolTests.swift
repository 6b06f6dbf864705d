import ExhibitClient
import ExhibitCore
import Foundation
import Testing

/// The W3C Web Annotation Protocol against `exhibit serve` on a real PostgreSQL.
@Suite(.serialized, .enabled(if: PostgresCluster.unavailable == nil && ExhibitBinary.path != nil,
                              "needs PostgreSQL (initdb, pg_ctl) and the exhibit executable"))
struct AnnotationProtocolTests {
    @Test func createReadPageEditConflictDelete() throws {
        let f = try ReviewFixture(pageSize: 2)
        let alice = f.client("alice")

        // Create: 201 with Location and a strong ETag naming the record.
        let first = Sample.annotation(1, note: "first")
        let created = try alice.create(first)
        #expect(created.status == 201)
        #expect(created.headers["location"] == f.server.url + alice.path(of: first.id))
        #expect(created.etag == "\"\(first.id)\"")
        #expect(created.headers["content-type"]?.hasPrefix("application/ld+json") == true)

        // Read one: the §5 body and target, the server's creator and the lasting id in `via`.
        let read = try alice.expect([200], alice.send("GET", alice.path(of: first.id)))
        let object = try #require(read.object)
        #expect(object["id"] as? String == f.server.url + alice.path(of: first.id))
        #expect(object["via"] as? String == first.id)
        #expect(object["creator"] as? String == "alice")
        #expect((object["body"] as? [String: Any])?["note"] as? String == "first")
        let selectors = try #require((object["target"] as? [String: Any])?["selector"] as? [[String: Any]])
        #expect(selectors.count == 2)
        #expect(selectors[0]["start"] as? Int == 10 && selectors[0]["end"] as? Int == 18)
        #expect(selectors[1]["exact"] as? String == "quote 1")
        #expect((object["target"] as? [String: Any])?["sha256"] as? String == Sample.sha)
        #expect(read.etag == created.etag)

        // Resending the same record makes no second annotation.
        #expect(try alice.create(first).status == 200)

        // Page: 5 annotations, 2 a page.
        let more = (2...5).map { Sample.annotation($0) }
        for a in more { #expect(try alice.create(a).status == 201) }
        let container = try #require(try alice.expect([200], alice.send("GET", alice.containerPath)).object)
        #expect(container["total"] as? Int == 5)
        #expect(container["last"] as? String == f.server.url + alice.containerPath + "?page=2")
        let page0 = try #require(try alice.expect([200], alice.send("GET", alice.containerPath + "?page=0")).object)
        #expect((page0["items"] as? [Any])?.count == 2)
        #expect(page0["next"] as? String == f.server.url + alice.containerPath + "?page=1")
        #expect(page0["prev"] == nil)
        let page2 = try #require(try alice.expect([200], alice.send("GET", alice.containerPath + "?page=2")).object)
        let last = try #require(page2["items"] as? [[String: Any]])
        #expect(last.count == 1)
        #expect(last.first?["via"] as? String == more.last?.id)
        #expect(page2["next"] == nil && page2["startIndex"] as? Int == 4)
        #expect(try alice.send("GET", alice.containerPath + "?page=3").status == 404)

        // Edit with the current ETag: a new record, a new ETag.
        let edit = first.revised(body: AnnotationBody(tag: "follow-up", note: "edited"))
        let edited = try alice.update(annotation: first.id, ifMatch: first.id, edit)
        #expect(edited.status == 200)
        #expect(edited.etag == "\"\(edit.id)\"")
        #expect((edited.object?["body"] as? [String: Any])?["tag"] as? String == "follow-up")

        // A stale ETag: 412 with the current one; no If-Match: 428.
        let stale = try alice.update(annotation: first.id, ifMatch: first.id,
                                     first.revised(body: AnnotationBody(tag: "exclude")))
        #expect(stale.status == 412)
        #expect(stale.etag == "\"\(edit.id)\"")
        #expect(try alice.send("PUT", alice.path(of: first.id), body: Array(AnnotationJSON.line(edit).utf8)).status == 428)

        // Delete, then the annotation is gone and the container has one fewer.
        let deletion = Annotation.newID()
        #expect(try alice.delete(annotation: first.id, ifMatch: edit.id, recordID: deletion).status == 204)
        #expect(try alice.send("GET", alice.path(of: first.id)).status == 410)
        #expect(try alice.expect([200], alice.send("GET", alice.containerPath)).object?["total"] as? Int == 4)

        // The feed holds every change in order, each record superseding the one before.
        let events = try alice.allEvents()
        #expect(events.map(\.action) == ["create", "create", "create", "create", "create", "update", "delete"])
        #expect(events[5].record.supersedes == first.id && events[6].record.supersedes == edit.id)
        #expect(events[6].record.id == deletion && events[6].record.deleted)

        // Other cases have their own containers.
        let other = f.client("alice", case: "other case/ü")
        #expect(try other.expect([200], other.send("GET", other.containerPath)).object?["total"] as? Int == 0)
    }

    @Test func rolesAndTokens() throws {
        let f = try ReviewFixture()
        let alice = f.client("alice"), bob = f.client("bob"), lead = f.client("lead"), reader = f.client("reader")
        let a = Sample.annotation(1, note: "alice's")
        #expect(try alice.create(a).status == 201)

        // Missing or unknown token: 401 with a Bearer challenge.
        let none = try ReviewClient(server: f.server.url, caseID: "case-1", token: "")
            .send("GET", alice.containerPath)
        #expect(none.status == 401)
        #expect(none.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
        #expect(try f.client(String(repeating: "0", count: 64)).send("GET", alice.containerPath).status == 401)
        #expect(try f.client(String(repeating: "0", count: 64)).send("POST", alice.containerPath,
                                                                       body: Array(AnnotationJSON.line(Sample.annotation(9)).utf8)).status == 401)

        // Read-only reads but writes nothing.
        #expect(try reader.send("GET", reader.path(of: a.id)).status == 200)
        #expect(try reader.send("POST", reader.containerPath, body: Array(AnnotationJSON.line(Sample.annotation(2)).utf8)).status == 403)
        #expect(try reader.update(annotation: a.id, ifMatch: a.id, a.revised(body: AnnotationBody(tag: "x"))).status == 403)
        #expect(try reader.delete(annotation: a.id, ifMatch: nil, recordID: Annotation.newID()).status == 403)

        // A reviewer cannot change another reviewer's note.
        #expect(try bob.update(annotation: a.id, ifMatch: a.id, a.revised(body: AnnotationBody(tag: "x", note: "bob's"))).status == 403)
        #expect(try bob.delete(annotation: a.id, ifMatch: a.id, recordID: Annotation.newID()).status == 403)

        // Their own, yes; the lead, anyone's.
        let own = a.revised(body: AnnotationBody(tag: "key-passage", note: "alice again"))
        #expect(try alice.update(annotation: a.id, ifMatch: a.id, own).status == 200)
        let adjudicated = own.revised(body: AnnotationBody(tag: "follow-up", note: "lead decides"))
        let byLead = try lead.update(annotation: a.id, ifMatch: own.id, adjudicated)
        #expect(byLead.status == 200)
        #expect(byLead.object?["creator"] as? String == "alice")
        // Still alice's annotation: bob still may not, alice still may.
        #expect(try bob.delete(annotation: a.id, ifMatch: nil, recordID: Annotation.newID()).status == 403)
        #expect(try alice.delete(annotation: a.id, ifMatch: adjudicated.id, recordID: Annotation.newID()).status == 204)

        // Each event is signed by who sent it, whatever the record claimed.
        #expect(try alice.allEvents().map(\.author) == ["alice", "alice", "lead", "alice"])
    }

    @Test func hostileTextRoundTripsAsText() throws {
        let f = try ReviewFixture()
        let alice = f.client("alice")
        let notes = [
            "'); DROP TABLE exhibit_events; -- \" OR 1=1 $$ \\x27",
            "<script>alert(1)</script> &amp; <b onmouseover=\"x\">",
            "\u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{07} \u{9B}2J \r\n\t nul:\u{0} bell:\u{07}",
            "right-to-left \u{202E}evil\u{202C} and emoji 👩‍⚖️ and CJK 著作権",
        ]
        var ids: [String] = []
        for (i, note) in notes.enumerated() {
            let a = Sample.annotation(i, tag: note, note: note)
            ids.append(a.id)
            #expect(try alice.create(a).status == 201)
        }
        for (id, note) in zip(ids, notes) {
            let body = try #require(try alice.expect([200], alice.send("GET", alice.path(of: id))).object?["body"] as? [String: Any])
            #expect(body["note"] as? String == note)
            #expect(body["tag"] as? String == note)
        }
        #expect(try alice.allEvents().map(\.record.body.note) == notes)
        // The tables are all still there.
        #expect(try f.cluster.psql("review", "SELECT count(*) FROM exhibit_events").trimmingCharacters(in: .whitespacesAndNewlines) == "4")
    }
}
