/// The windows of the works indexed, in consecutive parts of about equal size (whole
/// works each, or runs of the kept positions), so that parts can be hashed and placed
/// on several threads and put together in position order.
struct WindowParts: Sendable {
    /// Part `n` is works `bounds[n] ..< bounds[n + 1]`, or kept windows `bounds[n] ..< bounds[n + 1]`.
    private let bounds: [Int]
    private let kept: [UInt32]?
    private let starts: [Int]
    private let k: Int
    /// The windows of each part.
    let windowCounts: [Int]

    var count: Int { windowCounts.count }

    init(windows: Int, kept: [UInt32]?, starts: [Int], k: Int, parts wanted: Int) {
        self.kept = kept
        self.starts = starts
        self.k = k
        let n = max(1, wanted)
        if kept != nil {
            let b = (0...n).map { windows * $0 / n }
            bounds = b
            windowCounts = (0..<n).map { b[$0 + 1] - b[$0] }
            return
        }
        let works = starts.count - 1
        // Windows before each work.
        var before = [Int](repeating: 0, count: works + 1)
        for w in 0..<works { before[w + 1] = before[w] + max(0, starts[w + 1] - starts[w] - k + 1) }
        var b = [0]
        for part in 1..<n {
            let target = windows * part / n
            var lo = b.last!, hi = works  // first work with `before` at least `target`
            while lo < hi {
                let mid = (lo + hi) / 2
                if before[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            b.append(lo)
        }
        b.append(works)
        bounds = b
        windowCounts = (0..<n).map { before[b[$0 + 1]] - before[b[$0]] }
    }

    /// Calls `body(wi, h)` for each window of part `n` in position order: its number
    /// among all windows and its hash.
    func forEachWindow(_ n: Int, ids: UnsafeBufferPointer<UInt32>, hasher: KGramHash, _ body: (Int, UInt64) -> Void) {
        if let kept {
            for wi in bounds[n]..<bounds[n + 1] { body(wi, hasher.hash(ids, at: Int(kept[wi]))) }
            return
        }
        var wi = windowCounts[..<n].reduce(0, +)
        for w in bounds[n]..<bounds[n + 1] where starts[w + 1] - starts[w] >= k {
            hasher.forEachWindow(UnsafeBufferPointer(rebasing: ids[starts[w]..<starts[w + 1]])) { _, h in
                body(wi, h)
                wi += 1
            }
        }
    }

    /// Calls `body(wi, p)` for each window of part `n` in position order: its number
    /// among all windows and its global position.
    func forEachPosition(_ n: Int, _ body: (Int, Int) -> Void) {
        if let kept {
            for wi in bounds[n]..<bounds[n + 1] { body(wi, Int(kept[wi])) }
            return
        }
        var wi = windowCounts[..<n].reduce(0, +)
        for w in bounds[n]..<bounds[n + 1] where starts[w + 1] - starts[w] >= k {
            for p in starts[w]...(starts[w + 1] - k) {
                body(wi, p)
                wi += 1
            }
        }
    }
}

extension WindowParts {
    /// The windows' positions grouped by region, in position order within each, and
    /// where each region's group starts (`regions + 1` bounds); and the region bits used:
    /// `regionBits`, or 0 when a region would be more than 7/8 full by its windows (an
    /// upper bound of its k-grams), so that probing within a region always ends.
    /// A window's region is the top `regionBits` of its home slot in a table of `2^bits`
    /// slots (`WorkIndex`). Each part is hashed, then placed, by one task: part `n`'s
    /// windows of a region go after those of the parts before it, so the order is the one
    /// a single pass gives, for any `threads`.
    func regionOrder(ids all: [UInt32], hasher: KGramHash, regionBits wanted: Int, bits: Int, threads: Int)
        -> (order: [UInt32], regionStart: [Int], regionBits: Int) {
        let windows = windowCounts.reduce(0, +)
        var regionBits = wanted
        var windowRegion = [UInt8](repeating: 0, count: regionBits > 0 ? windows : 0)
        // Each part's windows per region.
        var perPart = windowCounts.map { [$0] }
        if regionBits > 0 {
            let sh = UInt64(64 - bits), down = UInt64(bits - regionBits), regionCount = 1 << regionBits
            let counted: [[Int]] = all.withUnsafeBufferPointer { buf in
                windowRegion.withUnsafeMutableBufferPointer { regionBuf in
                    let shared = RegionBuffers(ids: buf, regions: regionBuf)
                    return parallelMap(count, threads: threads, chunk: 1) { n in
                        var counts = [Int](repeating: 0, count: regionCount)
                        forEachWindow(n, ids: shared.ids, hasher: hasher) { wi, h in
                            let r = Int(truncatingIfNeeded: (((h == 0 ? 1 : h) &* 0xD6E8_FEB8_6659_FD93) >> sh) >> down)
                            shared.regions[wi] = UInt8(r)
                            counts[r] += 1
                        }
                        return counts
                    }
                }
            }
            let perRegion = (0..<regionCount).map { r in counted.reduce(0) { $0 + $1[r] } }
            if perRegion.contains(where: { $0 * 8 > ((1 << bits) >> regionBits) * 7 }) {
                regionBits = 0
                windowRegion = []
            } else {
                perPart = counted
            }
        }
        let regions = 1 << regionBits
        var regionStart = [Int](repeating: 0, count: regions + 1)
        for r in 0..<regions { regionStart[r + 1] = regionStart[r] + perPart.reduce(0) { $0 + $1[r] } }
        var cursors = [[Int]]()
        var running = Array(regionStart.dropLast())
        for counts in perPart {
            cursors.append(running)
            for r in 0..<regions { running[r] += counts[r] }
        }
        let partCursors = cursors, oneRegion = regionBits == 0
        // Every element is written exactly once below (the cursors cover 0..<windows).
        let order = [UInt32](unsafeUninitializedCapacity: windows) { buffer, initialized in
            windowRegion.withUnsafeBufferPointer { regionBuf in
                let shared = OrderBuffers(regions: regionBuf, order: buffer)
                _ = parallelMap(count, threads: threads, chunk: 1) { n in
                    var cursor = partCursors[n]
                    forEachPosition(n) { wi, p in
                        let r = oneRegion ? 0 : Int(shared.regions[wi])
                        shared.order[cursor[r]] = UInt32(p)
                        cursor[r] += 1
                    }
                }
            }
            initialized = windows
        }
        return (order, regionStart, regionBits)
    }
}

/// The buffers the region pass shares: each task writes only its own windows' regions.
private struct RegionBuffers: @unchecked Sendable {
    let ids: UnsafeBufferPointer<UInt32>
    let regions: UnsafeMutableBufferPointer<UInt8>
}

/// The buffers the order pass shares: each task writes only its own cursors' elements.
private struct OrderBuffers: @unchecked Sendable {
    let regions: UnsafeBufferPointer<UInt8>
    let order: UnsafeMutableBufferPointer<UInt32>
}
