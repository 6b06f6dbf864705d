/// For one probed sequence: where the last seed found on each diagonal (work position
/// minus sequence position, global) ends in the sequence, so `SeedFinder` skips hits
/// inside a seed it already has.
///
/// A small open-addressing table (linear probing, at most half full): it is asked once
/// per posting of every hit window of every output, where a `Dictionary`'s hashing
/// showed in profiles.
struct DiagonalEnds {
    private static let empty = Int.min
    private var keys: [Int]
    private var values: [Int]
    private var mask: Int
    private var count = 0

    init() {
        keys = [Int](repeating: Self.empty, count: 16)
        values = [Int](repeating: 0, count: 16)
        mask = 15
    }

    @inline(__always)
    private static func home(_ key: Int, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// End (sequence position, exclusive) of the last seed recorded on `diagonal`.
    @inline(__always)
    subscript(diagonal: Int) -> Int? {
        var s = Self.home(diagonal, mask)
        while true {
            let k = keys[s]
            if k == diagonal { return values[s] }
            if k == Self.empty { return nil }
            s = (s + 1) & mask
        }
    }

    /// Records that a seed on `diagonal` ends at `end`.
    mutating func set(_ diagonal: Int, _ end: Int) {
        var s = Self.home(diagonal, mask)
        while keys[s] != Self.empty && keys[s] != diagonal { s = (s + 1) & mask }
        if keys[s] == Self.empty {
            keys[s] = diagonal
            count += 1
        }
        values[s] = end
        if count * 2 > keys.count { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [Int](repeating: Self.empty, count: oldKeys.count * 2)
        values = [Int](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        for (k, v) in zip(oldKeys, oldValues) where k != Self.empty {
            var s = Self.home(k, mask)
            while keys[s] != Self.empty { s = (s + 1) & mask }
            keys[s] = k
            values[s] = v
        }
    }
}
