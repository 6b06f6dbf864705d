import Foundation

/// Interns normalized tokens as dense integer ids, so that matching compares
/// integers instead of strings. Ids are assigned in order of first appearance,
/// so the same documents in the same order give the same ids.
///
/// An open-addressing table over a 64-bit FNV-1a hash of each token's UTF-8 (linear
/// probing, at most half full): interning and resolving every token of a case is on
/// the scan's path, and this costs a fraction of `Dictionary<String, _>`'s SipHash.
struct Vocabulary: Sendable {
    /// Token of each id.
    private var tokens: [String] = []
    /// Hash of each id's token.
    private var hashes: [UInt64] = []
    /// 0 when empty, else id + 1.
    private var slots: [UInt32]
    private var mask: Int

    /// Number of distinct tokens seen.
    var count: Int { tokens.count }

    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
        tokens.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    /// FNV-1a, 64 bits, over the token's UTF-8.
    @inline(__always)
    static func hash(_ token: String) -> UInt64 {
        var t = token
        return t.withUTF8 { bytes in
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    /// Byte equality of two tokens' UTF-8, as the hash sees them. (`==` on `String`
    /// compares canonical equivalence, a normalization pass for non-ASCII text; tokens
    /// are already normalized, and equal hashes came from equal bytes.)
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }

    /// The slot holding `token`, or the empty slot where it would go.
    @inline(__always)
    private func slot(_ token: String, _ h: UInt64) -> (slot: Int, id: UInt32?) {
        var s = Int(truncatingIfNeeded: (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9) & mask
        while true {
            let v = slots[s]
            if v == 0 { return (s, nil) }
            let id = Int(v - 1)
            if hashes[id] == h && Self.sameBytes(tokens[id], token) { return (s, v - 1) }
            s = (s + 1) & mask
        }
    }

    /// The id of `token`, assigning the next id on first sight.
    mutating func id(_ token: String) -> UInt32 {
        let h = Self.hash(token)
        let (s, found) = slot(token, h)
        if let found { return found }
        let id = UInt32(tokens.count)
        tokens.append(token)
        hashes.append(h)
        slots[s] = id + 1
        if tokens.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [UInt32](repeating: 0, count: size)
        mask = size - 1
        for (id, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = UInt32(id + 1)
        }
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
            if let id = slot(t, Self.hash(t)).id {
                out.append(id)
            } else if let id = unknown[t] {
                out.append(id)
            } else {
                let id = UInt32(count + unknown.count)
                unknown[t] = id
                out.append(id)
            }
        }
        return out
    }
}

extension Vocabulary {
    /// Every token, at the index of its id: interning them in this order into an empty
    /// vocabulary gives the same ids (`Vocabulary+Snapshot.swift`).
    var tokensById: [String] { tokens }
}
