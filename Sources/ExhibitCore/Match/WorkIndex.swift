import CPrefetch

/// An index of every k-gram (k consecutive token ids) of every work in a case, so
/// that an output is matched against all works at once: the cost grows with the
/// number of tokens, not with works × outputs.
///
/// Positions are global: the works' token ids are concatenated in work order and
/// `workStarts[w] ..< workStarts[w + 1]` is work `w`. k-grams never cross works.
/// The table is open addressing with linear probing over 64-bit k-gram hashes
/// (`KGramHash`); postings of one hash are contiguous and in position order.
struct WorkIndex: Sendable {
    let k: Int
    /// All works' token ids, concatenated.
    let ids: [UInt32]
    /// Start of each work in `ids`, plus the total as a last element.
    let workStarts: [Int]
    /// Per global position: the work token is boilerplate (frequency rule or
    /// `boilerplate.txt`).
    private(set) var boilerplate: [Bool]

    private let shift: UInt64
    /// Probing wraps within a region of `probeMask + 1` slots (see `init`).
    private let probeMask: Int
    /// The table, one more element than slots (its `first` ends the last slot's postings).
    private var slots: [IndexSlot]
    /// Postings of each slot's k-gram over all works of the case, for an index shard:
    /// raised to the global count by `applyGlobal`, so the repeat budget (`SeedFinder`)
    /// judges as a single scan does. Empty for an index of every work (the count is
    /// the weight): the table is the largest structure of a scan.
    private var slotWeight: [UInt32] = []
    private let postings: [UInt32]
    /// Every k-gram of the works is indexed (false for an index of only some,
    /// `init(ids:workStarts:k:boilerplateWorks:threads:only:boilerplate:)`).
    let complete: Bool

    /// Indexes `works` (token ids of each work, in work order).
    /// - Parameters:
    ///   - k: k-gram length in tokens (the seed length `min_words`).
    ///   - boilerplateWorks: a k-gram occurring in at least this many works is
    ///     boilerplate (SPEC §3); nil turns the rule off.
    ///   - threads: the table is filled on this many threads. The index is the same
    ///     for any count: the table is cut into regions by the top bits of a k-gram's
    ///     home slot, each region probed within itself and filled by one task, in
    ///     position order, so every k-gram's postings are in position order.
    init(works: [[UInt32]], k: Int, boilerplateWorks: Int?, threads: Int = 1) {
        var starts = [Int]()
        starts.reserveCapacity(works.count + 1)
        var all = BulkArray.make(repeating: UInt32(0), count: works.reduce(0) { $0 + $1.count })
        var at = 0
        all.withUnsafeMutableBufferPointer { buf in
            for w in works {
                starts.append(at)
                _ = UnsafeMutableBufferPointer(rebasing: buf[at..<(at + w.count)]).initialize(from: w)
                at += w.count
            }
        }
        starts.append(at)
        self.init(ids: all, workStarts: starts, k: k, boilerplateWorks: boilerplateWorks, threads: threads)
    }

