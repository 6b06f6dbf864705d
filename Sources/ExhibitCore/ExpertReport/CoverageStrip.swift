/// A work from start to end, cut into stretches by how many outputs reproduce each
/// token (the report's coverage strip, after the extraction-along-the-book plots of
/// Cooper et al. 2025).
public struct CoverageStrip: Sendable, Hashable {
    /// A maximal run of work tokens reproduced by the same number of outputs.
    public struct Stretch: Sendable, Hashable {
        /// Work token indices, half-open.
        public var tokens: Range<Int>
        /// Outputs whose pair with the work reproduced every token of `tokens` (≥ 1).
        public var depth: Int
    }

    /// Tokens of the work.
    public var length: Int
    /// Sorted, disjoint, non-empty; tokens reproduced by no output are in none. Their
    /// union is exactly the work's pooled `WorkFigures.reproduced` (loose coverage).
    public var stretches: [Stretch]
    /// Merged strict intervals of at least 40 tokens (the `long_passages` of SPEC §4),
    /// from the pooled `WorkFigures.strictReproduced`.
    public var longPassages: [Range<Int>]

    /// The strip of work `work` (index into `result.works`), over every output of the
    /// scan, or over those of `model` (`unknown` for outputs without one).
    public static func of(work: Int, in result: ScanResult, model: String? = nil) -> CoverageStrip {
        let pairs = result.pairs.filter { p in
            p.work == work && (model == nil || ReconstructionPooler.modelName(result.outputs[p.output]) == model)
        }
        let w = result.works[work]
        let figures = model.flatMap { m in w.byModel.first { $0.model == m }?.figures } ?? (model == nil ? w.figures : WorkFigures())
        return of(pairs: pairs, length: w.tokens, strictReproduced: figures.strictReproduced)
    }

    /// The strip of a work of `length` tokens from its `pairs` (one per output, all of
    /// that work) and its pooled strict intervals (for the long-passage marks); the
    /// review screen can pass the pairs it shows.
    ///
    /// Depth comes from each pair's `reproduced` intervals (reproduced where not
    /// supplied, evidence only), by a sweep over their ends: O(p log p) in the number of
    /// intervals.
    public static func of(pairs: [PairResult], length: Int, strictReproduced: [Range<Int>]) -> CoverageStrip {
        var events = [(at: Int, delta: Int)]()
        for p in pairs {
            for r in p.reproduced where !r.isEmpty {
                events.append((r.lowerBound, 1))
                events.append((r.upperBound, -1))
            }
        }
        events.sort { ($0.at, $0.delta) < ($1.at, $1.delta) }
        var stretches = [Stretch]()
        var depth = 0, i = 0
        while i < events.count {
            let at = events[i].at
            while i < events.count && events[i].at == at { depth += events[i].delta; i += 1 }
            guard i < events.count else { break }
            let next = events[i].at
            guard depth > 0, next > at else { continue }
            if let last = stretches.last, last.depth == depth, last.tokens.upperBound == at {
                stretches[stretches.count - 1].tokens = last.tokens.lowerBound..<next
            } else {
                stretches.append(Stretch(tokens: at..<next, depth: depth))
            }
        }
        return CoverageStrip(length: length, stretches: stretches, longPassages: strictReproduced.filter { $0.count >= 40 })
    }

    /// The strip in `cells` equal cells (a terminal row): per cell, the largest depth of
    /// any token in it (0: none reproduced), so a one-word copy still shows. Cell `c`
    /// holds tokens [c·length/cells, (c+1)·length/cells), at least one token each.
    public func cellDepths(_ cells: Int) -> [Int] {
        guard cells > 0 else { return [] }
        var out = [Int](repeating: 0, count: cells)
        guard length > 0 else { return out }
        for st in stretches {
            // Cells whose token range meets the stretch.
            let first = min(cells - 1, st.tokens.lowerBound * cells / length)
            let last = min(cells - 1, max(first, (st.tokens.upperBound * cells - 1) / length))
            for c in first...last { out[c] = max(out[c], st.depth) }
        }
        return out
    }

    /// The largest depth (0 when nothing is reproduced).
    public var maxDepth: Int { stretches.map(\.depth).max() ?? 0 }
}
