import ExhibitClient
import ExhibitCore
import Foundation
import Synchronization
import Testing

/// The event log under load and under attack: a server killed mid-run loses no
/// acknowledged write and duplicates none; an event altered in the database is named.
@Suite(.serialized, .enabled(if: PostgresCluster.unavailable == nil && ExhibitBinary.path != nil,
                              "needs PostgreSQL (initdb, pg_ctl) and the exhibit executable"))
struct AuditChainTests {
    @Test func tenClientsThroughASigkillLoseNothingAndDuplicateNothing() throws {
        let f = try ReviewFixture()
        let clients = 10, each = 100
        let acknowledged = Mutex<[String]>([])
        let unexpected = Mutex<[String]>([])
        let resent = Mutex(0)
        let group = DispatchGroup()
        for c in 0..<clients {
            group.enter()
            let client = f.client(c % 2 == 0 ? "alice" : "bob", case: "load")
            Thread {
                defer { group.leave() }
                for n in 0..<each {
                    let record = Sample.annotation(c * each + n, note: "client \(c) #\(n)")
                    let deadline = Date().addingTimeInterval(120)
                    // Resent with the same id until answered: the server's answer to a
                    // record it already holds is 200, never a second annotation.
                    while true {
                        do {
                            let reply = try client.create(record)
                            acknowledged.withLock { $0.append(record.id) }
                            _ = reply
                            break
                        } catch ReviewClient.Failure.unreachable {
                            if Date() > deadline {
                                unexpected.withLock { $0.append("client \(c): server unreachable for 120 s") }
                                return
                            }
                            resent.withLock { $0 += 1 }
                            usleep(20_000)
                        } catch {
                            unexpected.withLock { $0.append("client \(c): \(error)") }
                            break
                        }
                    }
                }
            }.start()
        }
        // Kill the server with SIGKILL once a third of the writes were acknowledged, then restart it.
        while acknowledged.withLock({ $0.count }) < clients * each / 3 { usleep(5_000) }
        f.server.stop(SIGKILL)
        let beforeKill = Set(acknowledged.withLock { $0 })
        try f.server.start()
        group.wait()

        #expect(unexpected.withLock { $0 }.isEmpty, "\(unexpected.withLock { $0 })")
        // The kill fell mid-run: clients found the server gone and resent.
        #expect(resent.withLock { $0 } > 0)
        let events = try f.client("lead", case: "load").allEvents()
        let ids = events.map(\.record.id)
        #expect(ids.count == Set(ids).count, "duplicated records")
        #expect(beforeKill.isSubset(of: Set(ids)), "acknowledged before the kill but missing")
        #expect(Set(acknowledged.withLock { $0 }) == Set(ids))
        #expect(ids.count == clients * each)
        let total = try f.client("lead", case: "load").expect([200], f.client("lead", case: "load")
            .send("GET", f.client("lead", case: "load").containerPath)).object?["total"] as? Int
        #expect(total == clients * each)

        let verify = try ExhibitBinary.run(["serve", "verify", "--db", f.db])
        #expect(verify.status == 0, "\(verify.output)")
        #expect(verify.output.contains("chain verified: \(clients * each) events"))
    }

    @Test func verifyNamesTheFirstAlteredEvent() throws {
        let f = try ReviewFixture()
        let alice = f.client("alice")
        let records = (1...4).map { Sample.annotation($0, note: "note-\($0)") }
        for r in records { #expect(try alice.create(r).status == 201) }
        let edit = records[0].revised(body: AnnotationBody(tag: "follow-up", note: "edited"))
        #expect(try alice.update(annotation: records[0].id, ifMatch: records[0].id, edit).status == 200)

        let clean = try ExhibitBinary.run(["serve", "verify", "--db", f.db])
        #expect(clean.status == 0 && clean.output.contains("chain verified: 5 events"), "\(clean.output)")

        // The log refuses changes; someone with the database's keys drops the guard first.
        #expect(throws: (any Error).self) {
            try f.cluster.psql("review", "UPDATE exhibit_events SET author = 'mallory' WHERE seq = 3")
        }
        try f.cluster.psql("review", "ALTER TABLE exhibit_events DISABLE TRIGGER exhibit_events_append_only")
        try f.cluster.psql("review", "UPDATE exhibit_events SET record = replace(record, 'note-3', 'forged') WHERE seq = 3")
        let altered = try ExhibitBinary.run(["serve", "verify", "--db", f.db])
        #expect(altered.status == 1)
        #expect(altered.output.contains("event 3 (create of \(records[2].id)"), "\(altered.output)")
        #expect(altered.output.contains("was altered"))

        // Rehashing the altered event does not help: the next one no longer links to it.
        try f.cluster.psql("review", "UPDATE exhibit_events SET hash = repeat('1', 64) WHERE seq = 3")
        let rehashed = try ExhibitBinary.run(["serve", "verify", "--db", f.db])
        #expect(rehashed.status == 1 && rehashed.output.contains("event 3 "), "\(rehashed.output)")

        // Removing the last event is found through the chain head.
        try f.cluster.psql("review", "DELETE FROM exhibit_events WHERE seq >= 3")
        let truncated = try ExhibitBinary.run(["serve", "verify", "--db", f.db])
        #expect(truncated.status == 1 && truncated.output.contains("events were removed"), "\(truncated.output)")
    }
}
