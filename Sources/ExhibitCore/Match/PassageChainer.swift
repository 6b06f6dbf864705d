/// Chains the seeds of one (work, output) pair into passages (SPEC §3).
///
/// A link from seed `a` to a later seed `b` is allowed when both starts increase and,
/// after trimming from the start of `b` whatever overlaps `a` on either side (a
/// repeated word makes seeds overlap), the gaps on the work and output sides are each
/// at most `max_gap` tokens. The best chain is a heaviest path in the resulting DAG
/// (dynamic programming over seeds in output order); weights are seed tokens after
/// trimming. Chains are taken greedily: heaviest first (ties: earliest work start,
/// then earliest output start), then the heaviest among the seeds that do not
/// overlap the chosen chains' output spans, until no seed is left. A seed that
/// overlaps a chosen chain only in part keeps its parts outside the chain when they
/// are still `minWords` long: two adjacent copies from different places of a work
/// often share a word at the seam, and dropping the whole seed for that word would
/// lose the first copy. A chain below
/// `min_identity` is split at its widest gap (ties: the earliest) until every part
/// passes; a lone seed has identity 1, so no seed is lost.
struct PassageChainer: Sendable {
    let maxGap: Int
    let minIdentity: Double
    /// k: the shortest part of a seed kept after trimming it against a chosen chain.
    let minWords: Int

    /// The chains as lists of trimmed seeds, in the order they were chosen (each
    /// already split by identity), with the LCS pairs of their gaps.
    ///
    /// Seeds that can link to no other seed (the usual case when an output loops a
    /// refrain, or copies a short work many times) are their own chains: they wait in
    /// a queue sorted by the greedy order and are only checked against the chosen
    /// chains when they come up, so they cost a sort, not a dynamic-programming round
    /// each. The dynamic program runs over the seeds that can link, and only again
    /// after a choice changed them. When `minWords` > `maxGap` (as with the defaults)
    /// trimming never makes an isolated seed linkable, so the order of choices, and the
    /// result, are those of the plain greedy loop.
    func chains(_ seeds: [Seed], work: [UInt32], output: [UInt32]) -> [[Seed]] {
        let sorted = seeds.sorted { ($0.output, $0.work, $0.length) < ($1.output, $1.work, $1.length) }
        let isLinked = linkable(sorted)
        var linked = [Seed](), isolated = [Seed]()
        for (i, s) in sorted.enumerated() { if isLinked[i] { linked.append(s) } else { isolated.append(s) } }
        // Greedy order: most tokens, then earliest work start, then earliest output start.
        let before: (Seed, Seed) -> Bool = { ($1.length, $0.work, $0.output) < ($0.length, $1.work, $1.output) }
        isolated.sort(by: before)
        var queue = isolated[...]          // isolated seeds, best first
        var parts = [Seed]()               // trimmed parts of isolated seeds, best first
        var taken = [Range<Int>]()         // chosen chains' output spans, sorted, disjoint
        var result = [[Seed]]()
        var best: (chain: [Seed], score: Int)?
        var dirty = true
        while true {
            // The best isolated seed that still fits; one that overlaps a chosen chain
            // goes back as the parts outside it.
            var candidate: Seed?
            while candidate == nil {
                let fromParts = !parts.isEmpty && (queue.isEmpty || before(parts[0], queue.first!))
                guard let s = fromParts ? parts.first : queue.first else { break }
                if fromParts { parts.removeFirst() } else { queue.removeFirst() }
                if let span = overlap(s, taken) {
                    for part in trimmed(s, against: span) {
                        let at = parts.firstIndex { before(part, $0) } ?? parts.count
                        parts.insert(part, at: at)
                    }
                } else {
                    candidate = s
                }
            }
            if dirty {
                best = linked.isEmpty ? nil : bestChain(linked)
                dirty = false
            }
            let chain: [Seed]
            if let c = candidate, let b = best {
                let takeSeed = (c.length, b.chain[0].work, b.chain[0].output) > (b.score, c.work, c.output)
                chain = takeSeed ? [c] : b.chain
                if !takeSeed {
                    // Put the isolated candidate back at the front.
                    parts.insert(c, at: 0)
                }
            } else if let c = candidate {
                chain = [c]
            } else if let b = best {
                chain = b.chain
            } else {
                break
            }
            let span = chain.first!.output..<chain.last!.outputEnd
            result.append(contentsOf: split(chain, work: work, output: output))
            let at = taken.firstIndex { $0.lowerBound > span.lowerBound } ?? taken.count
            taken.insert(span, at: at)
            // Linked seeds that overlap the chosen span keep only their parts outside it.
            if linked.contains(where: { $0.output < span.upperBound && $0.outputEnd > span.lowerBound }) {
                var rest = [Seed]()
                for s in linked {
                    if s.output < span.upperBound && s.outputEnd > span.lowerBound {
                        rest += trimmed(s, against: span)
                    } else {
                        rest.append(s)
                    }
                }
                linked = rest.sorted { ($0.output, $0.work, $0.length) < ($1.output, $1.work, $1.length) }
                dirty = true
            }
        }
        return result
    }

