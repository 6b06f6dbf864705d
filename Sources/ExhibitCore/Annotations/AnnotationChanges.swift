/// What one record did to its annotation, for showing an annotation's history (SPEC §5,
/// §11): every record is a change, none is rewritten.
public enum AnnotationChange: String, Sendable, Hashable, CaseIterable {
    /// The annotation's first record.
    case created
    /// A record superseding an earlier one of its family with a new body or target.
    case edited
    /// A record deleting the record it supersedes.
    case deleted
    /// A review-status record (body `status`): the passage's status was set.
    case status
}

extension AnnotationHistory.Entry {
    /// What this record did: a deletion, a status, an edit of an earlier record of its
    /// family, else the creation. A record naming an unknown record is its own family,
    /// so it counts as created.
    public var change: AnnotationChange {
        let a = record.annotation
        if a.deleted { return .deleted }
        if a.body.status != nil { return .status }
        if a.supersedes != nil, root != a.id { return .edited }
        return .created
    }
}

extension AnnotationHistory {
    /// One annotation's records: its family, oldest first (store order, not `created`,
    /// as the fold does).
    public struct Family: Sendable, Hashable {
        /// Id of the family's first record: the annotation's lasting id.
        public var root: String
        /// Every record of the family, in store order (a record whose id repeats an
        /// earlier one is listed with the family of that id).
        public var entries: [Entry]
    }

    /// Every annotation's records grouped by family, families in the store order of
    /// their first record; `include` picks families by their records (e.g. by document).
    public func families(where include: (Family) -> Bool = { _ in true }) -> [Family] {
        var order: [String] = []
        var members: [String: [Entry]] = [:]
        for e in entries {
            if members[e.root] == nil { order.append(e.root) }
            members[e.root, default: []].append(e)
        }
        return order.map { Family(root: $0, entries: members[$0]!) }.filter(include)
    }
}
