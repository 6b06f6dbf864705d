/// The work index as the results store's sidecar keeps it (`WorksSidecar`): its arrays
/// as they are, checked on reading so that a damaged or foreign sidecar is refused
/// rather than probed out of bounds, and sampled against this Exhibit's own hashing so
/// that an index laid out by another version of the code is refused too.
extension WorkIndex {
    /// Appends the index's arrays to `out` (read back by `read(from:)`).
    func write(to out: inout RawArrayWriter) throws {
        let p = parts
        try out.array([Int64(p.k), Int64(bitPattern: p.shift), Int64(p.probeMask)])
        try out.array(p.ids)
        try out.array(p.workStarts.map(Int64.init))
        try out.array(p.boilerplate)
        try out.array(p.slots)
        try out.array(p.slotWeight)
        try out.array(p.postings)
    }

    /// The arrays `write(to:)` wrote, not yet checked (`checked(_:vocabulary:)`).
    static func read(from r: inout RawArrayReader) throws -> Parts {
        let numbers = try r.array(Int64.self)
        guard numbers.count == 3 else { throw StoreError.malformed("index numbers") }
        let ids = try r.array(UInt32.self)
        let workStarts = try r.array(Int64.self).map { Int($0) }
        let boilerplate = try r.flags()
        let slots = try r.array(IndexSlot.self)
        let slotWeight = try r.array(UInt32.self)
        let postings = try r.array(UInt32.self)
        return Parts(k: Int(numbers[0]), ids: ids, workStarts: workStarts, boilerplate: boilerplate,
                     shift: UInt64(bitPattern: numbers[1]), probeMask: Int(numbers[2]), slots: slots,
                     slotWeight: slotWeight, postings: postings)
    }

    /// The index of `p` when its arrays fit together (every posting, slot and work
    /// start inside its array, every id below `vocabulary`) and this Exhibit's hashing
    /// finds, for a sample of the works' k-grams, each at its position; nil otherwise.
    static func checked(_ p: Parts, vocabulary: Int) -> WorkIndex? {
        let capacity = p.slots.count - 1
        guard p.k >= 1, capacity >= 16, capacity & (capacity - 1) == 0,
              p.shift == UInt64(64 - capacity.trailingZeroBitCount),
              p.probeMask >= 0, (p.probeMask + 1) & p.probeMask == 0, p.probeMask < capacity,
              p.slotWeight.isEmpty || p.slotWeight.count == capacity,
              p.boilerplate.count == p.ids.count, p.workStarts.first == 0, p.workStarts.last == p.ids.count,
              p.slots[0].start == 0, p.slots[capacity].start == p.postings.count,
              p.slots[capacity].key == 0, !p.slots[capacity].isFrequent else { return nil }
        for i in 1..<p.workStarts.count where p.workStarts[i] < p.workStarts[i - 1] { return nil }
        for s in 0..<capacity {
            let slot = p.slots[s], end = p.slots[s + 1].start
            // Postings in order, a key for every slot that has any, and its first posting beside it.
            guard end >= slot.start, (slot.key == 0) == (end == slot.start),
                  slot.key == 0 || (slot.start < p.postings.count && Int(slot.lead) == Int(p.postings[slot.start])) else { return nil }
        }
        let limit = UInt32(clamping: vocabulary)
        if p.ids.contains(where: { $0 >= limit }) { return nil }
        let lastStart = UInt32(clamping: p.ids.count - p.k)
        if p.ids.count < p.k ? !p.postings.isEmpty : p.postings.contains(where: { $0 > lastStart }) { return nil }
        let index = WorkIndex(parts: p)
        return index.findsSample() ? index : nil
    }

    /// True when, for up to 1,024 k-grams spread over the works, looking one up with
    /// this Exhibit's `KGramHash` and probing finds its own position among the postings.
    private func findsSample() -> Bool {
        let hasher = KGramHash(k: k)
        var windows = [Int]()
        for w in 0..<workCount where workStarts[w + 1] - workStarts[w] >= k { windows.append(w) }
        guard !windows.isEmpty else { return true }
        let samples = min(1024, windows.count * 4)
        return ids.withUnsafeBufferPointer { buf in
            for i in 0..<samples {
                let w = windows[i * windows.count / samples]
                let span = workStarts[w + 1] - workStarts[w] - k + 1
                let p = workStarts[w] + (i * 7919) % span
                guard let hit = lookup(hasher.hash(buf, at: p)) else { return false }
                var lo = hit.first, hi = hit.first + hit.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if posting(mid) < p { lo = mid + 1 } else { hi = mid }
                }
                guard lo < hit.first + hit.count, posting(lo) == p else { return false }
            }
            return true
        }
    }
}