    /// The parts of `s` outside `span` (output side) that are still `minWords` long.
    private func trimmed(_ s: Seed, against span: Range<Int>) -> [Seed] {
        var out = [Seed]()
        if span.lowerBound - s.output >= minWords {
            out.append(Seed(work: s.work, output: s.output, length: span.lowerBound - s.output))
        }
        if s.outputEnd - span.upperBound >= minWords {
            let cut = span.upperBound - s.output
            out.append(Seed(work: s.work + cut, output: span.upperBound, length: s.length - cut))
        }
        return out
    }

    /// The first chosen span `s` overlaps on the output side, if any.
    private func overlap(_ s: Seed, _ taken: [Range<Int>]) -> Range<Int>? {
        // Spans are sorted and disjoint: find the last one starting before s ends.
        var lo = 0, hi = taken.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if taken[mid].lowerBound < s.outputEnd { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let t = taken[lo - 1]
        if t.upperBound > s.output { return t }
        return nil
    }

    /// Whether a link from `a` to `b` is allowed, and the tokens trimmed from `b`'s start.
    @inline(__always)
    private func link(_ a: Seed, _ b: Seed) -> Int? {
        guard a.output < b.output, a.work < b.work else { return nil }
        let t = max(0, a.outputEnd - b.output, a.workEnd - b.work)
        guard t < b.length, b.output + t - a.outputEnd <= maxGap, b.work + t - a.workEnd <= maxGap else { return nil }
        return t
    }

    /// Per seed (sorted by output start): whether some other seed can link to or from it.
    private func linkable(_ seeds: [Seed]) -> [Bool] {
        var out = [Bool](repeating: false, count: seeds.count)
        let byEnd = EndIndex(seeds)
        for bi in seeds.indices {
            byEnd.forEachPredecessorCandidate(of: seeds[bi], maxGap: maxGap) { ai in
                if link(seeds[ai], seeds[bi]) != nil { out[ai] = true; out[bi] = true }
            }
        }
        return out
    }

    /// Seeds ordered by output end, to find the predecessors of a seed: only seeds
    /// ending in `b.output - maxGap ..< b.outputEnd` can link to `b`.
    private struct EndIndex {
        let order: [Int]
        let ends: [Int]
        init(_ seeds: [Seed]) {
            order = seeds.indices.sorted { (seeds[$0].outputEnd, $0) < (seeds[$1].outputEnd, $1) }
            ends = order.map { seeds[$0].outputEnd }
        }

        func forEachPredecessorCandidate(of b: Seed, maxGap: Int, _ body: (Int) -> Void) {
            var lo = 0, hi = ends.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if ends[mid] < b.output - maxGap { lo = mid + 1 } else { hi = mid }
            }
            var e = lo
            while e < ends.count && ends[e] < b.outputEnd {
                body(order[e])
                e += 1
            }
        }
    }

