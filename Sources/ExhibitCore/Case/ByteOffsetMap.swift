/// A piecewise-linear map from byte offsets in one buffer to byte offsets in the
/// buffer it was derived from (decoded text → file, repaired JSON line → original
/// line). Offsets are in bytes, 0-based.
///
/// Segment `i` starts at `sourceStarts[i]` and maps `x` to
/// `targetStarts[i] + (x - sourceStarts[i])`, never reaching `targetStarts[i + 1]`:
/// a substituted span (e.g. the 3 bytes of U+FFFD standing for 1 invalid byte)
/// maps inside the span it replaced.
struct ByteOffsetMap: Sendable, Hashable {
    private(set) var sourceStarts: [Int] = [0]
    private(set) var targetStarts: [Int] = [0]

    /// The identity shifted by `shift` bytes (e.g. a byte-order mark removed).
    init(shift: Int = 0) {
        targetStarts = [shift]
    }

    /// Starts a new segment: from `source` on, offsets map to `target` on.
    /// Segments must be added in increasing order of both offsets.
    mutating func addSegment(source: Int, target: Int) {
        if sourceStarts.last == source {
            targetStarts[targetStarts.count - 1] = target
        } else {
            sourceStarts.append(source)
            targetStarts.append(target)
        }
    }

    /// True when the map only shifts offsets (the common case: nothing was replaced).
    var isShift: Bool { sourceStarts.count == 1 }

    /// The target offset of source offset `x` (x ≥ 0).
    func map(_ x: Int) -> Int {
        // Last segment whose start is ≤ x (binary search; segments are few but may be many).
        var lo = 0
        var hi = sourceStarts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if sourceStarts[mid] <= x { lo = mid } else { hi = mid }
        }
        let mapped = targetStarts[lo] + (x - sourceStarts[lo])
        if lo + 1 < targetStarts.count {
            return min(mapped, max(targetStarts[lo], targetStarts[lo + 1] - 1))
        }
        return mapped
    }
}
