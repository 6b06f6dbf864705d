/// Labels the tokens of a pair, a work or an output (SPEC §3, §7) so that what is
/// marked agrees with what is counted:
///
/// - Output side, per selected passage: an aligned (same) token is `verbatim` when the
///   figures count it (neither side echo or boilerplate, the work token neither excluded
///   nor supplied), else `boilerplate`, `excluded`, `echo` or `supplied`; a gap token is
///   `changed` unless it is echo or boilerplate. So the `verbatim` output tokens of a
///   passage number exactly its `matched` words.
/// - A passage that is not evidence (`matched` 0) counts nowhere, so none of its tokens
///   is `verbatim` or `changed`: its gaps take the label of its cause.
/// - Work side: excluded and boilerplate first, then tokens the prompt supplied, then
///   per passage `verbatim` (aligned), `echo` (aligned to an echo token) or `changed`
///   (gap). So the `verbatim` and `changed` work tokens of a pair are exactly its
///   `reproduced` tokens.
/// - Outside passages: `excluded` (works), `boilerplate`, `echo` (outputs), `supplied`
///   (works) or `outside`.
///
/// When two labels apply to one token (a work span copied twice by one output, pooling
/// over outputs), the stronger one wins (`TokenLabel.strength`).
public enum TokenLabeler {
    /// Labels of both sides of `pair`.
    ///
    /// - Parameters:
    ///   - work: the work's tokens (`ScanResult.workTokens[pair.work]`).
    ///   - output: the output's tokens (`ScanResult.outputTokens[pair.output]`).
    ///   - passages: indices into `pair.passages` to mark; nil marks all of them. Marks
    ///     that do not depend on passages (boilerplate, echo, supplied) apply regardless.
    ///   - workWindow, outputWindow: token ranges (half-open) to label; nil labels the
    ///     whole document. Work is proportional to the windows and the passages' spans.
    public static func labels(pair: PairResult, work: DocumentTokens, output: DocumentTokens,
                              passages: [Int]? = nil, workWindow: Range<Int>? = nil,
                              outputWindow: Range<Int>? = nil) -> (work: TokenLabels, output: TokenLabels) {
        var w = TokenLabels(range: (workWindow ?? 0..<work.count).clamped(to: 0..<work.count))
        var o = TokenLabels(range: (outputWindow ?? 0..<output.count).clamped(to: 0..<output.count))
        let selected = passages ?? Array(pair.passages.indices)
        let supplied = IntervalSet(mergeIntervals(pair.suppliedRanges))
        for i in selected where pair.passages.indices.contains(i) {
            let p = pair.passages[i]
            guard p.workTokens.overlaps(w.range) || p.outputTokens.overlaps(o.range) else { continue }
            // Gaps of both sides first; aligned runs then set their own tokens. Within one
            // passage a token is either in a run or in a gap, so `set` is exact here and
            // `raise` merges with other passages.
            var local = [(Int, TokenLabel)]()
            var wCursor = p.workTokens.lowerBound, oCursor = p.outputTokens.lowerBound
            // What a gap token is: changed in an evidence passage, else the passage's cause.
            let gap = p.evidence ? TokenLabel.changed : causeLabel(p.cause ?? .echo)
            let outputGap: (Int) -> TokenLabel = { t in
                let l = gapLabel(output: t, output)
                return l == .changed ? gap : l
            }
            for run in p.runs {
                for t in wCursor..<max(wCursor, run.work) { local.append((t, gap)) }
                for t in oCursor..<max(oCursor, run.output) { o.raise(t, to: outputGap(t)) }
                for k in 0..<run.length {
                    let wt = run.work + k, ot = run.output + k
                    let outEcho = ot < output.echo.count && output.echo[ot]
                    local.append((wt, outEcho ? .echo : p.evidence ? .verbatim : gap))
                    o.raise(ot, to: alignedLabel(work: wt, work, output: ot, output, supplied: supplied))
                }
                wCursor = max(wCursor, run.work + run.length)
                oCursor = max(oCursor, run.output + run.length)
            }
            for t in wCursor..<max(wCursor, p.workTokens.upperBound) { local.append((t, gap)) }
            for t in oCursor..<max(oCursor, p.outputTokens.upperBound) { o.raise(t, to: outputGap(t)) }
            for (t, label) in local { w.raise(t, to: label) }
        }
        // Pair-level exclusions override passage marks, exactly as the figures exclude them.
        for r in pair.suppliedRanges where r.overlaps(w.range) {
            for t in r.clamped(to: w.range) { w.set(t, to: .supplied) }
        }
        markDocument(&w, work, isOutput: false)
        markDocument(&o, output, isOutput: true)
        return (w, o)
    }