    /// Heaviest chain among `seeds` (sorted by output start), as trimmed seeds.
    private func bestChain(_ seeds: [Seed]) -> (chain: [Seed], score: Int) {
        let n = seeds.count
        var score = [Int](repeating: 0, count: n)
        var prev = [Int](repeating: -1, count: n)
        var trim = [Int](repeating: 0, count: n)
        // Chain start (work, output) for tie-breaking.
        var startW = [Int](repeating: 0, count: n)
        var startO = [Int](repeating: 0, count: n)
        let byEnd = EndIndex(seeds)
        var best = -1
        for bi in 0..<n {
            let b = seeds[bi]
            score[bi] = b.length
            startW[bi] = b.work
            startO[bi] = b.output
            byEnd.forEachPredecessorCandidate(of: b, maxGap: maxGap) { ai in
                // Seeds are in output order, so every candidate with a smaller start is done.
                guard let t = link(seeds[ai], b) else { return }
                let s = score[ai] + b.length - t
                if s > score[bi] || (s == score[bi] && (startW[ai], startO[ai]) < (startW[bi], startO[bi])) {
                    score[bi] = s
                    prev[bi] = ai
                    trim[bi] = t
                    startW[bi] = startW[ai]
                    startO[bi] = startO[ai]
                }
            }
            if best < 0 || score[bi] > score[best]
                || (score[bi] == score[best] && (startW[bi], startO[bi]) < (startW[best], startO[best])) {
                best = bi
            }
        }
        var chain = [Seed]()
        var i = best
        while i >= 0 {
            let s = seeds[i], t = trim[i]
            chain.append(Seed(work: s.work + t, output: s.output + t, length: s.length - t))
            i = prev[i]
        }
        return (chain.reversed(), score[best])
    }

    /// Splits `chain` at its widest gaps until every part has identity ≥ `minIdentity`.
    private func split(_ chain: [Seed], work: [UInt32], output: [UInt32]) -> [[Seed]] {
        if chain.count <= 1 || Self.identity(chain, work: work, output: output) >= minIdentity { return [chain] }
        var widest = 1, width = -1
        for i in 1..<chain.count {
            let g = max(chain[i].work - chain[i - 1].workEnd, chain[i].output - chain[i - 1].outputEnd)
            if g > width { width = g; widest = i }
        }
        return split(Array(chain[..<widest]), work: work, output: output)
            + split(Array(chain[widest...]), work: work, output: output)
    }

    /// Same tokens (seeds plus LCS-aligned gap tokens) / max(work span, output span).
    static func identity(_ chain: [Seed], work: [UInt32], output: [UInt32]) -> Double {
        let runs = alignedRuns(chain, work: work, output: output)
        let same = runs.reduce(0) { $0 + $1.length }
        let span = max(chain.last!.workEnd - chain.first!.work, chain.last!.outputEnd - chain.first!.output)
        return span == 0 ? 1 : Double(same) / Double(span)
    }

    /// The chain's same tokens as runs: each seed, and the gaps' LCS pairs, adjacent
    /// pairs merged.
    static func alignedRuns(_ chain: [Seed], work: [UInt32], output: [UInt32]) -> [AlignedRun] {
        var runs = [AlignedRun]()
        func add(_ w: Int, _ o: Int, _ len: Int) {
            if let last = runs.last, last.work + last.length == w, last.output + last.length == o {
                runs[runs.count - 1].length += len
            } else {
                runs.append(AlignedRun(work: w, output: o, length: len))
            }
        }
        for (i, s) in chain.enumerated() {
            if i > 0 {
                let a = chain[i - 1]
                for (w, o) in GapAligner.align(work[a.workEnd..<s.work], output[a.outputEnd..<s.output]) {
                    add(w, o, 1)
                }
            }
            add(s.work, s.output, s.length)
        }
        return runs
    }
}
