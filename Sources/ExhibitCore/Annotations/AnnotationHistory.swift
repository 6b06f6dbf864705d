/// The records of `annotations.jsonl` folded into annotations (SPEC §5: an edit or a
/// deletion is a new record that supersedes an earlier one by id).
///
/// Records that supersede one another form a *family* rooted at the original record. The
/// family's *head* is its last record in file order (append order, not `created`, so a
/// wrong clock cannot reorder edits); the head is the annotation's current state, unless
/// it is a deletion. Nothing is dropped: every record stays in `entries` with its state.
/// When two records replace the same one (two people edited it at once), the later one
/// is the head and a warning names both.
public struct AnnotationHistory: Sendable {
    /// What became of a record.
    public enum State: Sendable, Hashable {
        /// The head of its family: the annotation as it stands.
        case current
        /// Replaced by the record with this id.
        case superseded(by: String)
        /// The head of its family and a deletion: the annotation is deleted.
        case deleted
        /// Its id was already used by an earlier record; kept in the history only.
        case duplicate
    }

    /// A record with its state and its family's root (the original record's id).
    public struct Entry: Sendable, Hashable {
        /// The record and its line.
        public var record: StoredAnnotation
        /// What became of it.
        public var state: State
        /// Id of the family's first record: the annotation's lasting identity across edits.
        public var root: String
    }

    /// Every record, in file order.
    public private(set) var entries: [Entry]
    /// The current annotations: family heads that are not deletions, in the file order of
    /// their original records.
    public private(set) var current: [Entry]
    /// Duplicate ids, references to unknown records, concurrent edits (path
    /// `annotations.jsonl`, with line and byte offset).
    public private(set) var warnings: [CaseIssue]

    private var indexByID: [String: Int]

    public init(_ log: AnnotationLog) {
        let records = log.records
        var index: [String: Int] = [:]
        var root = [Int](repeating: -1, count: records.count)
        var warnings: [CaseIssue] = []
        func warn(_ r: StoredAnnotation, _ message: String) {
            warnings.append(CaseIssue(path: AnnotationStore.fileName, line: r.line, offset: r.offset, message: message))
        }

        for (i, r) in records.enumerated() {
            let a = r.annotation
            if index[a.id] != nil {
                warn(r, "record id \(a.id) was already used on an earlier line; this record is kept in the history only")
                continue
            }
            index[a.id] = i
            root[i] = i
            if let s = a.supersedes {
                // Records are appended in order, so a record can only replace an earlier one.
                if let j = index[s], j < i {
                    root[i] = root[j]
                } else {
                    warn(r, "record replaces \(s), which is not an earlier record; shown as an annotation of its own")
                }
            }
        }

        var members: [Int: [Int]] = [:]
        for i in records.indices where root[i] >= 0 { members[root[i], default: []].append(i) }

        var state = [State](repeating: .duplicate, count: records.count)
        for (_, family) in members {
            let head = family.last!
            var replacedBy: [String: String] = [:]
            for i in family.dropFirst() {
                if let s = records[i].annotation.supersedes, replacedBy[s] == nil { replacedBy[s] = records[i].annotation.id }
            }
            for i in family where i != head {
                state[i] = .superseded(by: replacedBy[records[i].annotation.id] ?? records[head].annotation.id)
            }
            state[head] = records[head].annotation.deleted ? .deleted : .current
            let leaves = family.filter { replacedBy[records[$0].annotation.id] == nil }
            if leaves.count > 1 {
                let ids = leaves.map { records[$0].annotation.id }
                warn(records[head], "annotation \(records[family[0]].annotation.id) was changed by \(ids.count) records "
                     + "that do not replace one another (\(ids.joined(separator: ", "))); the last one is current")
            }
        }

        let all = records.indices.map { i in
            Entry(record: records[i], state: state[i],
                  root: root[i] >= 0 ? records[root[i]].annotation.id : records[i].annotation.id)
        }
        entries = all
        current = members.keys.sorted().compactMap { r in
            let head = members[r]!.last!
            return state[head] == .current ? all[head] : nil
        }
        self.warnings = warnings.sorted { ($0.offset ?? 0) < ($1.offset ?? 0) }
        indexByID = index
    }

    /// The record with this id (the first, if the id was used twice).
    public func record(id: String) -> Entry? {
        indexByID[id].map { entries[$0] }
    }

    /// The head of the family that holds record `id`: the record an edit or deletion of
    /// that annotation should supersede. Nil for an unknown id.
    public func head(of id: String) -> Entry? {
        guard let e = record(id: id) else { return nil }
        return entries.last { $0.root == e.root && $0.state != .duplicate }
    }
}
