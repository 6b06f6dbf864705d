import ExhibitCore

/// Which parts of a prompt the pair view marks (SPEC §3): text that supplies
/// the work (the work tokens the prompt already held) and text the output
/// echoes. The engine records these on the work and output sides; here they
/// are found again on the prompt's side with the same tokenizer and the same
/// run lengths (k = `min_words` for supplied, `echo_words` for echo).
enum PromptMarks {
    /// Scalar ranges (half-open, into `prompt`) of supplied and of echoed text.
    static func find(prompt: String, pair: PairResult, workText: String, work: DocumentTokens,
                     outputText: String, output: DocumentTokens, options: ScanOptions)
        -> (supplied: [Range<Int>], echo: [Range<Int>]) {
        let tokenizer = Tokenizer(options: options.normalize)
        let p = tokenizer.tokenize(prompt)
        guard p.count > 0 else { return ([], []) }

        // Supplied: prompt runs of ≥ k tokens that occur in the supplied work spans.
        let k = max(1, options.match.minWords)
        var suppliedGrams = Set<[String]>()
        let scalars = Array(workText.unicodeScalars)
        for r in pair.suppliedRanges where r.count >= 1 {
            let s = work.scalars(of: r)
            guard s.upperBound <= scalars.count else { continue }
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[s])
            let t = tokenizer.tokenize(String(slice)).tokens
            if t.count >= k { for i in 0...(t.count - k) { suppliedGrams.insert(Array(t[i..<(i + k)])) } }
        }
        let supplied = cover(p.tokens, grams: suppliedGrams, k: k)

        // Echo: prompt runs of ≥ echo_words tokens that the output's echo tokens repeat.
        let e = max(1, options.match.echoWords)
        var echoGrams = Set<[String]>()
        let o = tokenizer.tokenize(outputText).tokens
        if o.count == output.echo.count {
            var i = 0
            while i < o.count {
                guard output.echo[i] else { i += 1; continue }
                var j = i
                while j < o.count && output.echo[j] { j += 1 }
                if j - i >= e { for a in i...(j - e) { echoGrams.insert(Array(o[a..<(a + e)])) } }
                i = j
            }
        }
        let echo = cover(p.tokens, grams: echoGrams, k: e)

        func toScalars(_ tokenRanges: [Range<Int>]) -> [Range<Int>] {
            tokenRanges.map { p.scalars(of: $0) }
        }
        return (toScalars(supplied), toScalars(echo))
    }

    /// Token ranges of `tokens` covered by a `k`-gram in `grams`, merged.
    private static func cover(_ tokens: [String], grams: Set<[String]>, k: Int) -> [Range<Int>] {
        guard !grams.isEmpty, tokens.count >= k else { return [] }
        var ranges: [Range<Int>] = []
        for i in 0...(tokens.count - k) where grams.contains(Array(tokens[i..<(i + k)])) {
            ranges.append(i..<(i + k))
        }
        return Intervals.merge(ranges)
    }
}
