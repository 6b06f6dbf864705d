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
    func chains(_ seeds: [Seed], work: [UInt32], output: [UInt32]) -> [[Seed]] {
        var active = seeds.sorted { ($0.output, $0.work, $0.length) < ($1.output, $1.work, $1.length) }
        var result = [[Seed]]()
        while !active.isEmpty {
            let chain = bestChain(active)
            let lo = chain.first!.output, hi = chain.last!.outputEnd
            result.append(contentsOf: split(chain, work: work, output: output))
            var rest = [Seed]()
            for s in active {
                guard s.output < hi && s.outputEnd > lo else { rest.append(s); continue }
                if lo - s.output >= minWords {
                    rest.append(Seed(work: s.work, output: s.output, length: lo - s.output))
                }
                if s.outputEnd - hi >= minWords {
                    let cut = hi - s.output
                    rest.append(Seed(work: s.work + cut, output: hi, length: s.length - cut))
                }
            }
            active = rest.sorted { ($0.output, $0.work, $0.length) < ($1.output, $1.work, $1.length) }
        }
        return result
    }

    /// Heaviest chain among `seeds` (sorted by output start), as trimmed seeds.
    private func bestChain(_ seeds: [Seed]) -> [Seed] {
        let n = seeds.count
        var score = [Int](repeating: 0, count: n)
        var prev = [Int](repeating: -1, count: n)
        var trim = [Int](repeating: 0, count: n)
        // Chain start (work, output) for tie-breaking.
        var startW = [Int](repeating: 0, count: n)
        var startO = [Int](repeating: 0, count: n)
        // Seeds by output end, to find predecessors whose end is near b's start.
        let byEnd = (0..<n).sorted { (seeds[$0].outputEnd, $0) < (seeds[$1].outputEnd, $1) }
        let ends = byEnd.map { seeds[$0].outputEnd }
        var best = -1
        for bi in 0..<n {
            let b = seeds[bi]
            score[bi] = b.length
            startW[bi] = b.work
            startO[bi] = b.output
            // Predecessors end in [b.output - maxGap, b.outputEnd).
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if ends[mid] < b.output - maxGap { lo = mid + 1 } else { hi = mid }
            }
            var e = lo
            while e < n && ends[e] < b.outputEnd {
                let ai = byEnd[e]
                e += 1
                let a = seeds[ai]
                guard a.output < b.output, a.work < b.work else { continue }
                let t = max(0, a.outputEnd - b.output, a.workEnd - b.work)
                guard t < b.length,
                      b.output + t - a.outputEnd <= maxGap,
                      b.work + t - a.workEnd <= maxGap else { continue }
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
        return chain.reversed()
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
