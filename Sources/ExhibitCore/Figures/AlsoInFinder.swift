/// Finds the other places of each passage's text (SPEC §4 `also_in`), so that no
/// place is chosen silently as "the" source:
///
/// - a *refrain*: the greedy chooser takes one occurrence in the work; every other seed
///   of the pair whose output span overlaps the passage's by ≥ k tokens and whose work
///   span lies outside the passage's is another occurrence of the same words in the
///   same work. The place listed is the part of that seed's work span facing the overlap.
/// - a *shared quotation*: a passage of another pair of the same output (another work)
///   whose output span overlaps this passage's by ≥ k tokens. The place listed is that
///   passage's work span. Only evidence passages are listed as places.
///
/// Places are merged per work when they overlap, and sorted by work, then start.
enum AlsoInFinder {
    /// Adds refrain places to `passages` of one pair (work `workIndex`).
    /// - Parameter seeds: all seeds of the pair, before chaining.
    static func addRefrains(to passages: inout [Passage], seeds: [Seed], work: MatchDocument, workIndex: Int,
                            minWords k: Int) {
        guard seeds.count > passages.count else { return }    // every seed is in a passage: no other place
        let byOutput = seeds.sorted { ($0.output, $0.work) < ($1.output, $1.work) }
        let longest = byOutput.map(\.length).max() ?? 0
        for i in passages.indices {
            let p = passages[i]
            // Seeds starting before p's output end and ending after its start.
            var lo = firstIndex(byOutput) { $0.output >= p.outputTokens.lowerBound - longest }
            var places = [Range<Int>]()
            while lo < byOutput.count && byOutput[lo].output < p.outputTokens.upperBound {
                let s = byOutput[lo]
                lo += 1
                let from = max(s.output, p.outputTokens.lowerBound), to = min(s.outputEnd, p.outputTokens.upperBound)
                guard to - from >= k else { continue }
                let w0 = s.work + (from - s.output), w1 = s.work + (to - s.output)
                guard !(w0..<w1).overlaps(p.workTokens) else { continue }
                places.append(w0..<w1)
            }
            guard !places.isEmpty else { continue }
            passages[i].alsoIn = merge(passages[i].alsoIn + mergeIntervals(places).map {
                AlsoIn(work: workIndex, scalars: TokenOffsets.scalars(of: $0, starts: work.starts, ends: work.ends))
            })
        }
    }

    /// Adds shared-quotation places to the passages of `pairs`, all pairs of one output,
    /// and names the work of every place (`workIDs`: ids by work index).
    static func addSharedQuotations(to pairs: inout [PairResult], minWords k: Int, workIDs: [String]) {
        defer {
            for a in pairs.indices {
                for b in pairs[a].passages.indices where !pairs[a].passages[b].alsoIn.isEmpty {
                    for c in pairs[a].passages[b].alsoIn.indices {
                        pairs[a].passages[b].alsoIn[c].workID = workIDs[pairs[a].passages[b].alsoIn[c].work]
                    }
                }
            }
        }
        guard pairs.count > 1 else { return }
        // (pair, passage) sorted by output start: a sweep compares only overlapping spans.
        var items = [(pair: Int, passage: Int)]()
        for (a, p) in pairs.enumerated() { for b in p.passages.indices { items.append((a, b)) } }
        let spans = pairs.map { $0.passages.map(\.outputTokens) }
        let span: ((pair: Int, passage: Int)) -> Range<Int> = { spans[$0.pair][$0.passage] }
        items.sort { (span($0).lowerBound, $0.pair, $0.passage) < (span($1).lowerBound, $1.pair, $1.passage) }
        var found = [[[AlsoIn]]](repeating: [], count: pairs.count)
        for a in pairs.indices { found[a] = Array(repeating: [], count: pairs[a].passages.count) }
        for x in items.indices {
            let sx = span(items[x])
            var y = x + 1
            while y < items.count, span(items[y]).lowerBound < sx.upperBound {
                let (ix, iy) = (items[x], items[y])
                y += 1
                guard ix.pair != iy.pair, sx.clamped(to: span(iy)).count >= k else { continue }
                let px = pairs[ix.pair], py = pairs[iy.pair]
                let qx = px.passages[ix.passage], qy = py.passages[iy.passage]
                if qy.evidence { found[ix.pair][ix.passage].append(AlsoIn(work: py.work, scalars: qy.workScalars)) }
                if qx.evidence { found[iy.pair][iy.passage].append(AlsoIn(work: px.work, scalars: qx.workScalars)) }
            }
        }
        for a in pairs.indices {
            for b in pairs[a].passages.indices where !found[a][b].isEmpty {
                pairs[a].passages[b].alsoIn = merge(pairs[a].passages[b].alsoIn + found[a][b])
            }
        }
    }

    /// Places sorted by work then start, overlapping places of one work joined.
    static func merge(_ places: [AlsoIn]) -> [AlsoIn] {
        var out = [AlsoIn]()
        for p in places.sorted() {
            if let last = out.last, last.work == p.work, p.scalars.lowerBound < last.scalars.upperBound {
                out[out.count - 1].scalars = last.scalars.lowerBound..<max(last.scalars.upperBound, p.scalars.upperBound)
            } else {
                out.append(p)
            }
        }
        return out
    }

    /// The first index of sorted `a` where `pred` holds (pred false then true).
    private static func firstIndex(_ a: [Seed], _ pred: (Seed) -> Bool) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if pred(a[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
