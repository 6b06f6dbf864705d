import Testing
@testable import ExhibitCore

/// The chainer's fast path (isolated seeds in a sorted queue, the dynamic program only
/// over seeds that can link) must choose exactly what the plain greedy loop of SPEC §3
/// chooses. The reference below is that loop, written as simply as possible.
@Suite struct PassageChainerTests {
    /// Plain greedy: best chain by a quadratic DP over all active seeds, take it, trim the
    /// rest against its output span, repeat.
    static func reference(_ seeds: [Seed], maxGap g: Int, minWords k: Int) -> [[Seed]] {
        var active = seeds
        var out = [[Seed]]()
        while !active.isEmpty {
            active.sort { ($0.output, $0.work, $0.length) < ($1.output, $1.work, $1.length) }
            let n = active.count
            var score = [Int](repeating: 0, count: n), prev = [Int](repeating: -1, count: n)
            var trim = [Int](repeating: 0, count: n), start = [(Int, Int)](repeating: (0, 0), count: n)
            var best = -1
            for b in 0..<n {
                let s = active[b]
                score[b] = s.length
                start[b] = (s.work, s.output)
                for a in 0..<n where a != b {
                    let p = active[a]
                    guard p.output < s.output, p.work < s.work else { continue }
                    let t = max(0, p.outputEnd - s.output, p.workEnd - s.work)
                    guard t < s.length, s.output + t - p.outputEnd <= g, s.work + t - p.workEnd <= g else { continue }
                    let v = score[a] + s.length - t
                    if v > score[b] || (v == score[b] && start[a] < start[b]) {
                        score[b] = v; prev[b] = a; trim[b] = t; start[b] = start[a]
                    }
                }
                if best < 0 || score[b] > score[best] || (score[b] == score[best] && start[b] < start[best]) { best = b }
            }
            var chain = [Seed]()
            var i = best
            while i >= 0 {
                let s = active[i]
                chain.insert(Seed(work: s.work + trim[i], output: s.output + trim[i], length: s.length - trim[i]), at: 0)
                i = prev[i]
            }
            out.append(chain)
            let lo = chain.first!.output, hi = chain.last!.outputEnd
            var rest = [Seed]()
            for s in active {
                guard s.output < hi && s.outputEnd > lo else { rest.append(s); continue }
                if lo - s.output >= k { rest.append(Seed(work: s.work, output: s.output, length: lo - s.output)) }
                if s.outputEnd - hi >= k { rest.append(Seed(work: s.work + hi - s.output, output: hi, length: s.outputEnd - hi)) }
            }
            active = rest
        }
        return out
    }

    @Test func fastPathChoosesWhatThePlainGreedyLoopChooses() {
        var rng = SeededGenerator(seed: 11)
        for round in 0..<300 {
            // Small vocabularies and repeats make many overlapping and linkable seeds.
            let vocab = 3 + Int(rng.next() % 6)
            var work = (0..<(30 + Int(rng.next() % 60))).map { _ in UInt32(rng.next() % UInt64(vocab)) }
            if round % 3 == 0 { work += work }
            var output = [UInt32]()
            while output.count < 20 + Int(rng.next() % 60) {
                let s = Int(rng.next() % UInt64(work.count)), n = 3 + Int(rng.next() % 20)
                output += work[s..<min(work.count, s + n)]
                if rng.next() % 2 == 0 { output.append(UInt32(vocab + Int(rng.next() % 3))) }
            }
            let k = 2 + Int(rng.next() % 4), g = Int(rng.next() % UInt64(k))   // minWords > maxGap
            let index = WorkIndex(works: [work], k: k, boilerplateWorks: nil)
            let seeds = SeedFinder(index: index).probe(output).seeds[0] ?? []
            // Identity 0 never splits, so the chains compare one to one.
            let chainer = PassageChainer(maxGap: g, minIdentity: 0, minWords: k)
            let fast = chainer.chains(seeds, work: work, output: output)
            let plain = Self.reference(seeds, maxGap: g, minWords: k)
            #expect(fast == plain, "round \(round): k \(k), g \(g), \(seeds.count) seeds")
        }
    }

    @Test func anOutputLoopingAWorkGivesOnePassagePerLoop() throws {
        let work = (0..<40).map { "w\($0)" }.joined(separator: " ")
        let text = Array(repeating: work, count: 500).joined(separator: " ")
        let kase = Case(root: "/mem", works: [Document(id: "W", role: .work, path: "works/W.txt", text: work)],
                        outputs: [Document(id: "o", role: .output, path: "outputs/o.txt", text: text)])
        let r = try Scanner.scan(kase, options: ScanOptions())
        let ps = try #require(r.pairs.first?.passages)
        #expect(ps.count == 500)
        #expect(ps.allSatisfy { $0.workTokens == 0..<40 && $0.matched == 40 })
        #expect(ps.map(\.outputTokens.lowerBound) == Array(stride(from: 0, to: 20_000, by: 40)))
    }
}
