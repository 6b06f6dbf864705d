/// Whether an output was elicited from a work (SPEC §4).
public enum Classification: String, Sendable, Hashable {
    /// The prompt holds ≥ k non-boilerplate work tokens, or metadata says `method: extraction`.
    case extraction
    /// Any other output that holds a copy.
    case regurgitation
}

/// The figures of one (work, output) pair (SPEC §4). Token ranges are half-open
/// indices into the work's tokens; coverages are fractions in [0, 1].
public struct PairResult: Sendable, Hashable {
    /// Index into `ScanResult.works`.
    public var work: Int
    /// Index into `ScanResult.outputs`.
    public var output: Int
    /// Passages sorted by output start, those without evidence included (for display).
    public var passages: [Passage]
    public var classification: Classification
    /// Reproduced work tokens (inside passages, not supplied, not boilerplate, not
    /// excluded, not aligned to prompt echo) / work tokens that are not excluded.
    public var workCoverage: Double
    /// The same, counting only passages with ≥ 40 matched words.
    public var strictCoverage: Double
    /// Output tokens inside passages, not echo, not boilerplate, not aligned to an
    /// excluded work token / output tokens.
    public var outputCoverage: Double
    /// Sum of the passages' matched words.
    public var matchedWords: Int
    /// Work tokens covered by seeds between the work and the prompt, neither
    /// boilerplate nor excluded.
    public var supplied: Int
    /// Whether any passage is evidence (`matched` > 0). A pair that is not stays listed
    /// for display and counts nowhere (SPEC §8).
    public var evidence: Bool
    /// Why the pair is not evidence (the cause covering most of its same tokens); nil
    /// when it is.
    public var cause: NoEvidenceCause?
    /// Longest verbatim run of any passage, in tokens.
    public var longestVerbatim: Int
    /// Largest `matched` of any passage.
    public var longestPassage: Int
    /// Work token intervals reproduced by any passage (sorted, disjoint).
    public var reproduced: [Range<Int>]
    /// Work token intervals reproduced by passages with ≥ 40 matched words.
    public var strictReproduced: [Range<Int>]
    /// Work token intervals the prompt supplied (sorted, disjoint; boilerplate included).
    public var suppliedRanges: [Range<Int>]
    /// Output token intervals counted in `outputCoverage` (sorted, disjoint): inside an
    /// evidence passage, not echo, not boilerplate, not aligned to an excluded work token.
    public var outputCounted: [Range<Int>] = []
    /// *Substantial* findings for this pair.
    public var flags: [Finding]

    /// Number of passages that are evidence: the pair's passage count wherever one is shown.
    public var evidencePassages: Int { passages.reduce(0) { $1.evidence ? $0 + 1 : $0 } }
    /// Number of passages kept for display only (`matched` 0).
    public var passagesWithoutEvidence: Int { passages.count - evidencePassages }
    /// The label readers see for the pair: nil when it is evidence, else `no evidence: <cause>`.
    public var noEvidenceLabel: String? { evidence ? nil : (cause ?? .echo).label }
}

/// Sorted, disjoint intervals from a mask over `base ..< base + mask.count`.
func intervals(of mask: [Bool], base: Int = 0) -> [Range<Int>] {
    var out = [Range<Int>]()
    var start = -1
    for (i, m) in mask.enumerated() {
        if m { if start < 0 { start = i } } else if start >= 0 {
            out.append((base + start)..<(base + i)); start = -1
        }
    }
    if start >= 0 { out.append((base + start)..<(base + mask.count)) }
    return out
}

/// The union of half-open `ranges`, sorted and merged (touching intervals join).
public func mergeIntervals(_ ranges: [Range<Int>]) -> [Range<Int>] {
    let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
    var out = [Range<Int>]()
    for r in sorted {
        if let last = out.last, r.lowerBound <= last.upperBound {
            out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
        } else {
            out.append(r)
        }
    }
    return out
}

/// Membership in sorted, disjoint intervals by binary search.
struct IntervalSet {
    private let ranges: [Range<Int>]
    /// - Parameter ranges: sorted and disjoint (as `mergeIntervals` gives).
    init(_ ranges: [Range<Int>]) { self.ranges = ranges }

    func contains(_ x: Int) -> Bool {
        var lo = 0, hi = ranges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[mid].upperBound <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count && ranges[lo].contains(x)
    }
}
