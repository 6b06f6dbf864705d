/// Polynomial rolling hash of k consecutive token ids, modulo 2^64
/// (Karp & Rabin, "Efficient randomized pattern-matching algorithms", 1987).
///
/// Hashes only find candidates: every hit is verified token by token, so a
/// collision costs time, never a wrong match.
struct KGramHash {
    /// Odd multiplier, so multiplication is a bijection modulo 2^64.
    static let base: UInt64 = 0x9E37_79B9_7F4A_7C15
    let k: Int
    /// base^(k-1), to remove the outgoing id when rolling.
    let high: UInt64

    init(k: Int) {
        precondition(k >= 1)
        self.k = k
        // base^(k-1) by squaring: O(log k), so no k makes building a hasher slow.
        var h: UInt64 = 1, b = Self.base, e = k - 1
        while e > 0 {
            if e & 1 == 1 { h = h &* b }
            b = b &* b
            e >>= 1
        }
        high = h
    }

    /// Hash of `ids[start ..< start + k]`.
    @inline(__always)
    func hash(_ ids: UnsafeBufferPointer<UInt32>, at start: Int) -> UInt64 {
        var h: UInt64 = 0
        for t in start..<(start + k) { h = h &* Self.base &+ UInt64(ids[t]) &+ 1 }
        return h
    }

    /// Hash of the window one token to the right of the window hashed by `h`, which started at `start`.
    @inline(__always)
    func roll(_ h: UInt64, _ ids: UnsafeBufferPointer<UInt32>, from start: Int) -> UInt64 {
        let out = (UInt64(ids[start]) &+ 1) &* high
        return (h &- out) &* Self.base &+ UInt64(ids[start + k]) &+ 1
    }

    /// Calls `body(position, hash)` for every window of `ids`, left to right.
    @inline(__always)
    func forEachWindow(_ ids: UnsafeBufferPointer<UInt32>, _ body: (Int, UInt64) -> Void) {
        guard ids.count >= k else { return }
        var h = hash(ids, at: 0)
        body(0, h)
        var p = 0
        while p + k < ids.count {
            h = roll(h, ids, from: p)
            p += 1
            body(p, h)
        }
    }
}
