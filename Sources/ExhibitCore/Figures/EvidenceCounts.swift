/// How many pairs and passages are evidence, and how many are listed for display only
/// (SPEC §8: `matched` 0 ⇔ `evidence` false). Every count a reader sees (summary,
/// screen, exports) is `pairs` and `passages`.
public struct EvidenceCounts: Sendable, Hashable {
    /// Pairs with at least one evidence passage.
    public var pairs = 0
    /// Evidence passages (`matched` > 0), over all pairs.
    public var passages = 0
    /// Listed pairs none of whose passages is evidence.
    public var pairsWithout = 0
    /// Passages with `matched` 0, over all listed pairs.
    public var passagesWithout = 0
}

extension EvidenceCounts {
    /// The counts of `pairs`.
    public init<S: Sequence>(_ pairs: S) where S.Element == PairResult {
        for p in pairs {
            if p.evidence { self.pairs += 1 } else { pairsWithout += 1 }
            let n = p.evidencePassages
            passages += n
            passagesWithout += p.passages.count - n
        }
    }
}
