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
        // Fields are read in place (a buffer, not element copies): 10,000 works and 50,000
        // pairs each copied would retain every array they hold, which the review screen's
        // `W` table would pay on opening.
        result.works.withUnsafeBufferPointer { works in
            for w in chosen {
                let denominator = max(0, works[w].tokens - works[w].excludedTokens)
                works[w].byModel.withUnsafeBufferPointer { byModel in
                    for m in byModel.indices {
                        let model = byModel[m].model
                        var t = acc[model] ?? ModelTotals(model: model, works: 0, tokens: 0, strictCoverage: 0, looseCoverage: 0,
                                                          longestBlock: 0, longPassages: 0, outputsContributing: 0, attempts: 0, hits: 0)
                        t.works += 1
                        t.tokens += denominator
                        // Reproduced token counts are kept in the coverage fields until the end.
                        t.strictCoverage += Double(byModel[m].figures.strictReproduced.reduce(0) { $0 + $1.count })
                        t.looseCoverage += Double(byModel[m].figures.reproduced.reduce(0) { $0 + $1.count })
                        t.longestBlock = max(t.longestBlock, byModel[m].figures.longestBlock)
                        t.longPassages += byModel[m].figures.longPassages
                        t.attempts += byModel[m].figures.attempts
                        t.hits += byModel[m].figures.hits
                        acc[model] = t
                    }
                }
            }
        }
        // Each output that reproduced a token of a chosen work counts once for its model.
        var chosenWork = [Bool](repeating: false, count: result.works.count)
        for w in chosen { chosenWork[w] = true }
        var contributes = [Bool](repeating: false, count: result.outputs.count)
        result.pairs.withUnsafeBufferPointer { pairs in
            for i in pairs.indices where chosenWork[pairs[i].work] && !pairs[i].reproduced.isEmpty {
                contributes[pairs[i].output] = true
            }
        }
        var contributing = [String: Int]()
        result.outputs.withUnsafeBufferPointer { outputs in
            for o in outputs.indices where contributes[o] {
                contributing[ReconstructionPooler.modelName(outputs[o].model), default: 0] += 1
            }
        }
        return acc.keys.sorted().map { model in
            var t = acc[model]!
            let n = Double(max(t.tokens, 1))
            t.strictCoverage /= n
            t.looseCoverage /= n
            t.outputsContributing = contributing[model] ?? 0
            return t
        }
    }
}
