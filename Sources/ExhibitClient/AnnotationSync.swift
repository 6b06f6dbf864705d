import ExhibitCore

/// Moving a case's records between its `annotations.jsonl` and a server (SPEC §11), with
/// no duplicates: record ids are kept on both sides, and a record the other side already
/// holds is not sent again.
public enum AnnotationSync {
    /// What a push or pull did.
    public struct Outcome: Sendable, CustomStringConvertible {
        /// Records the other side did not have, now written there.
        public var sent = 0
        /// Records the other side already held (resent safely, or skipped).
        public var alreadyThere = 0
        /// Records refused, each with why (a stale edit, a role that may not change it).
        public var refused: [String] = []

        public var description: String {
            var s = "\(sent) sent, \(alreadyThere) already there"
            if !refused.isEmpty { s += ", \(refused.count) refused" }
            return s
        }
    }

    /// Sends every record of `log` the server lacks, in file order: a first record is a
    /// POST; a record superseding another is a PUT of its annotation with `If-Match` naming
    /// the superseded record; a deletion is a DELETE. The server recognises records it
    /// holds by id, so pushing twice sends nothing new.
    /// - Throws: `ReviewClient.Failure.unreachable` when the server stops answering (what
    ///   was sent is kept; push again).
    public static func push(_ log: AnnotationLog, to client: ReviewClient) throws -> Outcome {
        let history = AnnotationHistory(log)
        var outcome = Outcome()
        for entry in history.entries where entry.state != .duplicate {
            let a = entry.record.annotation
            let reply: ReviewClient.Reply
            let isRoot = entry.root == a.id
            if isRoot {
                // A record whose predecessor is unknown is an annotation of its own here too.
                var own = a
                own.supersedes = nil
                own.deleted = false
                reply = try client.send("POST", client.containerPath, body: Array(AnnotationJSON.line(own).utf8))
            } else if a.deleted {
                reply = try client.delete(annotation: entry.root, ifMatch: a.supersedes, recordID: a.id)
            } else {
                reply = try client.update(annotation: entry.root, ifMatch: a.supersedes ?? entry.root, a)
            }
            switch reply.status {
            case 201, 204: outcome.sent += 1
            // A create the server already held answers 200; an edit answers 200 either way.
            case 200: if isRoot { outcome.alreadyThere += 1 } else { outcome.sent += 1 }
            // A create the server holds but that was deleted since (its deletion follows here or is the server's).
            case 410 where isRoot: outcome.alreadyThere += 1
            default:
                let why = (reply.object?["error"] as? String) ?? reply.text
                outcome.refused.append("line \(entry.record.line) (\(a.id)): \(reply.status) \(why)")
            }
        }
        return outcome
    }

    /// Appends to `store` every record of the server's case that `store` lacks, in the
    /// server's order (so a record always follows the one it supersedes).
    public static func pull(from client: ReviewClient, into store: any AnnotationRecordStore) throws -> Outcome {
        let have = Set(try store.read().records.map(\.annotation.id))
        var outcome = Outcome()
        for event in try client.allEvents() {
            if have.contains(event.record.id) {
                outcome.alreadyThere += 1
            } else {
                try store.append(event.record)
                outcome.sent += 1
            }
        }
        return outcome
    }
}