    /// Labels of pair `pairIndex` of `result` (convenience for `labels(pair:work:output:…)`).
    public static func labels(pairIndex: Int, in result: ScanResult, passages: [Int]? = nil,
                              workWindow: Range<Int>? = nil,
                              outputWindow: Range<Int>? = nil) -> (work: TokenLabels, output: TokenLabels) {
        let p = result.pairs[pairIndex]
        return labels(pair: p, work: result.workTokens[p.work], output: result.outputTokens[p.output],
                      passages: passages, workWindow: workWindow, outputWindow: outputWindow)
    }

    /// Labels of work `work` (index into `result.works`) pooled over every pair of it
    /// (reconstruction, SPEC §4): a token is `verbatim` or `changed` when any pair
    /// reproduced it, so those tokens are exactly `WorkFigures.reproduced`.
    /// - Parameter window: token range to label (half-open); nil is the whole work.
    public static func workLabels(work: Int, in result: ScanResult, window: Range<Int>? = nil) -> TokenLabels {
        let tokens = result.workTokens[work]
        var out = TokenLabels(range: (window ?? 0..<tokens.count).clamped(to: 0..<tokens.count))
        for p in result.pairs where p.work == work {
            // Only the pair's passages and supplied ranges can differ from the document marks.
            let hull = self.hull(p.passages.map(\.workTokens) + p.suppliedRanges).clamped(to: out.range)
            guard !hull.isEmpty else { continue }
            let l = labels(pair: p, work: tokens, output: result.outputTokens[p.output],
                           workWindow: hull, outputWindow: 0..<0).work
            for t in hull { out.raise(t, to: l[t]) }
        }
        markDocument(&out, tokens, isOutput: false)
        return out
    }

    /// Labels of output `output` (index into `result.outputs`) pooled over every pair of it.
    /// - Parameter window: token range to label (half-open); nil is the whole output.
    public static func outputLabels(output: Int, in result: ScanResult, window: Range<Int>? = nil) -> TokenLabels {
        let tokens = result.outputTokens[output]
        var out = TokenLabels(range: (window ?? 0..<tokens.count).clamped(to: 0..<tokens.count))
        for p in result.pairs where p.output == output {
            let hull = self.hull(p.passages.map(\.outputTokens)).clamped(to: out.range)
            guard !hull.isEmpty else { continue }
            let l = labels(pair: p, work: result.workTokens[p.work], output: tokens,
                           workWindow: 0..<0, outputWindow: hull).output
            for t in hull { out.raise(t, to: l[t]) }
        }
        markDocument(&out, tokens, isOutput: true)
        return out
    }

    /// The smallest range holding every non-empty range of `ranges` (empty when none).
    private static func hull(_ ranges: [Range<Int>]) -> Range<Int> {
        let nonEmpty = ranges.filter { !$0.isEmpty }
        guard let lo = nonEmpty.map(\.lowerBound).min(), let hi = nonEmpty.map(\.upperBound).max() else { return 0..<0 }
        return lo..<hi
    }

    /// Label of an output token in a passage's gap.
    private static func gapLabel(output t: Int, _ output: DocumentTokens) -> TokenLabel {
        if t < output.boilerplate.count && output.boilerplate[t] { return .boilerplate }
        if t < output.echo.count && output.echo[t] { return .echo }
        return .changed
    }

    /// Label of an output token aligned as same with work token `w`: verbatim exactly
    /// when `PairAnalyzer` counts it as matched.
    private static func alignedLabel(work w: Int, _ work: DocumentTokens, output t: Int,
                                     _ output: DocumentTokens, supplied: IntervalSet) -> TokenLabel {
        // The output's own boilerplate mark wins later anyway (`markDocument`).
        if t < output.boilerplate.count && output.boilerplate[t] { return .boilerplate }
        if w < work.excluded.count && work.excluded[w] { return .excluded }
        if w < work.boilerplate.count && work.boilerplate[w] { return .boilerplate }
        if t < output.echo.count && output.echo[t] { return .echo }
        if supplied.contains(w) { return .supplied }
        return .verbatim
    }

    /// The label of a passage's tokens that are not evidence because of `cause`.
    private static func causeLabel(_ cause: NoEvidenceCause) -> TokenLabel {
        switch cause {
        case .echo: .echo
        case .supplied: .supplied
        case .boilerplate: .boilerplate
        case .excluded: .excluded
        }
    }

    /// Document-level marks: counsel's exclusions (works), then boilerplate, override
    /// everything (they never count); echo marks output tokens that no passage labelled.
    private static func markDocument(_ labels: inout TokenLabels, _ tokens: DocumentTokens, isOutput: Bool) {
        for t in labels.range {
            if t < tokens.excluded.count && tokens.excluded[t] {
                labels.set(t, to: .excluded)
            } else if t < tokens.boilerplate.count && tokens.boilerplate[t] {
                labels.set(t, to: .boilerplate)
            } else if isOutput, t < tokens.echo.count, tokens.echo[t], labels[t] == .outside {
                labels.set(t, to: .echo)
            }
        }
    }
}
