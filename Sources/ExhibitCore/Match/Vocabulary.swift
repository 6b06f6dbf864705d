import CPrefetch

/// Interns normalized tokens as dense integer ids, so that matching compares
/// integers instead of strings. Ids are assigned in order of first appearance,
/// so the same documents in the same order give the same ids.
///
/// An open-addressing table over a 64-bit FNV-1a hash of each token's UTF-8 (linear
/// probing, at most half full): interning and resolving every token of a case is on
/// the scan's path, and this costs a fraction of `Dictionary<String, _>`'s SipHash.
/// Tokens are kept as UTF-8 in one buffer and looked up from bytes (`TokenBytes`), so
/// no token is ever a `String` on the scan's path; a slot holds the id and the top
/// half of the token's hash, so a lookup touches one slot and the token's bytes.
struct Vocabulary: Sendable {
    /// UTF-8 of every token, in id order.
    private var arena: [UInt8] = []
    /// End of each id's token in `arena` (exclusive); it starts where the previous ends.
    private var ends: [UInt32] = []
    /// 0 when empty, else the hash's top 32 bits << 32 | (id + 1).
    private var slots: [UInt64]
    private var mask: Int

    /// Number of distinct tokens seen.
    var count: Int { ends.count }

    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        ends.reserveCapacity(capacity)
        arena.reserveCapacity(capacity * 8)
    }

    /// FNV-1a, 64 bits, over a token's UTF-8.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    @inline(__always)
    private static func home(_ h: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9) & mask
    }

    /// The slot holding the token `bytes`, or the empty slot where it would go.
    @inline(__always)
    private func slot(_ bytes: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (slot: Int, id: UInt32?) {
        arena.withUnsafeBufferPointer { arena in
            ends.withUnsafeBufferPointer { ends in
                slots.withUnsafeBufferPointer { slots in
                    Self.slot(bytes, h, arena: arena, ends: ends, slots: slots, mask: mask)
                }
            }
        }
    }

    /// `slot(_:_:)` over the vocabulary's storage, already open.
    @inline(__always)
    private static func slot(_ bytes: UnsafeBufferPointer<UInt8>, _ h: UInt64, arena: UnsafeBufferPointer<UInt8>,
                             ends: UnsafeBufferPointer<UInt32>, slots: UnsafeBufferPointer<UInt64>,
                             mask: Int) -> (slot: Int, id: UInt32?) {
        let tag = h >> 32
        var s = home(h, mask)
        while true {
            let v = slots[s]
            if v == 0 { return (s, nil) }
            if v >> 32 == tag {
                let id = Int(truncatingIfNeeded: v & 0xFFFF_FFFF) - 1
                let start = id == 0 ? 0 : Int(ends[id - 1]), end = Int(ends[id])
                if end - start == bytes.count && same(arena, start, bytes) {
                    return (s, UInt32(id))
                }
            }
            s = (s + 1) & mask
        }
    }

    /// Whether `arena[start ..< start + bytes.count]` equals `bytes`. A loop, not
    /// `memcmp`: tokens are a few bytes long, shorter than a library call costs.
    @inline(__always)
    private static func same(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            if arena[start + i] != bytes[i] { return false }
            i += 1
        }
        return true
    }

    /// The id of the token `bytes`, assigning the next id on first sight.
    mutating func id(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        id(bytes, hash: Self.hash(bytes))
    }

    /// `id(_:)` of a token whose `hash(_:)` is `h`.
    @inline(__always)
    private mutating func id(_ bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> UInt32 {
        let (s, found) = slot(bytes, h)
        if let found { return found }
        let id = UInt32(ends.count)
        arena.append(contentsOf: bytes)
        ends.append(UInt32(arena.count))
        slots[s] = (h >> 32) << 32 | UInt64(id + 1)
        if ends.count * 2 > slots.count { grow() }
        return id
    }

    /// The id of `token`, assigning the next id on first sight.
    mutating func id(_ token: String) -> UInt32 {
        var t = token
        return t.withUTF8 { id($0) }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var grown = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        arena.withUnsafeBufferPointer { arena in
            var start = 0
            for (id, end) in ends.enumerated() {
                let h = Self.hash(UnsafeBufferPointer(rebasing: arena[start..<Int(end)]))
                var s = Self.home(h, mask)
                while grown[s] != 0 { s = (s + 1) & mask }
                grown[s] = (h >> 32) << 32 | UInt64(id + 1)
                start = Int(end)
            }
        }
        slots = grown
        self.mask = mask
    }

    /// The ids of `tokens`, in order.
    mutating func ids(_ tokens: [String]) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(tokens.count)
        for t in tokens { out.append(id(t)) }
        return out
    }

    /// The ids of `tokens`' tokens, in order.
    mutating func ids(_ tokens: TokenBytes) -> [UInt32] {
        var out = [UInt32]()
        out.reserveCapacity(tokens.count)
        // Interning is one thread over every work token: the slots of a block of tokens
        // are prefetched before the block is interned (as in `resolve`), so their misses
        // overlap. A prefetch made before the table grows only warms the old table.
        var hashes = [UInt64](repeating: 0, count: Self.resolveBlock)
        tokens.bytes.withUnsafeBufferPointer { b in
            var lo = 0
            while lo < tokens.count {
                let hi = min(lo + Self.resolveBlock, tokens.count)
                slots.withUnsafeBufferPointer { slots in
                    for i in lo..<hi {
                        let h = Self.hash(UnsafeBufferPointer(rebasing: b[tokens.range(i)]))
                        hashes[i - lo] = h
                        exhibit_prefetch(slots.baseAddress! + Self.home(h, mask))
                    }
                }
                for i in lo..<hi { out.append(id(UnsafeBufferPointer(rebasing: b[tokens.range(i)]), hash: hashes[i - lo])) }
                lo = hi
            }
        }
        return out
    }

    /// The ids of `tokens` against this vocabulary without changing it, so many threads
    /// can share it: a token it lacks gets the id `count` + its id in `unknown` (assigned
    /// on first sight). Ids from `unknown` are equal only for equal tokens resolved with
    /// the same `unknown` (an output and its prompt) and never equal an id of the
    /// vocabulary: a token no work holds can match nothing in a work.
    func resolve(_ tokens: TokenBytes, unknown: inout Vocabulary) -> [UInt32] {
        let n = tokens.count
        var out = [UInt32](repeating: 0, count: n)
        let known = UInt32(count)
        // A work vocabulary is megabytes: a lookup misses the cache on its slot, then on
        // its id's end, then on its bytes, each waiting for the one before. Tokens go in
        // blocks whose slots, then ends, then bytes are prefetched for the whole block
        // before any is compared, so the misses of a block overlap (software-pipelined
        // hash probes, as `PrefetchRing`; cf. Chen et al., ICDE 2004).
        var hashes = [UInt64](repeating: 0, count: Self.resolveBlock)
        tokens.bytes.withUnsafeBufferPointer { b in
            arena.withUnsafeBufferPointer { arena in
                ends.withUnsafeBufferPointer { ends in
                    slots.withUnsafeBufferPointer { slots in
                        hashes.withUnsafeMutableBufferPointer { hashes in
                            var lo = 0
                            while lo < n {
                                let hi = min(lo + Self.resolveBlock, n)
                                for i in lo..<hi {
                                    let h = Self.hash(UnsafeBufferPointer(rebasing: b[tokens.range(i)]))
                                    hashes[i - lo] = h
                                    exhibit_prefetch(slots.baseAddress! + Self.home(h, mask))
                                }
                                // The first slot's id (where its tag agrees): its end and the one before.
                                for i in lo..<hi {
                                    let h = hashes[i - lo], v = slots[Self.home(h, mask)]
                                    if v != 0 && v >> 32 == h >> 32 {
                                        exhibit_prefetch(ends.baseAddress! + max(Int(truncatingIfNeeded: v & 0xFFFF_FFFF) - 2, 0))
                                    }
                                }
                                // That id's bytes.
                                for i in lo..<hi {
                                    let h = hashes[i - lo], v = slots[Self.home(h, mask)]
                                    if v != 0 && v >> 32 == h >> 32 {
                                        let id = Int(truncatingIfNeeded: v & 0xFFFF_FFFF) - 1
                                        let start = id == 0 ? 0 : Int(ends[id - 1])
                                        if start < arena.count { exhibit_prefetch(arena.baseAddress! + start) }
                                    }
                                }
                                for i in lo..<hi {
                                    let t = UnsafeBufferPointer(rebasing: b[tokens.range(i)])
                                    if let id = Self.slot(t, hashes[i - lo], arena: arena, ends: ends, slots: slots,
                                                          mask: mask).id {
                                        out[i] = id
                                    } else {
                                        out[i] = known + unknown.id(t)
                                    }
                                }
                                lo = hi
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Tokens resolved per block of prefetches: enough misses in flight to cover a
    /// memory access, few enough that the block's lines stay cached until compared.
    private static let resolveBlock = 16
}

extension Vocabulary {
    /// Every token's UTF-8 in id order, concatenated, and where each ends (exclusive):
    /// interning them in this order into an empty vocabulary gives the same ids
    /// (`Vocabulary+Snapshot.swift`).
    var tokensById: (utf8: [UInt8], ends: [UInt32]) { (arena, ends) }
}
