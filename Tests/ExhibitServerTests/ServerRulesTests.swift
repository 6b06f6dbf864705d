@testable import ExhibitServer
import Testing

/// The server's pure rules, without a database: the chain, roles, addresses, URLs.
struct ServerRulesTests {
    static func chain(_ n: Int) -> [AnnotationEvent] {
        var events: [AnnotationEvent] = []
        var previous = EventChain.genesis
        for i in 1...n {
            var e = AnnotationEvent(seq: Int64(i), caseID: "c", annotation: "urn:uuid:a\(i)", recordID: "urn:uuid:r\(i)",
                                    action: .create, author: "alice", at: "2026-01-01T00:00:0\(i).000Z",
                                    record: "{\"n\":\(i)}", previousHash: previous, hash: "")
            e.hash = EventChain.hash(of: e)
            previous = e.hash
            events.append(e)
        }
        return events
    }

    @Test func hashIsTheSHA256OfTheFieldArray() {
        let e = AnnotationEvent(seq: 1, caseID: "c", annotation: "a", recordID: "r", action: .create, author: "u",
                                at: "t", record: "{}", previousHash: EventChain.genesis, hash: "")
        // printf '["%s",1,"c","a","r","create","u","t","{}"]' "$(printf '0%.0s' $(seq 64))" | sha256sum
        #expect(EventChain.hash(of: e) == "91d689c8c1bdbff73c18435f152f2d1fd669edf5c9883f99f5869ae3cd3f30e0")
    }

    @Test func anIntactChainVerifies() {
        let events = Self.chain(5)
        #expect(EventChain.verify(events, head: (5, events[4].hash)) == nil)
        #expect(EventChain.verify([], head: (0, EventChain.genesis)) == nil)
    }

    @Test func everyAlterationIsNamedAtItsEvent() {
        for field in 0..<4 {
            var events = Self.chain(5)
            switch field {
            case 0: events[2].author = "mallory"
            case 1: events[2].record = "{\"n\":99}"
            case 2: events[2].at = "2020-01-01T00:00:00.000Z"
            default: events[2].action = .delete
            }
            #expect(EventChain.verify(events, head: (5, events[4].hash))?.seq == 3)
        }
        // Rehashing the altered event breaks the link of the next one.
        var events = Self.chain(5)
        events[2].author = "mallory"
        events[2].hash = EventChain.hash(of: events[2])
        #expect(EventChain.verify(events, head: (5, events[4].hash))?.seq == 4)
        // A removed event, a removed tail.
        var gap = Self.chain(5)
        gap.remove(at: 1)
        #expect(EventChain.verify(gap, head: (5, gap[3].hash))?.seq == 3)
        let tail = Array(Self.chain(5).prefix(3))
        #expect(EventChain.verify(tail, head: (5, Self.chain(5)[4].hash))?.message.contains("removed") == true)
    }

