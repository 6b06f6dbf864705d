/// One row of `exhibit_annotations` (an annotation's current record), as `verify`
/// compares it with the event log.
public struct CurrentRow: Sendable, Hashable {
    public var caseID: String
    /// The annotation's lasting id (its first record's `urn:uuid:` id).
    public var id: String
    /// The current record's id.
    public var head: String
    /// The current record, as the JSON line its last event holds.
    public var record: String
    public var deleted: Bool

    public init(caseID: String, id: String, head: String, record: String, deleted: Bool) {
        self.caseID = caseID
        self.id = id
        self.head = head
        self.record = record
        self.deleted = deleted
    }
}

/// The rule that each annotation's current row is what its events say: its last event's
/// record (id and JSON line, byte for byte), deleted exactly when that event is a deletion;
/// and that no row stands without events.
public enum CurrentRows {
    /// The first annotation whose current row differs from its events, in the order of
    /// its first event (then rows without any event, by case and id); nil when all agree.
    /// `events` must be in `seq` order.
    public static func firstDifference(_ rows: [CurrentRow], events: [AnnotationEvent]) -> String? {
        struct Key: Hashable { var caseID: String; var id: String }
        var last: [Key: AnnotationEvent] = [:]
        var order: [Key] = []
        for e in events {
            let key = Key(caseID: e.caseID, id: e.annotation)
            if last[key] == nil { order.append(key) }
            last[key] = e
        }
        var byKey: [Key: CurrentRow] = [:]
        for r in rows { byKey[Key(caseID: r.caseID, id: r.id)] = r }
        for key in order {
            guard let e = last[key] else { continue }
            let name = "annotation \(key.id) of case \(key.caseID)"
            guard let row = byKey[key] else { return "\(name) has events but no current row" }
            if row.head != e.recordID || row.record != e.record || row.deleted != (e.action == .delete) {
                return "\(name): its current row is not what its last event (seq \(e.seq)) says"
            }
        }
        let orphans = rows.filter { last[Key(caseID: $0.caseID, id: $0.id)] == nil }
            .sorted { ($0.caseID, $0.id) < ($1.caseID, $1.id) }
        if let orphan = orphans.first {
            return "annotation \(orphan.id) of case \(orphan.caseID) has a current row but no events"
        }
        return nil
    }
}
