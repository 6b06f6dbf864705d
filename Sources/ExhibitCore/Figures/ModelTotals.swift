/// Figures of one model pooled over several works (the per-model rows of the scan
/// summary and of the expert report). Each work keeps its own reconstruction
/// (`WorkResult.byModel`); this only adds them up, so nothing is counted twice.
///
/// - Coverages: reproduced work tokens summed over the works / their tokens not
///   excluded by counsel, summed (a token-weighted mean, fractions in [0, 1]).
/// - `longestBlock`: the longest of the works' longest blocks, in tokens.
/// - `longPassages`, `attempts`, `hits`: sums over the works.
/// - `outputsContributing`: distinct outputs of the model with a passage that counts
///   (an output that copies two works counts once).
public struct ModelTotals: Sendable, Hashable {
    /// `model` metadata, or `unknown`.
    public var model: String
    /// Works of the set with a pair or an attempt by the model.
    public var works: Int
    /// Work tokens of those works (not excluded), the coverages' denominator.
    public var tokens: Int
    public var strictCoverage: Double
    public var looseCoverage: Double
    public var longestBlock: Int
    public var longPassages: Int
    public var outputsContributing: Int
    public var attempts: Int
    public var hits: Int

    /// Per model (sorted by name), over the works of `result` whose ids are in `workIDs`
    /// (nil: every work). Only models that appear in some work's `byModel` are listed.
    public static func byModel(_ result: ScanResult, workIDs: Set<String>? = nil) -> [ModelTotals] {
        let chosen = result.works.indices.filter { workIDs?.contains(result.works[$0].id) ?? true }
        var acc = [String: ModelTotals]()
        for w in chosen {
            let work = result.works[w]
            let denominator = max(0, work.tokens - work.excludedTokens)
            for (model, f) in work.byModel {
                var t = acc[model] ?? ModelTotals(model: model, works: 0, tokens: 0, strictCoverage: 0, looseCoverage: 0,
                                                  longestBlock: 0, longPassages: 0, outputsContributing: 0, attempts: 0, hits: 0)
                t.works += 1
                t.tokens += denominator
                // Reproduced token counts are kept in the coverage fields until the end.
                t.strictCoverage += Double(f.strictReproduced.reduce(0) { $0 + $1.count })
                t.looseCoverage += Double(f.reproduced.reduce(0) { $0 + $1.count })
                t.longestBlock = max(t.longestBlock, f.longestBlock)
                t.longPassages += f.longPassages
                t.attempts += f.attempts
                t.hits += f.hits
                acc[model] = t
            }
        }
        let chosenSet = Set(chosen)
        var contributing = [String: Set<Int>]()
        for p in result.pairs where chosenSet.contains(p.work) && !p.reproduced.isEmpty {
            contributing[ReconstructionPooler.modelName(result.outputs[p.output]), default: []].insert(p.output)
        }
        return acc.keys.sorted().map { model in
            var t = acc[model]!
            let n = Double(max(t.tokens, 1))
            t.strictCoverage /= n
            t.looseCoverage /= n
            t.outputsContributing = contributing[model]?.count ?? 0
            return t
        }
    }
}
