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
/// k-gram. Boilerplate k-grams (frequent across works) do not start seeds, so shared
/// boilerplate costs one lookup, not one seed per work; a real copy that runs through
/// boilerplate is still found from its other k-grams and extended across it.
struct SeedFinder: Sendable {
    let index: WorkIndex

    func probe(_ ids: [UInt32]) -> ProbeResult {
        let k = index.k
        var result = ProbeResult(seeds: [:], frequentBoilerplate: [Bool](repeating: false, count: ids.count))
        guard ids.count >= k else { return result }
        var diagonalEnd = [Int: Int]()
        let hasher = KGramHash(k: k)
        index.ids.withUnsafeBufferPointer { work in
            ids.withUnsafeBufferPointer { seq in
                hasher.forEachWindow(seq) { j, h in
                    guard let hit = index.lookup(h) else { return }
                    if hit.frequent {
                        // Verify against the frequent k-gram itself before marking.
                        let p0 = index.posting(hit.first)
                        if Self.equal(work, p0, seq, j, k) {
                            for t in j..<(j + k) { result.frequentBoilerplate[t] = true }
                            return
                        }
                    }
                    for i in hit.first..<(hit.first + hit.count) {
                        let p = index.posting(i)
                        let diagonal = p - j
                        if let end = diagonalEnd[diagonal], end > j { continue }
                        guard Self.equal(work, p, seq, j, k) else { continue }
                        let w = index.work(at: p)
                        let ws = index.workStarts[w], we = index.workStarts[w + 1]
                        var left = 0
                        while p - left > ws && j - left > 0 && work[p - left - 1] == seq[j - left - 1] { left += 1 }
                        var right = k
                        while p + right < we && j + right < seq.count && work[p + right] == seq[j + right] { right += 1 }
                        let seed = Seed(work: p - left - ws, output: j - left, length: left + right)
                        result.seeds[w, default: []].append(seed)
                        diagonalEnd[diagonal] = j + right
                    }
                }
            }
        }
        return result
    }

    @inline(__always)
    private static func equal(_ a: UnsafeBufferPointer<UInt32>, _ i: Int,
                              _ b: UnsafeBufferPointer<UInt32>, _ j: Int, _ k: Int) -> Bool {
        for t in 0..<k where a[i + t] != b[j + t] { return false }
        return true
    }
}