    @Test func currentRowsAreTheLastEventsRecords() {
        let events = Self.chain(3)
        let rows = events.map { CurrentRow(caseID: "c", id: $0.annotation, head: $0.recordID, record: $0.record, deleted: false) }
        #expect(CurrentRows.firstDifference(rows, events: events) == nil)
        #expect(CurrentRows.firstDifference([], events: []) == nil)
        var altered = rows
        altered[1].record = "{\"n\":99}"
        #expect(CurrentRows.firstDifference(altered, events: events)?.contains("urn:uuid:a2") == true)
        var undeleted = rows
        undeleted[2].deleted = true
        #expect(CurrentRows.firstDifference(undeleted, events: events)?.contains("urn:uuid:a3") == true)
        #expect(CurrentRows.firstDifference(Array(rows.dropFirst()), events: events) ==
                "annotation urn:uuid:a1 of case c has events but no current row")
        #expect(CurrentRows.firstDifference(rows, events: Array(events.prefix(2))) ==
                "annotation urn:uuid:a3 of case c has a current row but no events")
    }

    @Test func rolesDecideChanges() {
        #expect(Role.lead.allows(.change(owner: "alice"), user: "lead"))
        #expect(Role.reviewer.allows(.change(owner: "alice"), user: "alice"))
        #expect(!Role.reviewer.allows(.change(owner: "alice"), user: "bob"))
        #expect(!Role.readOnly.allows(.change(owner: "reader"), user: "reader"))
        #expect(!Role.readOnly.allows(.create, user: "reader"))
        #expect(Role.allCases.allSatisfy { $0.allows(.read, user: "x") })
        #expect(Role(rawValue: "read-only") == .readOnly)
    }

    @Test func listenAddressesAndLoopback() throws {
        #expect(try ListenAddress("127.0.0.1:8080").isLoopback)
        #expect(try ListenAddress("127.1.2.3:0").isLoopback)
        #expect(try ListenAddress("[::1]:9000").isLoopback)
        #expect(try ListenAddress("localhost:1").isLoopback)
        #expect(try !ListenAddress("0.0.0.0:8080").isLoopback)
        #expect(try !ListenAddress("192.168.1.5:8080").isLoopback)
        #expect(try !ListenAddress("127.0.0.1.evil.example:80").isLoopback)
        #expect(throws: ListenAddress.Invalid.self) { try ListenAddress("8080") }
        #expect(throws: ListenAddress.Invalid.self) { try ListenAddress("127.0.0.1:70000") }
    }

    @Test func nonLoopbackNeedsTLS() throws {
        let db = try DatabaseURL("postgres://x@127.0.0.1/x")
        #expect(throws: ReviewServer.Refusal.self) {
            try ReviewServer.check(.init(database: db, listen: try ListenAddress("0.0.0.0:8080")))
        }
        #expect(throws: ReviewServer.Refusal.self) {
            try ReviewServer.check(.init(database: db, listen: try ListenAddress("127.0.0.1:8080"), tlsCertificate: "c.pem"))
        }
        try ReviewServer.check(.init(database: db, listen: try ListenAddress("0.0.0.0:8080"), tlsCertificate: "c.pem", tlsKey: "k.pem"))
        try ReviewServer.check(.init(database: db, listen: try ListenAddress("127.0.0.1:8080")))
    }

    @Test func databaseURLs() throws {
        let tcp = try DatabaseURL("postgres://exhibit:secret@db.local:5433/review")
        #expect(tcp.user == "exhibit" && tcp.password == "secret" && tcp.host == "db.local" && tcp.port == 5433 && tcp.database == "review")
        #expect(!tcp.description.contains("secret"))
        let socket = try DatabaseURL("postgresql://exhibit@/review?host=/tmp/pg&port=5444")
        #expect(socket.socketFolder == "/tmp/pg" && socket.port == 5444 && socket.host == nil)
        #expect(throws: DatabaseURL.Invalid.self) { try DatabaseURL("mysql://x@h/d") }
        #expect(throws: DatabaseURL.Invalid.self) { try DatabaseURL("postgres://h/d") }
        #expect(throws: DatabaseURL.Invalid.self) { try DatabaseURL("postgres://u@h") }
    }

    @Test func tokensAndBearerHeaders() {
        let t = AccessToken.generate()
        #expect(t.count == 64 && t.allSatisfy(\.isHexDigit))
        #expect(AccessToken.generate() != t)
        // printf abc | sha256sum
        #expect(AccessToken.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(AccessToken.bearer("Bearer abc") == "abc")
        #expect(AccessToken.bearer("bearer  abc ") == "abc")
        #expect(AccessToken.bearer("Basic abc") == nil)
        #expect(AccessToken.bearer("Bearer") == nil)
        #expect(AccessToken.bearer(nil) == nil)
    }

    @Test func caseAndAnnotationNames() {
        #expect(ReviewNames.validCaseID("recap-novels"))
        #expect(ReviewNames.validCaseID("a case/ü"))
        #expect(!ReviewNames.validCaseID(""))
        #expect(!ReviewNames.validCaseID("bad\u{1B}[31m"))
        #expect(ReviewNames.uuid(ofURN: "urn:uuid:0F8FAD5B-D9CB-469F-A165-70867728950E") == "0f8fad5b-d9cb-469f-a165-70867728950e")
        #expect(ReviewNames.uuid(ofURN: "http://x/1") == nil)
        #expect(ReviewNames.uuid(ofURN: "urn:uuid:not-a-uuid") == nil)
    }
}
