/// A set of k-gram hashes (`KGramHash`), open addressing with linear probing, at most
/// half full: the k-grams an incremental scan asks the works for
/// (`WorkIndex.init(ids:workStarts:k:boilerplateWorks:threads:only:boilerplate:)`), looked
/// up once per window of every work, so a miss must cost one probe or two.
struct KGramHashSet: Sendable {
    /// 0 marks an empty slot; a hash of 0 is kept as `hasZero`.
    private var slots: [UInt64]
    private var mask: Int
    private var hasZero = false
    /// Number of distinct hashes held.
    private(set) var count = 0

    /// An empty set sized for about `capacity` hashes.
    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func home(_ h: UInt64, _ mask: Int) -> Int {
        // The hash's top bits, mixed: `KGramHash` values are polynomial, so their low
        // bits follow the last token's id.
        Int(truncatingIfNeeded: (h &* 0xD6E8_FEB8_6659_FD93) >> 32) & mask
    }

    /// Adds `h`.
    mutating func insert(_ h: UInt64) {
        if h == 0 {
            if !hasZero { hasZero = true; count += 1 }
            return
        }
        var s = Self.home(h, mask)
        while slots[s] != 0 {
            if slots[s] == h { return }
            s = (s + 1) & mask
        }
        slots[s] = h
        count += 1
        if count * 2 > slots.count { grow() }
    }

    /// Whether `h` was added.
    @inline(__always)
    func contains(_ h: UInt64) -> Bool {
        if h == 0 { return hasZero }
        return slots.withUnsafeBufferPointer { table in
            var s = Self.home(h, mask)
            while true {
                let v = table[s]
                if v == h { return true }
                if v == 0 { return false }
                s = (s + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for h in old where h != 0 {
            var s = Self.home(h, mask)
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = h
        }
    }
}
