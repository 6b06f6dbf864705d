import ExhibitCore
import Logging
import PostgresNIO

/// The review server's store on PostgreSQL: users, the hash-chained event log and the
/// current state of every annotation (SPEC §11).
///
/// Every change is one transaction that locks the chain head, appends one event linked
/// to the previous one, updates the annotation and moves the head; it is acknowledged
/// only after `COMMIT` returns, so an acknowledged change survives the server being
/// killed (PostgreSQL's commit is durable with its default `fsync` and
/// `synchronous_commit`). Locking the head orders all changes, which keeps the chain one
/// line without gaps.
public final class ReviewDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger

    /// A store on the database at `url`; nothing connects until `run` or `with` runs the client.
    public init(url: DatabaseURL, logger: Logger = Logger(label: "exhibit.db")) {
        self.logger = logger
        var configuration = url.configuration
        configuration.options.maximumConnections = 16
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    }

    /// Runs the connection pool until the task is cancelled.
    public func run() async { await client.run() }

    /// Runs `body` with a store on `url` whose pool runs meanwhile, after migrating the schema.
    public static func with<T: Sendable>(_ url: DatabaseURL, _ body: @Sendable (ReviewDatabase) async throws -> T) async throws -> T {
        // Quiet: a one-shot command prints its own outcome.
        var logger = Logger(label: "exhibit.db")
        logger.logLevel = .error
        let db = ReviewDatabase(url: url, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await db.run() }
            defer { group.cancelAll() }
            try await db.migrate()
            return try await body(db)
        }
    }

    // MARK: Schema

    /// Creates the tables or brings them to the current version.
    /// - Throws: `ReviewError.conflict` when the database holds a newer schema than this
    ///   server knows; database errors.
    public func migrate() async throws {
        try await client.withTransaction(logger: logger) { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(\(Schema.migrationLock))", logger: logger)
            try await conn.query(PostgresQuery(unsafeSQL: Schema.versionTable), logger: logger)
            var version = 0
            for try await v in try await conn.query("SELECT version FROM exhibit_schema_version", logger: logger).decode(Int.self) {
                version = max(version, v)
            }
            if version > Schema.migrations.count {
                throw ReviewError.conflict("the database has schema version \(version); this exhibit knows up to "
                                           + "\(Schema.migrations.count): use a newer exhibit")
            }
            for (i, statements) in Schema.migrations.enumerated() where i + 1 > version {
                for sql in statements { try await conn.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
            }
            if version < Schema.migrations.count {
                try await conn.query("DELETE FROM exhibit_schema_version", logger: logger)
                try await conn.query("INSERT INTO exhibit_schema_version (version) VALUES (\(Schema.migrations.count))",
                                     logger: logger)
            }
        }
    }

    /// The schema version the database holds.
    public func schemaVersion() async throws -> Int {
        var version = 0
        for try await v in try await client.query("SELECT version FROM exhibit_schema_version", logger: logger).decode(Int.self) {
            version = max(version, v)
        }
        return version
    }

    // MARK: Users

    /// Adds a user with a fresh token and returns the token (the database keeps its SHA-256 only).
    /// - Throws: `ReviewError.conflict` when the name is taken, `.badRequest` for an empty name.
    public func addUser(name: String, role: Role) async throws -> String {
        guard !name.isEmpty, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw ReviewError.badRequest("a user name must be non-empty and free of control characters")
        }
        let token = AccessToken.generate()
        let digest = AccessToken.digest(token)
        let added = Annotation.timestamp()
        let inserted = try await client.withTransaction(logger: logger) { conn -> Bool in
            var taken = false
            for try await _ in try await conn.query("SELECT 1 FROM exhibit_users WHERE name = \(name)", logger: logger).decode(Int.self) {
                taken = true
            }
            if taken { return false }
            try await conn.query("INSERT INTO exhibit_users (name, role, token_sha256, added) VALUES (\(name), \(role.rawValue), \(digest), \(added))",
                                 logger: logger)
            return true
        }
        guard inserted else { throw ReviewError.conflict("a user named '\(name)' already exists") }
        return token
    }

    /// The user whose token hashes to `digest`, or nil.
    public func user(tokenDigest digest: String) async throws -> ReviewUser? {
        for try await (name, role) in try await client.query(
            "SELECT name, role FROM exhibit_users WHERE token_sha256 = \(digest)", logger: logger).decode((String, String).self) {
            if let r = Role(rawValue: role) { return ReviewUser(name: name, role: r) }
        }
        return nil
    }

    // MARK: Reading annotations

    /// The annotation `id` of case `caseID` (deleted ones too), or nil.
    public func annotation(caseID: String, id: String) async throws -> AnnotationResource? {
        let rows = try await client.query(
            "SELECT id, owner, record, deleted, created, modified FROM exhibit_annotations WHERE case_id = \(caseID) AND id = \(id)",
            logger: logger)
        for try await row in rows.decode((String, String, String, Bool, String, String).self) {
            return try resource(caseID, row)
        }
        return nil
    }

    /// Current (not deleted) annotations of a case, in the order they were created:
    /// page `page` (from 0) of `size`, and how many there are in all.
    public func page(caseID: String, page: Int, size: Int) async throws -> (total: Int, items: [AnnotationResource]) {
        var total = 0
        for try await n in try await client.query(
            "SELECT count(*) FROM exhibit_annotations WHERE case_id = \(caseID) AND NOT deleted", logger: logger).decode(Int.self) {
            total = n
        }
        let offset = page * size
        let rows = try await client.query(
            """
            SELECT id, owner, record, deleted, created, modified FROM exhibit_annotations
            WHERE case_id = \(caseID) AND NOT deleted ORDER BY position LIMIT \(size) OFFSET \(offset)
            """, logger: logger)
        var items: [AnnotationResource] = []
        for try await row in rows.decode((String, String, String, Bool, String, String).self) {
            items.append(try resource(caseID, row))
        }
        return (total, items)
    }

    /// Events of case `caseID` after `seq` (exclusive), at most `limit`, in order.
    public func events(caseID: String, after seq: Int64, limit: Int) async throws -> [AnnotationEvent] {
        try await decodeEvents(client.query(
            """
            SELECT seq, case_id, annotation, record_id, action, author, at, record, prev_hash, hash FROM exhibit_events
            WHERE case_id = \(caseID) AND seq > \(seq) ORDER BY seq LIMIT \(limit)
            """, logger: logger))
    }

    /// Every event of every case, in order, and the chain head: what `verify` checks.
    public func chain() async throws -> (events: [AnnotationEvent], head: (seq: Int64, hash: String)?) {
        let events = try await decodeEvents(client.query(
            "SELECT seq, case_id, annotation, record_id, action, author, at, record, prev_hash, hash FROM exhibit_events ORDER BY seq",
            logger: logger))
        var head: (Int64, String)?
        for try await (seq, hash) in try await client.query("SELECT seq, hash FROM exhibit_chain_head", logger: logger)
            .decode((Int64, String).self) {
            head = (seq, hash)
        }
        return (events, head)
    }

    /// Every annotation's current row, of every case: what `verify` compares with the events.
    public func currentRows() async throws -> [CurrentRow] {
        var rows: [CurrentRow] = []
        for try await (caseID, id, head, record, deleted) in try await client.query(
            "SELECT case_id, id, head, record, deleted FROM exhibit_annotations ORDER BY case_id, id", logger: logger)
            .decode((String, String, String, String, Bool).self) {
            rows.append(CurrentRow(caseID: caseID, id: id, head: head, record: record, deleted: deleted))
        }
        return rows
    }

    private func decodeEvents(_ rows: PostgresRowSequence) async throws -> [AnnotationEvent] {
        var events: [AnnotationEvent] = []
        for try await row in rows {
            let (seq, caseID, annotation, recordID, action, author, at, record, prev, hash) =
                try row.decode((Int64, String, String, String, String, String, String, String, String, String).self)
            events.append(AnnotationEvent(seq: seq, caseID: caseID, annotation: annotation, recordID: recordID,
                                          action: AnnotationEvent.Action(rawValue: action) ?? .update, author: author,
                                          at: at, record: record, previousHash: prev, hash: hash))
        }
        return events
    }

    private func resource(_ caseID: String, _ row: (String, String, String, Bool, String, String)) throws -> AnnotationResource {
        let head = try AnnotationJSON.parse(Array(row.2.utf8))
        return AnnotationResource(caseID: caseID, id: row.0, head: head, owner: row.1, deleted: row.3,
                                  created: row.4, modified: row.5)
    }

    // MARK: Changing annotations

    /// Creates an annotation from `record` (its `urn:uuid:` id becomes the annotation's
    /// id). A record id the case already holds is a replay of an acknowledged create:
    /// the annotation holding it is returned and nothing is written (no duplicates).
    /// - Returns: the annotation and whether it was created now.
    /// - Throws: `ReviewError.forbidden` (role), `.badRequest` (a superseding or deletion record),
    ///   `.gone` (a resent create of an annotation deleted since).
    public func create(caseID: String, record: Annotation, by user: ReviewUser) async throws -> (AnnotationResource, Bool) {
        guard user.role.allows(.create, user: user.name) else {
            throw ReviewError.forbidden("\(user.name) is \(user.role.rawValue) and may not create annotations")
        }
        guard record.supersedes == nil, !record.deleted else {
            throw ReviewError.badRequest("a new annotation cannot supersede or delete another: PUT or DELETE that one")
        }
        return try await write(caseID) { conn, now in
            if let existing = try await self.annotationHolding(record: record.id, caseID: caseID, conn) {
                // A resent create of an annotation deleted since: it is gone, as GET says.
                if existing.deleted { throw ReviewError.gone }
                return .replay(existing)
            }
            let stored = Annotation(id: record.id, created: now, creator: user.name, target: record.target, body: record.body)
            return .append(annotation: record.id, action: .create, stored, owner: user.name, previous: nil)
        }
    }

    /// Replaces annotation `id` with `record`'s target and body, when `ifMatch` (the
    /// ETag without its quotes) is the id of its current record. A record id the annotation already holds is a replay of
    /// an acknowledged edit: nothing is written.
    /// - Throws: `ReviewError.notFound`, `.gone`, `.forbidden`, `.preconditionFailed`, `.conflict`.
    public func update(caseID: String, id: String, ifMatch: String?, record: Annotation, by user: ReviewUser) async throws -> AnnotationResource {
        try await change(caseID: caseID, id: id, ifMatch: ifMatch, recordID: record.id, by: user) { current, now in
            Annotation(id: record.id, created: now, creator: user.name, target: record.target, body: record.body,
                       supersedes: current.head.id)
        }.0
    }

    /// Deletes annotation `id` with a deletion record (id `recordID`, else a new one),
    /// when `ifMatch` is nil (no `If-Match`, or `*`) or the id of its current record.
    /// - Throws: as `update`.
    public func delete(caseID: String, id: String, ifMatch: String?, recordID: String?, by user: ReviewUser) async throws -> AnnotationResource {
        let recordID = recordID ?? Annotation.newID()
        return try await change(caseID: caseID, id: id, ifMatch: ifMatch, recordID: recordID, by: user) { current, now in
            current.head.deletion(id: recordID, created: now, creator: user.name)
        }.0
    }

    private func change(caseID: String, id: String, ifMatch: String?, recordID: String, by user: ReviewUser,
                        make: @escaping @Sendable (AnnotationResource, String) -> Annotation) async throws -> (AnnotationResource, Bool) {
        try await write(caseID) { conn, now in
            guard let current = try await self.annotation(caseID: caseID, id: id, conn) else { throw ReviewError.notFound }
            if let holder = try await self.annotationHolding(record: recordID, caseID: caseID, conn) {
                guard holder.id == id else {
                    throw ReviewError.conflict("record \(recordID) already belongs to annotation \(holder.id)")
                }
                return .replay(holder)
            }
            guard !current.deleted else { throw ReviewError.gone }
            guard user.role.allows(.change(owner: current.owner), user: user.name) else {
                throw ReviewError.forbidden(user.role == .readOnly
                    ? "\(user.name) is read-only and may not change annotations"
                    : "\(user.name) is a reviewer and may change only their own annotations; this one is \(current.owner)'s")
            }
            if let ifMatch, ifMatch != current.head.id { throw ReviewError.preconditionFailed(currentETag: current.etag) }
            let record = make(current, now)
            return .append(annotation: id, action: record.deleted ? .delete : .update, record, owner: current.owner,
                           previous: current)
        }
    }

    private enum Plan: Sendable {
        case replay(AnnotationResource)
        /// `previous`: the annotation before the change (nil for a create).
        case append(annotation: String, action: AnnotationEvent.Action, Annotation, owner: String, previous: AnnotationResource?)
    }

    /// One change, in one transaction under the chain head's lock.
    private func write(_ caseID: String, _ plan: @escaping @Sendable (PostgresConnection, String) async throws -> Plan)
        async throws -> (AnnotationResource, Bool) {
        do {
            return try await client.withTransaction(logger: logger) { conn in
                var head: (Int64, String) = (0, EventChain.genesis)
                for try await h in try await conn.query("SELECT seq, hash FROM exhibit_chain_head FOR UPDATE", logger: self.logger)
                    .decode((Int64, String).self) {
                    head = h
                }
                let now = Annotation.timestamp()
                switch try await plan(conn, now) {
                case .replay(let existing):
                    return (existing, false)
                case .append(let id, let action, let record, let owner, let previous):
                    let line = AnnotationJSON.line(record)
                    var event = AnnotationEvent(seq: head.0 + 1, caseID: caseID, annotation: id, recordID: record.id,
                                                action: action, author: record.creator, at: now, record: line,
                                                previousHash: head.1, hash: "")
                    event.hash = EventChain.hash(of: event)
                    try await conn.query(
                        """
                        INSERT INTO exhibit_events (seq, case_id, annotation, record_id, action, author, at, record, prev_hash, hash)
                        VALUES (\(event.seq), \(caseID), \(id), \(record.id), \(action.rawValue), \(event.author), \(now), \(line),
                                \(event.previousHash), \(event.hash))
                        """, logger: self.logger)
                    let deleted = action == .delete
                    try await conn.query(
                        """
                        INSERT INTO exhibit_annotations (case_id, id, head, owner, record, deleted, created, modified, position)
                        VALUES (\(caseID), \(id), \(record.id), \(owner), \(line), \(deleted), \(now), \(now), \(event.seq))
                        ON CONFLICT (case_id, id) DO UPDATE SET head = EXCLUDED.head, record = EXCLUDED.record,
                          deleted = EXCLUDED.deleted, modified = EXCLUDED.modified
                        """, logger: self.logger)
                    try await conn.query("UPDATE exhibit_chain_head SET seq = \(event.seq), hash = \(event.hash)", logger: self.logger)
                    // What the rows now hold, without reading them back.
                    let created = action == .create ? now : (previous?.created ?? now)
                    return (AnnotationResource(caseID: caseID, id: id, head: record, owner: owner, deleted: deleted,
                                               created: created, modified: now), true)
                }
            }
        } catch let error as PostgresTransactionError {
            // The refusals thrown inside the transaction come back wrapped.
            if let refusal = error.closureError as? ReviewError { throw refusal }
            throw error
        }
    }

    private func annotation(caseID: String, id: String, _ conn: PostgresConnection) async throws -> AnnotationResource? {
        let rows = try await conn.query(
            "SELECT id, owner, record, deleted, created, modified FROM exhibit_annotations WHERE case_id = \(caseID) AND id = \(id)",
            logger: logger)
        for try await row in rows.decode((String, String, String, Bool, String, String).self) {
            return try resource(caseID, row)
        }
        return nil
    }

    private func annotationHolding(record recordID: String, caseID: String, _ conn: PostgresConnection) async throws -> AnnotationResource? {
        var holder: String?
        for try await a in try await conn.query(
            "SELECT annotation FROM exhibit_events WHERE case_id = \(caseID) AND record_id = \(recordID)", logger: logger)
            .decode(String.self) {
            holder = a
        }
        guard let holder else { return nil }
        return try await annotation(caseID: caseID, id: holder, conn)
    }
}
