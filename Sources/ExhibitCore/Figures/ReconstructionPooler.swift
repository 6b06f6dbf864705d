/// Pools the pairs of each work over outputs (SPEC §4, reconstruction): a work
/// token is reproduced when any pair reproduced it where that pair's prompt did not
/// supply it. Optionally restricted to the outputs of one model.
struct ReconstructionPooler: Sendable {
    let findings: FindingsParameters
    let outputs: [OutputResult]
    /// Pair indices per work.
    private let pairsByWork: [Int: [Int]]
    private let pairs: [PairResult]
    /// Output indices aimed at each work.
    private let attemptsByWork: [Int: [Int]]

    /// - Parameter attempts: per output, the works it was aimed at.
    init(findings: FindingsParameters, outputs: [OutputResult], pairs: [PairResult], attempts: [[Int]]) {
        self.findings = findings
        self.outputs = outputs
        self.pairs = pairs
        var byWork = [Int: [Int]]()
        for (i, p) in pairs.enumerated() { byWork[p.work, default: []].append(i) }
        pairsByWork = byWork
        var aimed = [Int: [Int]]()
        for (o, ws) in attempts.enumerated() { for w in ws { aimed[w, default: []].append(o) } }
        attemptsByWork = aimed
    }

    /// Model name used for grouping: `model` metadata, or `unknown`.
    static func modelName(_ o: OutputResult) -> String { modelName(o.model) }
    /// The model name of an output whose `model` metadata is `model`.
    static func modelName(_ model: String?) -> String { model ?? "unknown" }

    /// Models with a pair or an attempt on work `w`, sorted.
    func models(work w: Int) -> [String] {
        var names = Set<String>()
        for i in pairsByWork[w] ?? [] { names.insert(Self.modelName(outputs[pairs[i].output])) }
        for o in attemptsByWork[w] ?? [] { names.insert(Self.modelName(outputs[o])) }
        return names.sorted()
    }

    /// Figures of work `w` over all outputs, or those of `model`.
    /// - Parameter tokens: the coverage denominator: the work's tokens less those excluded by counsel.
    func figures(work w: Int, tokens: Int, model: String?) -> WorkFigures {
        let inModel: (Int) -> Bool = { o in model == nil || Self.modelName(outputs[o]) == model }
        // Indices, not copies: a pair is a few dozen references to retain and release,
        // and each work's pairs are pooled once per model and once for all.
        let group = (pairsByWork[w] ?? []).filter { inModel(pairs[$0].output) }
        var f = WorkFigures.pooled(pairs, group, tokens: tokens)
        let aimed = (attemptsByWork[w] ?? []).filter(inModel)
        f.attempts = aimed.count
        let hitOutputs = Set(group.filter { pairs[$0].longestPassage >= 40 }.map { pairs[$0].output })
        f.hits = aimed.filter { hitOutputs.contains($0) }.count
        var best: (matched: Int, identity: Double, where: String)?
        for i in group {
            for s in pairs[i].passages where s.identity >= findings.nearExactIdentity {
                if best == nil || s.matched > best!.matched {
                    best = (s.matched, s.identity, " in output \(outputs[pairs[i].output].id)")
                }
            }
        }
        f.flags = findings.findings(bestPassage: best, strictCoverage: f.strictCoverage)
        return f
    }

    /// Work `w`'s result: its figures over all outputs and per model. The share's
    /// denominator is the work's tokens less the excluded ones (at least 1).
    func workResult(_ w: Int, id: String, title: String?, document: Int, tokens: Int, excludedTokens: Int) -> WorkResult {
        let counted = max(tokens - excludedTokens, 1)
        return WorkResult(id: id, title: title, document: document, tokens: tokens, excludedTokens: excludedTokens,
                          figures: figures(work: w, tokens: counted, model: nil),
                          byModel: models(work: w).map { ($0, figures(work: w, tokens: counted, model: $0)) })
    }
}

extension WorkFigures {
    /// The figures of one work that its pairs alone give (SPEC §4, reconstruction):
    /// coverages, longest block, long passages, contributing outputs and the
    /// reproduced intervals, pooled over `pairs` (pairs of that work). `attempts`,
    /// `hits` and `flags` stay empty: they need the whole scan (``ReconstructionPooler``).
    /// The engine's final figures and the review screen's streaming ones both come from here.
    /// - Parameter tokens: the coverage denominator, in tokens: the work's tokens less
    ///   those excluded by counsel (`DocumentTokens.coverageTokens`); below 1 counts as 1.
    public static func pooled(_ pairs: [PairResult], tokens: Int) -> WorkFigures {
        pooled(pairs, Array(pairs.indices), tokens: tokens)
    }

    /// `pooled(_:tokens:)` of `pairs[i]` for each `i` of `group`, in that order.
    static func pooled(_ pairs: [PairResult], _ group: [Int], tokens: Int) -> WorkFigures {
        var f = WorkFigures()
        let loose = mergeIntervals(group.flatMap { pairs[$0].reproduced })
        let strict = mergeIntervals(group.flatMap { pairs[$0].strictReproduced })
        let n = Double(max(tokens, 1))
        f.looseCoverage = Double(Intervals.count(loose)) / n
        f.strictCoverage = Double(Intervals.count(strict)) / n
        f.longestBlock = loose.map(\.count).max() ?? 0
        f.longPassages = strict.filter { $0.count >= 40 }.count
        f.outputsContributing = group.filter { !pairs[$0].reproduced.isEmpty }.count
        f.reproduced = loose
        f.strictReproduced = strict
        return f
    }

}
