/// Interns normalized tokens as dense integer ids, so that matching compares
/// integers instead of strings. Ids are assigned in order of first appearance,
/// so the same documents in the same order give the same ids.
struct Vocabulary {
    private var table: [String: UInt32] = [:]

    /// Number of distinct tokens seen.
    var count: Int { table.count }

    init(capacity: Int = 0) { table.reserveCapacity(capacity) }

    /// The id of `token`, assigning the next id on first sight.
    mutating func id(_ token: String) -> UInt32 {
        if let id = table[token] { return id }
        let id = UInt32(table.count)
        table[token] = id
        return id
    }

    /// The ids of `tokens`, in order.
    mutating func ids(_ tokens: [String]) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(tokens.count)
        for t in tokens { out.append(id(t)) }
        return out
    }
}
