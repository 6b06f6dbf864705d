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

    /// The ids of `tokens` against this vocabulary without changing it, so many threads
    /// can share it: a token it lacks gets an id from `unknown` (assigned from `count`
    /// up, on first sight). Ids from `unknown` are equal only for equal tokens resolved
    /// with the same `unknown` (an output and its prompt) and never equal an id of the
    /// vocabulary: a token no work holds can match nothing in a work.
    func resolve(_ tokens: [String], unknown: inout [String: UInt32]) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(tokens.count)
        for t in tokens {
            if let id = table[t] {
                out.append(id)
            } else if let id = unknown[t] {
                out.append(id)
            } else {
                let id = UInt32(table.count + unknown.count)
                unknown[t] = id
                out.append(id)
            }
        }
        return out
    }
}
