/// Why a pair or a work is flagged *substantial* (SPEC §4): the rule that fired
/// and the figures behind it. A finding is evidence, not a legal conclusion.
public struct Finding: Sendable, Hashable {
    /// `substantial-passage` or `substantial-coverage`.
    public var rule: String
    /// The figures, e.g. `passage of 312 words at identity 0.97 (output o7) ≥ 40 words at ≥ 0.90`.
    public var detail: String
    public init(rule: String, detail: String) {
        self.rule = rule
        self.detail = detail
    }
}

extension FindingsParameters {
    /// Findings for a passage-bearing unit with its longest near-exact passage and strict coverage.
    /// - Parameters:
    ///   - bestPassage: the longest passage (matched words) with identity ≥ `nearExactIdentity`,
    ///     with a label naming where it is.
    ///   - strictCoverage: share of work tokens reproduced by passages of ≥ 40 matched words.
    func findings(bestPassage: (matched: Int, identity: Double, where: String)?, strictCoverage: Double) -> [Finding] {
        var out = [Finding]()
        if let p = bestPassage, p.matched >= substantialWords {
            out.append(Finding(
                rule: "substantial-passage",
                detail: "passage of \(p.matched) words at identity \(formatFraction(p.identity))\(p.where)"
                    + " (rule: ≥ \(substantialWords) words at identity ≥ \(formatFraction(nearExactIdentity)))"))
        }
        if strictCoverage >= substantialFraction && strictCoverage > 0 {
            out.append(Finding(
                rule: "substantial-coverage",
                detail: "strict coverage \(formatFraction(strictCoverage))"
                    + " (rule: ≥ \(formatFraction(substantialFraction)))"))
        }
        return out
    }
}
