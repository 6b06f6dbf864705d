import ExhibitCore
import Synchronization

/// A case's annotations on an `exhibit serve` server, as an `AnnotationRecordStore`: the
/// review screen reads everyone's records and appends its user's through it (SPEC §11).
///
/// `read` answers from the records fetched so far (the case's event feed, in the server's
/// order), followed by the user's unsent records; `poll` (called by the shell about every
/// second) sends what is waiting and fetches what others did. While the server cannot be
/// reached, `append` keeps the record in a local queue file (`queuePath`, one
/// `AnnotationJSON` line each, fsync'd like `annotations.jsonl`), so nothing typed is lost
/// when the screen closes; the queue is sent, in order, once the server answers, and
/// then emptied.
public final class ServerAnnotationStore: AnnotationRecordStore {
    /// Whether the server answered the last call, and how many records wait to be sent.
    public struct Connection: Sendable, Equatable {
        public var online: Bool
        public var unsent: Int
        /// The server's last refusal of a queued record (set aside, not sent again).
        public var refused: String?
        public init(online: Bool, unsent: Int, refused: String? = nil) {
            self.online = online
            self.unsent = unsent
            self.refused = refused
        }
    }

    let client: ReviewClient
    let queue: AnnotationStore
    private struct State {
        var records: [Annotation] = []
        var ids: Set<String> = []
        var lastSeq: Int64 = 0
        var connection = Connection(online: true, unsent: 0, refused: nil)
    }
    private let state = Mutex(State())
    /// Serializes sending, so the queue goes out once and in order.
    private let sending = Mutex(())

    /// - Parameters:
    ///   - client: the case's container on the server.
    ///   - queuePath: the file that keeps unsent records (created when first needed).
    public init(client: ReviewClient, queuePath: String) {
        self.client = client
        queue = AnnotationStore(filePath: queuePath)
        let waiting = (try? queue.read().records.count) ?? 0
        state.withLock { $0.connection.unsent = waiting }
    }

    /// Whether the server answers and how much waits.
    public var connection: Connection { state.withLock { $0.connection } }

    /// Sends `annotation` at once when the server answers and nothing waits before it; else
    /// queues it locally.
    /// - Throws: `ReviewClient.Failure.refused` when the server refuses it (a role that
    ///   may not, a stale edit): the screen says so and nothing is kept.
    public func append(_ annotation: Annotation) throws {
        try sending.withLock { _ in
            if state.withLock({ $0.connection.online && $0.connection.unsent == 0 }) {
                do {
                    try send(annotation)
                    _ = try? fetch()
                    return
                } catch ReviewClient.Failure.unreachable {
                    state.withLock { $0.connection.online = false }
                }
            }
            try queue.append(annotation)
            state.withLock { $0.connection.unsent += 1 }
        }
    }

    public func read() throws -> AnnotationLog {
        let (records, ids) = state.withLock { ($0.records, $0.ids) }
        let waiting = ((try? queue.read().records) ?? []).map(\.annotation).filter { !ids.contains($0.id) }
        let all = records + waiting
        return AnnotationLog(records: all.enumerated().map { StoredAnnotation(annotation: $1, line: $0 + 1, offset: 0) })
    }

    /// Sends the queue (if the server is back) and fetches new events. Returns true when
    /// the records or the connection changed (the screen should re-read).
    @discardableResult
    public func poll() -> Bool {
        let before = state.withLock { ($0.lastSeq, $0.connection) }
        flush()
        do {
            try fetch()
            state.withLock { $0.connection.online = true }
        } catch {
            state.withLock { $0.connection.online = false }
        }
        let after = state.withLock { ($0.lastSeq, $0.connection) }
        return before.0 != after.0 || before.1 != after.1
    }

    /// Sends the queued records in order; stops at the first the server does not answer.
    /// A refused record is set aside (reported in `connection.refused`) so it cannot block the rest.
    private func flush() {
        sending.withLock { _ in
            guard let waiting = try? queue.read().records.map(\.annotation), !waiting.isEmpty else { return }
            var remaining = waiting[...]
            var refused: String?
            while let next = remaining.first {
                do {
                    try send(next)
                } catch ReviewClient.Failure.unreachable {
                    break
                } catch {
                    refused = "\(next.id): \(error)"
                }
                remaining = remaining.dropFirst()
            }
            if remaining.count != waiting.count { rewriteQueue(Array(remaining)) }
            state.withLock {
                $0.connection.unsent = remaining.count
                if let refused { $0.connection.refused = refused }
                if remaining.count < waiting.count { $0.connection.online = true }
            }
        }
    }

    // The queue shrinks only here, under `sending`: written anew, then renamed over the old.
    private func rewriteQueue(_ records: [Annotation]) {
        let temporary = queue.path + ".new"
        unlinkFile(temporary)
        let fresh = AnnotationStore(filePath: temporary)
        for r in records { try? fresh.append(r) }
        if records.isEmpty {
            unlinkFile(queue.path)
        } else {
            renameFile(temporary, queue.path)
        }
        unlinkFile(temporary)
    }

    /// One record as the protocol call it stands for.
    private func send(_ a: Annotation) throws {
        guard let superseded = a.supersedes else {
            // 410: the server holds this create, and the annotation was deleted since; nothing to resend.
            try client.expect([200, 201, 410], client.send("POST", client.containerPath,
                                                           body: Array(AnnotationJSON.line(a).utf8)))
            return
        }
        let root = self.root(of: superseded)
        let reply = a.deleted
            ? try client.delete(annotation: root, ifMatch: superseded, recordID: a.id)
            : try client.update(annotation: root, ifMatch: superseded, a)
        try client.expect([200, 204], reply)
    }

    /// The annotation's lasting id (its first record's) for record `id`, following
    /// `supersedes` through the server's records and the queue.
    private func root(of id: String) -> String {
        var byID: [String: Annotation] = [:]
        for r in state.withLock({ $0.records }) + ((try? queue.read().records.map(\.annotation)) ?? []) { byID[r.id] = r }
        var current = id
        var steps = 0
        while let previous = byID[current]?.supersedes, steps < byID.count {
            current = previous
            steps += 1
        }
        return current
    }

    /// Fetches the events after the last one seen.
    private func fetch() throws {
        while true {
            let after = state.withLock { $0.lastSeq }
            let events = try client.events(after: after)
            state.withLock { s in
                for e in events where !s.ids.contains(e.record.id) {
                    s.records.append(e.record)
                    s.ids.insert(e.record.id)
                }
                if let last = events.last { s.lastSeq = max(s.lastSeq, last.seq) }
            }
            if events.count < 1000 { return }
        }
    }
}
