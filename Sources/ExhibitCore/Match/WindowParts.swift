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
