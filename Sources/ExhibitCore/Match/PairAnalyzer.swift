/// The token data of one document the matcher needs: ids, scalar ranges, and which
/// tokens are boilerplate, excluded by counsel (works) or prompt echo (outputs).
struct MatchDocument: Sendable {
    var ids: [UInt32]
    var starts: [Int32]
    var ends: [Int32]
    var boilerplate: [Bool]
    /// Per token: prompt echo. Empty for works (never read there).
    var echo: [Bool]
    /// Per token: excluded by counsel (`ExcludedSpan`); empty when nothing is.
    var excluded: [Bool] = []
    /// Number of excluded tokens.
    var excludedCount: Int = 0

    /// Whether token `t` is excluded by counsel.
    func isExcluded(_ t: Int) -> Bool { !excluded.isEmpty && excluded[t] }

    /// Whether work token `t` can never count as reproduced, supplied or matched:
    /// boilerplate or excluded.
    func isUncounted(_ t: Int) -> Bool { boilerplate[t] || isExcluded(t) }

    /// The denominator of work coverage: tokens less excluded ones (at least 1).
    var coverageTokens: Int { max(starts.count - excludedCount, 1) }
}

/// Turns the seeds of one (work, output) pair into passages and pair figures (SPEC §3, §4).
struct PairAnalyzer: Sendable {
    let match: MatchParameters
    let findings: FindingsParameters