    /// Indexes the works whose token ids are `all`, concatenated, work `w` being
    /// `all[starts[w] ..< starts[w + 1]]` (as `init(works:k:boilerplateWorks:threads:)`).
    /// - Parameters:
    ///   - only: when given, only the k-grams whose hash is in it are indexed: a lookup of
    ///     one of those hashes answers exactly as the index of every k-gram does (the same
    ///     postings in the same order, the same frequent mark), and any other hash finds
    ///     nothing. An incremental scan indexes the k-grams of the outputs it matches
    ///     this way, in one pass over the works, instead of keeping a table of every
    ///     k-gram (`WorksSidecar`).
    ///   - boilerplate: the works' boilerplate marks when already known (from an index of
    ///     every k-gram, `boilerplate.txt` applied); nil to mark them here by the
    ///     frequency rule.
    init(ids all: [UInt32], workStarts starts: [Int], k: Int, boilerplateWorks: Int?, threads: Int = 1,
         only: KGramHashSet? = nil, boilerplate known: [Bool]? = nil) {
        self.k = k
        ids = all
        workStarts = starts
        complete = only == nil
        let works = starts.count - 1
        let hasher = KGramHash(k: k)
        // The windows indexed: all of them, or (positions, ascending) those whose hash is asked for.
        var kept: [UInt32]?
        if let only, only.count == 0 {
            kept = []
        } else if let only {
            var list = [UInt32]()
            all.withUnsafeBufferPointer { buf in
                for w in 0..<works where starts[w + 1] - starts[w] >= k {
                    hasher.forEachWindow(UnsafeBufferPointer(rebasing: buf[starts[w]..<starts[w + 1]])) { j, h in
                        if only.contains(h) { list.append(UInt32(starts[w] + j)) }
                    }
                }
            }
            kept = list
        }
        let windows = kept?.count ?? (0..<works).reduce(0) { $0 + max(0, starts[$1 + 1] - starts[$1] - k + 1) }
        // At most 3/4 full even if every k-gram differs: linear probing stays short,
        // and the table is half the size a 1/2 bound gives.
        var bits = 4
        while (1 << bits) * 3 < windows * 4 { bits += 1 }
        let capacity = 1 << bits
        shift = UInt64(64 - bits)
        let sh = shift

        // Regions: up to 64, of at least 2^14 slots, only when there are threads to fill them.
        var wanted = 0
        if threads > 1 { while wanted < 6 && bits - wanted - 1 >= 14 { wanted += 1 } }
        // The windows in parts of about equal size, each hashed and placed by one task, in
        // position order (for an XL case these passes were seconds on one core).
        let parts = WindowParts(windows: windows, kept: kept, starts: starts, k: k, parts: wanted > 0 ? 4 * threads : 1)
        var (order, starting, used) = parts.regionOrder(ids: all, hasher: hasher, regionBits: wanted, bits: bits,
                                                        threads: threads)
        let regionStart = starting, regionBits = used
        let regions = 1 << regionBits
        probeMask = (capacity >> regionBits) - 1

        precondition(windows < Int(IndexSlot.frequentBit), "too many k-grams for one index")
        var table = BulkArray.make(repeating: IndexSlot(), count: capacity + 1, threads: threads)
        var counts = BulkArray.make(repeating: UInt32(0), count: capacity, threads: threads)
        var post = BulkArray.make(repeating: UInt32(0), count: windows, threads: threads)
        let mask = probeMask
        let fill = { (body: @Sendable (Int) -> Void) in
            _ = parallelMap(regions, threads: threads, chunk: 1) { body($0) }
        }
        all.withUnsafeBufferPointer { buf in
            order.withUnsafeBufferPointer { orderBuf in
                table.withUnsafeMutableBufferPointer { tableBuf in
                    counts.withUnsafeMutableBufferPointer { countsBuf in
                        do {
                            post.withUnsafeMutableBufferPointer { postBuf in
                                // Each task writes only its region's slots (and, in pass 2,
                                // only those slots' postings): no two tasks touch one element.
                                let shared = IndexBuffers(ids: buf, order: orderBuf, slots: tableBuf, counts: countsBuf,
                                                          postings: postBuf)
                                let slotOf: @Sendable (UInt64, Bool) -> Int = { key, claim in
                                    var slot = Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> sh)
                                    while shared.slots[slot].key != 0 && shared.slots[slot].key != key {
                                        slot = (slot & ~mask) | ((slot &+ 1) & mask)
                                    }
                                    if claim { shared.slots[slot].key = key }
                                    return slot
                                }
                                // Pass 1: find or claim each window's slot and count postings.
                                fill { r in
                                    var ahead = PrefetchRing()
                                    let lo = regionStart[r], hi = regionStart[r + 1]
                                    for j in lo..<hi {
                                        let h = ahead.next(j, hi) { hasher.hash(shared.ids, at: Int(shared.order[$0])) } prefetch: { h in
                                            let home = Int(truncatingIfNeeded: ((h == 0 ? 1 : h) &* 0xD6E8_FEB8_6659_FD93) >> sh)
                                            exhibit_prefetch_write(shared.slots.baseAddress! + home)
                                            exhibit_prefetch_write(shared.counts.baseAddress! + home)
                                        }
                                        shared.counts[slotOf(h == 0 ? 1 : h, true)] += 1
                                    }
                                }
                                shared.slots[capacity].first = UInt32(windows)
                                // Pass 2: prefix sums give each slot its block of postings (a
                                // region's windows all counted in its own slots, its blocks start
                                // where its windows do in `order`); then fill postings in position
                                // order, `counts` becoming each slot's cursor.
                                fill { r in
                                    let size = mask + 1
                                    var total = UInt32(regionStart[r])
                                    for s in (r * size)..<((r + 1) * size) {
                                        let c = shared.counts[s]
                                        shared.slots[s].first = total
                                        shared.counts[s] = total
                                        total += c
                                    }
                                    var ahead = PrefetchRing()
                                    let lo = regionStart[r], hi = regionStart[r + 1]
                                    for j in lo..<hi {
                                        let p = shared.order[j]
                                        let h = ahead.next(j, hi) { hasher.hash(shared.ids, at: Int(shared.order[$0])) } prefetch: { h in
                                            let home = Int(truncatingIfNeeded: ((h == 0 ? 1 : h) &* 0xD6E8_FEB8_6659_FD93) >> sh)
                                            exhibit_prefetch(shared.slots.baseAddress! + home)
                                            exhibit_prefetch_write(shared.counts.baseAddress! + home)
                                        }
                                        let slot = slotOf(h == 0 ? 1 : h, false)
                                        shared.postings[Int(shared.counts[slot])] = p
                                        shared.counts[slot] += 1
                                    }
                                    // Each slot's first posting beside its key: a lookup of a
                                    // k-gram found once needs no second cache miss.
                                    for s in (r * size)..<((r + 1) * size) where shared.counts[s] > shared.slots[s].first {
                                        shared.slots[s].lead = shared.postings[Int(shared.slots[s].first)]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        order = []
        counts = []
        postings = post

        // Frequency rule: a k-gram in at least `threshold` works is boilerplate.
        var bp = known ?? [Bool](repeating: false, count: all.count)
        if let threshold = boilerplateWorks {
            // The slots with enough postings, found on all cores (a scan of the whole table).
            let perSlice = max(1 << 16, capacity / max(1, 4 * threads))
            let candidates: [Int] = table.withUnsafeBufferPointer { tableBuf in
                let shared = SlotsBuffer(slots: tableBuf)
                return parallelMap((capacity + perSlice - 1) / perSlice, threads: threads, chunk: 1) { n in
                    ((n * perSlice)..<min(capacity, (n + 1) * perSlice)).filter {
                        shared.slots[$0 + 1].start - shared.slots[$0].start >= threshold
                    }
                }.flatMap { $0 }
            }
            all.withUnsafeBufferPointer { buf in
                for slot in candidates {
                    let f = table[slot].start, c = table[slot + 1].start - f
                    let p0 = Int(post[f])
                    var worksSeen = 0
                    var lastWork = -1
                    var equal = [Int]()
                    for i in f..<(f + c) {
                        let p = Int(post[i])
                        // Verify: a colliding hash is a different k-gram.
                        var same = true
                        for t in 0..<k where buf[p + t] != buf[p0 + t] { same = false; break }
                        guard same else { continue }
                        equal.append(p)
                        let w = Self.work(at: p, starts: starts)
                        if w != lastWork { worksSeen += 1; lastWork = w }
                    }
                    if worksSeen >= threshold {
                        table[slot].first |= IndexSlot.frequentBit
                        if known == nil { for p in equal { for t in p..<(p + k) { bp[t] = true } } }
                    }
                }
            }
        }
        slots = table
        boilerplate = bp
    }

    /// Number of works.
    var workCount: Int { workStarts.count - 1 }

    /// The work holding global position `p`.
    func work(at p: Int) -> Int { Self.work(at: p, starts: workStarts) }

    private static func work(at p: Int, starts: [Int]) -> Int {
        var lo = 0, hi = starts.count - 1  // invariant: starts[lo] <= p < starts[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= p { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The postings (global positions, ascending) of hash `h`, and whether its
    /// k-gram is frequent; nil when no work has it. The caller verifies tokens.
    /// `weight` is the k-gram's postings over all works of the case (`slotWeight`);
    /// `lead` is `posting(first)`, read from the slot itself.
    @inline(__always)
    func lookup(_ h: UInt64) -> (first: Int, count: Int, weight: Int, frequent: Bool, lead: Int)? {
        let key = h == 0 ? 1 : h
        var slot = Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> shift)
        return slots.withUnsafeBufferPointer { table in
            while true {
                let entry = table[slot]
                if entry.key == key {
                    let first = entry.start, count = table[slot + 1].start - first
                    return (first, count, slotWeight.isEmpty ? count : Int(slotWeight[slot]), entry.isFrequent, Int(entry.lead))
                }
                if entry.key == 0 { return nil }
                slot = (slot & ~probeMask) | ((slot &+ 1) & probeMask)
            }
        }
    }

    /// Starts loading the table slot where the lookup of hash `h` begins, so that a
    /// lookup issued a few windows later finds it in cache (`SeedFinder.probe`).
    @inline(__always)
    func prefetch(_ h: UInt64) {
        let key = h == 0 ? 1 : h
        let slot = Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> shift)
        slots.withUnsafeBufferPointer { exhibit_prefetch($0.baseAddress! + slot) }
    }

    /// Global position of posting `i`.
    @inline(__always)
    func posting(_ i: Int) -> Int { Int(postings[i]) }

    /// The k-grams a shard of the works cannot judge alone (SPEC §10): those with more
    /// than `SeedFinder.repeatPostings` postings, whose repeat budget needs their count
    /// over all works, and those that are boilerplate by the frequency rule. Each as the
    /// global position of one occurrence, its postings and whether it is frequent; in
    /// slot order (deterministic for the same works).
    func globalKGrams() -> [(position: Int, postings: Int, frequent: Bool)] {
        var out = [(position: Int, postings: Int, frequent: Bool)]()
        for slot in 0..<(slots.count - 1) {
            let count = slots[slot + 1].start - slots[slot].start
            guard count > 0, count > SeedFinder.repeatPostings || slots[slot].isFrequent else { continue }
            out.append((Int(slots[slot].lead), count, slots[slot].isFrequent))
        }
        return out
    }

    /// Gives this index (of a shard of the works) the facts of the whole case: each
    /// k-gram of `kgrams` (token ids, k of them) present here takes its global postings
    /// count as weight and, when `frequent`, the frequency rule's mark. Work tokens of
    /// frequent k-grams are marked by the caller (`markBoilerplate`).
    mutating func applyGlobal(_ kgrams: [(ids: [UInt32], postings: Int, frequent: Bool)]) {
        let hasher = KGramHash(k: k)
        if slotWeight.isEmpty { slotWeight = (0..<(slots.count - 1)).map { UInt32(slots[$0 + 1].start - slots[$0].start) } }
        ids.withUnsafeBufferPointer { work in
            for g in kgrams where g.ids.count == k {
                let h = g.ids.withUnsafeBufferPointer { hasher.hash($0, at: 0) }
                let key = h == 0 ? 1 : h
                var slot = Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> shift)
                while slots[slot].key != 0 && slots[slot].key != key { slot = (slot & ~probeMask) | ((slot &+ 1) & probeMask) }
                guard slots[slot].key == key else { continue }
                let p0 = Int(slots[slot].lead)
                guard (0..<k).allSatisfy({ work[p0 + $0] == g.ids[$0] }) else { continue }
                slotWeight[slot] = max(slotWeight[slot], UInt32(clamping: g.postings))
                if g.frequent { slots[slot].first |= IndexSlot.frequentBit }
            }
        }
    }

    /// Marks work tokens covered by the given spans as boilerplate (`boilerplate.txt`).
    mutating func markBoilerplate(_ spans: [[UInt32]]) {
        let marks = SpanOccurrences(spans: spans)
        var bp = boilerplate
        for w in 0..<workCount {
            let s = workStarts[w], e = workStarts[w + 1]
            marks.mark(Array(ids[s..<e]), into: &bp, offset: s)
        }
        boilerplate = bp
    }
}

extension WorkIndex {
    /// An index of only the k-grams whose hash is in `only`, over the same works, with
    /// the same boilerplate marks and frequency rule (`threshold`, works; nil when off):
    /// what an incremental scan matches its new outputs with.
    func restricted(to only: KGramHashSet, threshold: Int?, threads: Int) -> WorkIndex {
        WorkIndex(ids: ids, workStarts: workStarts, k: k, boilerplateWorks: threshold, threads: threads,
                  only: only, boilerplate: boilerplate)
    }
}

/// Finds every occurrence of a fixed set of token spans (the lines of
/// `boilerplate.txt`) in a token sequence, by the hash of each span's first
/// k tokens, verified token by token.
struct SpanOccurrences: Sendable {
    private let spans: [[UInt32]]
    private let byPrefix: [UInt64: [Int]]
    private let hasher: KGramHash?

    /// - Parameter spans: token ids of each span; all must have at least one token.
    init(spans: [[UInt32]]) {
        self.spans = spans
        let k = spans.map(\.count).min() ?? 0
        guard k > 0 else { byPrefix = [:]; hasher = nil; return }
        let h = KGramHash(k: k)
        var table = [UInt64: [Int]]()
        for (i, s) in spans.enumerated() {
            let key = s.withUnsafeBufferPointer { h.hash($0, at: 0) }
            table[key, default: []].append(i)
        }
        byPrefix = table
        hasher = h
    }

    var isEmpty: Bool { spans.isEmpty }

    /// Sets `mask[offset + t]` for every token `t` of `ids` inside an occurrence.
    func mark(_ ids: [UInt32], into mask: inout [Bool], offset: Int = 0) {
        guard let hasher, !spans.isEmpty else { return }
        ids.withUnsafeBufferPointer { buf in
            hasher.forEachWindow(buf) { p, h in
                guard let candidates = byPrefix[h] else { return }
                for c in candidates {
                    let s = spans[c]
                    guard p + s.count <= buf.count else { continue }
                    var same = true
                    for t in 0..<s.count where buf[p + t] != s[t] { same = false; break }
                    if same { for t in p..<(p + s.count) { mask[offset + t] = true } }
                }
            }
        }
    }
}

/// The finished table, read by the tasks that look for frequent k-grams.
private struct SlotsBuffer: @unchecked Sendable {
    let slots: UnsafeBufferPointer<IndexSlot>
}

/// The index's arrays while `WorkIndex.init` fills them on several threads: each task
/// writes a disjoint part (its region), which the type system cannot see.
private struct IndexBuffers: @unchecked Sendable {
    let ids: UnsafeBufferPointer<UInt32>
    let order: UnsafeBufferPointer<UInt32>
    let slots: UnsafeMutableBufferPointer<IndexSlot>
    let counts: UnsafeMutableBufferPointer<UInt32>
    let postings: UnsafeMutableBufferPointer<UInt32>
}

/// One slot of `WorkIndex`'s table, 16 bytes: a k-gram's hash, where its postings
/// start, whether it is frequent, and its first posting, so one cache line answers a
/// lookup (the next slot's start, which ends this slot's postings, is usually on the
/// same line). The table is the largest structure of a scan and every output token
/// looks it up.
struct IndexSlot: Sendable {
    /// The k-gram's 64-bit hash (never 0); 0 for an empty slot.
    var key: UInt64 = 0
    /// Index of the slot's first posting, with `frequentBit` set when the k-gram occurs
    /// in at least the boilerplate number of works.
    var first: UInt32 = 0
    /// Global position of the first posting (0 for an empty slot).
    var lead: UInt32 = 0

    static let frequentBit: UInt32 = 1 << 31

    /// Index of the first posting.
    @inline(__always) var start: Int { Int(first & ~Self.frequentBit) }
    /// The k-gram is boilerplate by the frequency rule.
    @inline(__always) var isFrequent: Bool { first & Self.frequentBit != 0 }
}
