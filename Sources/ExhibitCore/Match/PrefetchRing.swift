/// The hashes of the next few windows of a sequence, computed `distance` windows ahead
/// of their use, so that the table slot each will touch can be prefetched in time: a
/// lookup in a table far larger than the cache then overlaps its miss with the work on
/// the windows before it (software prefetching of hash probes; cf. Chen, Ailamaki,
/// Gibbons, Mowry, "Improving hash join performance through prefetching", ICDE 2004).
///
/// Windows are numbered by the caller; `next` must be called for consecutive windows
/// `j, j + 1, …` below `end`. Hashes and results never depend on it.
struct PrefetchRing {
    /// How many windows ahead a slot is prefetched: enough to cover a memory access
    /// (a few hundred cycles) at the tens of cycles one window costs.
    static let distance = 8
    private static let mask = 15
    private var hashes = [UInt64](repeating: 0, count: 16)
    /// The last window hashed, or nil before the first call.
    private var last: Int?

    /// The hash of window `j`; hashes window `j + distance` (when below `end`) and hands
    /// it to `prefetch`.
    @inline(__always)
    mutating func next(_ j: Int, _ end: Int, hash: (Int) -> UInt64, prefetch: (UInt64) -> Void) -> UInt64 {
        if last == nil {
            for i in j..<min(j + Self.distance, end) {
                let h = hash(i)
                hashes[i & Self.mask] = h
                prefetch(h)
            }
            last = min(j + Self.distance, end) - 1
        }
        let ahead = j + Self.distance
        if ahead < end, ahead > last! {
            let h = hash(ahead)
            hashes[ahead & Self.mask] = h
            prefetch(h)
            last = ahead
        }
        return hashes[j & Self.mask]
    }
}