    /// - Parameters:
    ///   - seeds: seeds between the work and the output.
    ///   - supplied: work token intervals covered by seeds between the work and the prompt.
    ///   - extractionByMetadata: the output's metadata says `method: extraction`.
    /// - Returns: nil when the pair has no passage, or only passages of boilerplate.
    func analyze(work: MatchDocument, output: MatchDocument, seeds: [Seed], supplied: [Range<Int>],
                 extractionByMetadata: Bool, workIndex: Int, outputIndex: Int) -> PairResult? {
        let chainer = PassageChainer(maxGap: match.maxGap, minIdentity: match.minIdentity, minWords: match.minWords)
        let chains = chainer.chains(seeds, work: work.ids, output: output.ids)
        let extender = PassageExtender(xDrop: match.xDrop, minIdentity: match.minIdentity)

        // Work-side sets are kept as intervals, so a pair costs its passages' length,
        // not the work's.
        let suppliedSet = IntervalSet(supplied)
        var passages = [Passage]()
        var loose = [Range<Int>](), strict = [Range<Int>]()
        var outputCounted = [Range<Int>]()
        var listed = false
        var pairCauses = [NoEvidenceCause: Int]()
        for runs in extender.passages(chains, work: work.ids, output: output.ids) {
            let w0 = runs.first!.work, w1 = runs.last!.workEnd
            let o0 = runs.first!.output, o1 = runs.last!.outputEnd
            var same = 0, matched = 0, longest = 0, streak = 0, boilerplateSame = 0
            var lastW = -2, lastO = -2
            var echoAligned = Set<Int>()
            var excludedAligned = Set<Int>()
            var causes = [NoEvidenceCause: Int]()
            for r in runs {
                for t in 0..<r.length {
                    let w = r.work + t, o = r.output + t
                    same += 1
                    // Why a same token is not a word of evidence, if it is not (first reason wins).
                    let cause: NoEvidenceCause? = output.echo[o] ? .echo
                        : output.boilerplate[o] || work.boilerplate[w] ? .boilerplate
                        : work.isExcluded(w) ? .excluded
                        : suppliedSet.contains(w) ? .supplied : nil
                    if output.echo[o] { echoAligned.insert(w) }
                    if output.boilerplate[o] || work.isUncounted(w) { boilerplateSame += 1 }
                    if work.isExcluded(w) { excludedAligned.insert(o) }
                    if let cause {
                        causes[cause, default: 0] += 1
                        lastW = -2; lastO = -2
                    } else {
                        matched += 1
                        streak = (w == lastW + 1 && o == lastO + 1) ? streak + 1 : 1
                        longest = max(longest, streak)
                        lastW = w; lastO = o
                    }
                }
            }
            // A pair whose passages are all boilerplate is not listed (SPEC §3); one
            // with echo or supplied text only is listed without evidence (SPEC §8).
            if boilerplateSame < same { listed = true }
            let span = max(w1 - w0, o1 - o0)
            var passage = Passage(
                workTokens: w0..<w1, outputTokens: o0..<o1,
                workScalars: TokenOffsets.scalars(of: w0..<w1, starts: work.starts, ends: work.ends),
                outputScalars: TokenOffsets.scalars(of: o0..<o1, starts: output.starts, ends: output.ends),
                runs: runs, matched: matched, same: same, longestVerbatim: longest,
                identity: span == 0 ? 1 : Double(same) / Double(span))
            guard matched > 0 else {
                // Kept for display; counts in no figure.
                passage.cause = Self.mainCause(causes)
                for (c, n) in causes { pairCauses[c, default: 0] += n }
                passages.append(passage)
                continue
            }
            passages.append(passage)
            // Reproduced work tokens: the passage's work range less supplied,
            // boilerplate, excluded and tokens whose output counterpart is echo.
            var reproduced = [Bool](repeating: false, count: w1 - w0)
            for w in w0..<w1 where !suppliedSet.contains(w) && !work.isUncounted(w) && !echoAligned.contains(w) {
                reproduced[w - w0] = true
            }
            let ranges = intervals(of: reproduced, base: w0)
            loose += ranges
            if matched >= 40 { strict += ranges }
            // An output word that copies an excluded work word copies no claimed text.
            var counted = [Bool](repeating: false, count: o1 - o0)
            for o in o0..<o1 where !output.echo[o] && !output.boilerplate[o] && !excludedAligned.contains(o) {
                counted[o - o0] = true
            }
            outputCounted += intervals(of: counted, base: o0)
        }
        guard listed else { return nil }
        passages.sort { ($0.outputTokens.lowerBound, $0.workTokens.lowerBound) < ($1.outputTokens.lowerBound, $1.workTokens.lowerBound) }
        AlsoInFinder.addRefrains(to: &passages, seeds: seeds, work: work, workIndex: workIndex, minWords: match.minWords)
        let evidence = passages.contains { $0.evidence }
        outputCounted = mergeIntervals(outputCounted)

        let n = work.coverageTokens
        let looseMerged = mergeIntervals(loose), strictMerged = mergeIntervals(strict)
        var suppliedCount = 0
        for r in supplied { for t in r where !work.isUncounted(t) { suppliedCount += 1 } }
        let strictCoverage = Double(strictMerged.reduce(0) { $0 + $1.count }) / Double(n)
        let best = passages.filter { $0.identity >= findings.nearExactIdentity }.max { $0.matched < $1.matched }
        return PairResult(
            work: workIndex, output: outputIndex, passages: passages,
            classification: suppliedCount >= match.minWords || extractionByMetadata ? .extraction : .regurgitation,
            workCoverage: Double(looseMerged.reduce(0) { $0 + $1.count }) / Double(n),
            strictCoverage: strictCoverage,
            outputCoverage: Double(outputCounted.reduce(0) { $0 + $1.count }) / Double(max(output.ids.count, 1)),
            matchedWords: passages.reduce(0) { $0 + $1.matched },
            supplied: suppliedCount,
            evidence: evidence,
            cause: evidence ? nil : Self.mainCause(pairCauses),
            longestVerbatim: passages.map(\.longestVerbatim).max() ?? 0,
            longestPassage: passages.map(\.matched).max() ?? 0,
            reproduced: looseMerged,
            strictReproduced: strictMerged,
            suppliedRanges: supplied,
            outputCounted: outputCounted,
            flags: findings.findings(bestPassage: best.map { ($0.matched, $0.identity, "") },
                                     strictCoverage: strictCoverage))
    }

    /// The cause covering most same tokens (ties: echo, boilerplate, excluded, supplied).
    static func mainCause(_ counts: [NoEvidenceCause: Int]) -> NoEvidenceCause {
        let order: [NoEvidenceCause] = [.echo, .boilerplate, .excluded, .supplied]
        var best = NoEvidenceCause.echo, most = -1
        for c in order where counts[c, default: 0] > most { best = c; most = counts[c, default: 0] }
        return best
    }
}
