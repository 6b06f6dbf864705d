/// Sorted, disjoint half-open integer intervals (token indices or Unicode scalar
/// offsets): the one place for their arithmetic, shared by the figures, the exports
/// and the review screen.
public enum Intervals {
    /// The union of half-open `ranges`, sorted, touching intervals joined
    /// (the same as ``mergeIntervals(_:)``).
    public static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] { mergeIntervals(ranges) }

    /// Total length of disjoint `ranges`.
    public static func count(_ ranges: [Range<Int>]) -> Int { ranges.reduce(0) { $0 + $1.count } }

    /// Length of the part of disjoint `ranges` inside `window` (half-open).
    public static func overlap(_ ranges: [Range<Int>], _ window: Range<Int>) -> Int {
        var n = 0
        for r in ranges where r.overlaps(window) { n += r.clamped(to: window).count }
        return n
    }
}
