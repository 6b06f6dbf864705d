/// What probing one token sequence (an output or a prompt) against the work index gives.
struct ProbeResult: Sendable {
    /// Seeds per work index; token indices are relative to the work and the probed sequence.
    var seeds: [Int: [Seed]]
    /// Per token of the probed sequence: inside a k-gram that is boilerplate by the
    /// frequency rule.
    var frequentBoilerplate: [Bool]
}

/// Finds the seeds (maximal exact matches of at least k tokens, SPEC §3) between a
/// token sequence and every work, through the `WorkIndex`.
///
/// Left to right, each k-gram of the sequence is looked up; a verified hit that does
/// not lie inside a seed already found on the same diagonal (work position minus
/// sequence position) is extended left and right as far as the tokens agree. Each
/// seed is therefore found once, and its cost is its length plus one lookup per
/// k-gram. Boilerplate k-grams (frequent across works) do not start seeds in the first
/// pass, so shared boilerplate costs one lookup, not one seed per work; a real copy
/// that runs through boilerplate is still found from its other k-grams and extended
/// across it. A second pass looks the boilerplate k-grams up again, only in the works
/// the first pass paired the sequence with (a binary search in the k-gram's postings),
/// so a copy whose boilerplate part is cut off by an edit keeps that part in its pair
/// while the cost stays proportional to the real copies.
///
/// Repeats are bounded: probing a k-gram costs its postings times its occurrences in
/// the sequence, and may give as many seeds, which the chainer then compares pairwise;
/// one word looped 16,000 times in a work and an output would cost 16,000² probes. A
/// k-gram with more than `repeatPostings` postings whose postings × occurrences exceed
/// the budget — `probesPerToken` per token of the probed sequence, at least
/// `minimumBudget` — starts no seed (in either pass). So the seeds and probes of a
/// k-gram stay within a fixed multiple of the sequence's length. A copy that runs
/// through such a repeat is still found from its other k-grams and extended across it,
/// and a work sentence an output loops is still found (it has few postings). What is
/// given up is only a match made of such k-grams alone: a word or phrase repeated over
/// and over in the works and the sequence (`a `×16,000 against `a `×16,000 needs
/// 2.56 × 10⁸ probes for a budget of 1,024,000), which points at no particular text of
/// a work. A refrain repeated up to 8 times in the works is never affected. In the real
/// case, results are unchanged for `min_words` ≥ 2 (the costliest k-gram, `of the` at
/// 2, needs 18 probes per token of its output); at `min_words` 1 a word such as `the`
/// in a short output no longer seeds.
struct SeedFinder: Sendable {
    let index: WorkIndex
    /// Postings above which a k-gram's cost is checked (see the type's comment).
    static let repeatPostings = 8
    /// Probes one k-gram may cost per token of the probed sequence.
    static let probesPerToken = 64
    /// The budget of a tiny input.
    static let minimumBudget = 4096

