/// A span of a work that counsel left out of the figures (SPEC §4, §5: the `exclude`
/// tag), e.g. a quotation of a third party the author did not write.
///
/// On the work side an excluded token counts like boilerplate: it keeps its place in a
/// passage's range but is never reproduced, never supplied and never a matched word.
/// Unlike boilerplate it also leaves the coverage denominator, because counsel said the
/// span is not part of the work as claimed: coverage is then a share of the text that
/// remains in issue, and excluding a span that was not copied cannot lower coverage.
public struct ExcludedSpan: Sendable, Hashable {
    /// The work's `Document.source`: its case-relative path (`works/a.txt`), with `#<id>`
    /// for a JSONL record.
    public var source: String
    /// Unicode scalar offsets into the work's decoded text, half-open.
    public var scalars: Range<Int>
    /// Id of the annotation that asked for the exclusion, when there is one.
    public var annotation: String?

    public init(source: String, scalars: Range<Int>, annotation: String? = nil) {
        self.source = source
        self.scalars = scalars
        self.annotation = annotation
    }

    /// Whether `a` comes before `b` in reports: by source, start, end, then annotation id.
    static func reportOrder(_ a: ExcludedSpan, _ b: ExcludedSpan) -> Bool {
        (a.source, a.scalars.lowerBound, a.scalars.upperBound, a.annotation ?? "")
            < (b.source, b.scalars.lowerBound, b.scalars.upperBound, b.annotation ?? "")
    }

    /// Per token of a document, whether it is excluded: a token is excluded when its
    /// scalar range `starts[t] ..< ends[t]` overlaps one of `spans` (Unicode scalars,
    /// half-open, any order). So a span that cuts a word in two excludes the whole word.
    static func tokenMask(_ spans: [Range<Int>], starts: [Int32], ends: [Int32]) -> [Bool] {
        var mask = [Bool](repeating: false, count: starts.count)
        for span in spans where !span.isEmpty {
            // Token ranges are in text order, so the first overlapping token is found by
            // binary search on the ends and the walk stops at the first start past the span.
            var lo = 0, hi = starts.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(ends[mid]) <= span.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            var t = lo
            while t < starts.count && Int(starts[t]) < span.upperBound {
                if Int(ends[t]) > span.lowerBound { mask[t] = true }
                t += 1
            }
        }
        return mask
    }
}
