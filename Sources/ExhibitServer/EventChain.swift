import ExhibitCore

/// One row of the append-only event log: a change to one annotation of one case.
public struct AnnotationEvent: Sendable, Hashable {
    /// What the change did to the annotation.
    public enum Action: String, Sendable {
        case create, update, delete
    }
    /// Position in the log, from 1, without gaps.
    public var seq: Int64
    /// The case's review id (`Case.reviewID`).
    public var caseID: String
    /// The annotation (its first record's `urn:uuid:` id).
    public var annotation: String
    /// The record this event appended (`urn:uuid:` id).
    public var recordID: String
    public var action: Action
    /// The authenticated user who made the change.
    public var author: String
    /// Server time of the change, ISO 8601 UTC (`Annotation.timestamp`).
    public var at: String
    /// The record, one line of `AnnotationJSON`.
    public var record: String
    /// `hash` of the event before (64 zeros for the first).
    public var previousHash: String
    /// `EventChain.hash` of this event's fields and `previousHash`.
    public var hash: String

    public init(seq: Int64, caseID: String, annotation: String, recordID: String, action: Action, author: String,
                at: String, record: String, previousHash: String, hash: String) {
        self.seq = seq
        self.caseID = caseID
        self.annotation = annotation
        self.recordID = recordID
        self.action = action
        self.author = author
        self.at = at
        self.record = record
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The hash chain over the event log (SPEC §11): each event's hash covers its own fields
/// and the previous event's hash, so altering, removing or reordering any event changes
/// every hash after it.
public enum EventChain {
    /// The `previousHash` of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// Lower-case hex SHA-256 of the UTF-8 bytes of the JSON array
    /// `[previousHash, seq, case, annotation, record id, action, author, at, record]`
    /// (compact, `JSONValue` serialization, RFC 8259 string escapes). A JSON array keeps
    /// the fields apart, so no two different events hash the same bytes.
    public static func hash(of e: AnnotationEvent) -> String {
        let fields: JSONValue = .array([
            .string(e.previousHash), .number(String(e.seq)), .string(e.caseID), .string(e.annotation),
            .string(e.recordID), .string(e.action.rawValue), .string(e.author), .string(e.at), .string(e.record),
        ])
        return FileHashing.sha256Hex(utf8: fields.serialized())
    }

    /// Why a chain does not verify: the first event that was altered (or the place of a
    /// removed one).
    public struct Break: Sendable, Hashable, CustomStringConvertible {
        /// `seq` of the first event that fails.
        public var seq: Int64
        public var message: String
        public var description: String { message }
    }

    /// Recomputes the chain over `events` (in `seq` order) and returns the first break, or
    /// nil when every hash holds. `head` is the chain head the database recorded (last
    /// `seq` and hash), so removing events from the end is found too.
    public static func verify(_ events: [AnnotationEvent], head: (seq: Int64, hash: String)?) -> Break? {
        var previous = genesis
        var expectedSeq: Int64 = 1
        for e in events {
            let name = "event \(e.seq) (\(e.action.rawValue) of \(e.annotation) in case \(e.caseID) by \(e.author) at \(e.at))"
            if e.seq != expectedSeq {
                return Break(seq: e.seq, message: "event \(expectedSeq) is missing (the next is \(name))")
            }
            if e.previousHash != previous {
                return Break(seq: e.seq, message: "\(name) was altered: its previous hash \(e.previousHash) is not "
                             + "the hash of event \(e.seq - 1) (\(previous))")
            }
            let computed = hash(of: e)
            if computed != e.hash {
                return Break(seq: e.seq, message: "\(name) was altered: its fields hash to \(computed), "
                             + "the log records \(e.hash)")
            }
            previous = e.hash
            expectedSeq += 1
        }
        if let head, head.seq != expectedSeq - 1 || head.hash != previous {
            return Break(seq: expectedSeq, message: "the chain head records event \(head.seq) with hash \(head.hash), "
                         + "but the log ends at event \(expectedSeq - 1) with hash \(previous): events were removed")
        }
        return nil
    }
}