    func probe(_ ids: [UInt32]) -> ProbeResult {
        let k = index.k
        var result = ProbeResult(seeds: [:], frequentBoilerplate: [Bool](repeating: false, count: ids.count))
        guard ids.count >= k else { return result }
        var diagonalEnd = DiagonalEnds()
        var frequentHits = [(j: Int, first: Int, count: Int)]()
        let hasher = KGramHash(k: k)
        index.ids.withUnsafeBufferPointer { work in
            ids.withUnsafeBufferPointer { seq in
                // Each window's postings; occurrences in `seq` of the heavily posted ones.
                var hits = [(first: Int, count: Int, weight: Int, frequent: Bool, lead: Int)?](repeating: nil, count: seq.count - k + 1)
                var occurrences = [Int: Int]()  // first posting → windows of seq
                // Hashes first, then lookups with the slot of the lookup `distance` windows
                // ahead prefetched: the table is far larger than the cache (`PrefetchRing`).
                var hashes = [UInt64](repeating: 0, count: hits.count)
                hasher.forEachWindow(seq) { j, h in hashes[j] = h }
                let ahead = PrefetchRing.distance
                for j in 0..<min(ahead, hashes.count) { index.prefetch(hashes[j]) }
                for j in hashes.indices {
                    if j + ahead < hashes.count { index.prefetch(hashes[j + ahead]) }
                    guard let hit = index.lookup(hashes[j]) else { continue }
                    hits[j] = hit
                    if hit.weight > Self.repeatPostings { occurrences[hit.first, default: 0] += 1 }
                }
                let budget = max(Self.minimumBudget, Self.probesPerToken * seq.count)
                for j in hits.indices {
                    guard let hit = hits[j] else { continue }
                    if hit.weight > Self.repeatPostings, hit.weight * occurrences[hit.first]! > budget {
                        // An over-repeated k-gram: boilerplate marks only, no seeds.
                        if hit.frequent && Self.equal(work, hit.lead, seq, j, k) {
                            for t in j..<(j + k) { result.frequentBoilerplate[t] = true }
                        }
                        continue
                    }
                    if hit.frequent {
                        // Verify against the frequent k-gram itself before marking.
                        if Self.equal(work, hit.lead, seq, j, k) {
                            for t in j..<(j + k) { result.frequentBoilerplate[t] = true }
                            frequentHits.append((j, hit.first, hit.count))
                            continue
                        }
                    }
                    for i in hit.first..<(hit.first + hit.count) {
                        // The first posting is in the slot: a k-gram found once costs one miss.
                        let p = i == hit.first ? hit.lead : index.posting(i)
                        let diagonal = p - j
                        if let end = diagonalEnd[diagonal], end > j { continue }
                        guard Self.equal(work, p, seq, j, k) else { continue }
                        let seed = extend(work, seq, p, j)
                        result.seeds[seed.work, default: []].append(seed.seed)
                        diagonalEnd.set(diagonal, seed.seed.outputEnd)
                    }
                }
                guard !frequentHits.isEmpty, !result.seeds.isEmpty else { return }
                // Second pass: boilerplate k-grams, in the works already paired.
                var found = [Int: [Range<Int>]]()  // diagonal → output ranges of its seeds
                for (w, seeds) in result.seeds {
                    for s in seeds { found[index.workStarts[w] + s.work - s.output, default: []].append(s.output..<s.outputEnd) }
                }
                for w in result.seeds.keys.sorted() {
                    let ws = index.workStarts[w], we = index.workStarts[w + 1]
                    for hit in frequentHits {
                        var i = lowerBound(hit.first, hit.first + hit.count, ws)
                        while i < hit.first + hit.count {
                            let p = index.posting(i)
                            i += 1
                            if p >= we { break }
                            let diagonal = p - hit.j
                            if found[diagonal]?.contains(where: { $0.contains(hit.j) }) == true { continue }
                            guard Self.equal(work, p, seq, hit.j, k) else { continue }
                            let seed = extend(work, seq, p, hit.j)
                            result.seeds[w, default: []].append(seed.seed)
                            found[diagonal, default: []].append(seed.seed.output..<seed.seed.outputEnd)
                        }
                    }
                }
            }
        }
        return result
    }

    /// The maximal match through work position `p` (global) and sequence position `j`.
    @inline(__always)
    private func extend(_ work: UnsafeBufferPointer<UInt32>, _ seq: UnsafeBufferPointer<UInt32>,
                        _ p: Int, _ j: Int) -> (work: Int, seed: Seed) {
        let w = index.work(at: p)
        let ws = index.workStarts[w], we = index.workStarts[w + 1]
        var left = 0
        while p - left > ws && j - left > 0 && work[p - left - 1] == seq[j - left - 1] { left += 1 }
        var right = index.k
        while p + right < we && j + right < seq.count && work[p + right] == seq[j + right] { right += 1 }
        return (w, Seed(work: p - left - ws, output: j - left, length: left + right))
    }

    /// First posting index in `lo ..< hi` whose global position is at least `position`
    /// (postings of one k-gram are in position order).
    private func lowerBound(_ lo: Int, _ hi: Int, _ position: Int) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if index.posting(mid) < position { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    @inline(__always)
    private static func equal(_ a: UnsafeBufferPointer<UInt32>, _ i: Int,
                              _ b: UnsafeBufferPointer<UInt32>, _ j: Int, _ k: Int) -> Bool {
        for t in 0..<k where a[i + t] != b[j + t] { return false }
        return true
    }
}
