extension ScanResult {
    /// This result, scanned without `--where` filters, narrowed to the outputs that
    /// `filters` keep: equal to a scan of `kase` with those filters (SPEC §9: the
    /// results store holds all outputs; filters are applied when reading).
    ///
    /// Exact because nothing about a pair depends on the other outputs: each output is
    /// matched against the works alone, so narrowing keeps the kept outputs' pairs as
    /// they are, renumbers them, and pools the work figures again with the scan's own
    /// pooling (`ReconstructionPooler`) over the kept outputs and their attempts.
    /// - Parameter kase: the case this result was scanned from (for the outputs'
    ///   metadata and the filters' warnings).
    public func filtered(by filters: [MetadataFilter], case kase: Case) -> ScanResult {
        guard !filters.isEmpty else { return self }
        let keep = outputs.indices.filter { o in filters.allSatisfy { $0.matches(kase.outputs[outputs[o].document]) } }
        var newIndex = [Int?](repeating: nil, count: outputs.count)
        for (n, o) in keep.enumerated() { newIndex[o] = n }
        var out = self
        out.options.filters = filters
        out.outputs = keep.map { outputs[$0] }
        out.outputTokens = keep.map { outputTokens[$0] }
        out.attempts = attempts.isEmpty ? [] : keep.map { attempts[$0] }
        out.outputFingerprints = outputFingerprints.isEmpty ? [] : keep.map { outputFingerprints[$0] }
        out.pairs = pairs.compactMap { p in
            guard let n = newIndex[p.output] else { return nil }
            var q = p
            q.output = n
            return q
        }
        let pooler = ReconstructionPooler(findings: options.findings, outputs: out.outputs, pairs: out.pairs,
                                          attempts: out.attempts)
        out.works = works.enumerated().map { (w, r) in
            pooler.workResult(w, id: r.id, title: r.title, document: r.document, tokens: r.tokens,
                              excludedTokens: r.excludedTokens)
        }
        // Warnings: the filters' own first, as a filtered scan gives them; then the
        // scan's, less the "too short" notice of each output left out.
        var dropped = [CaseIssue: Int]()
        for (o, r) in outputs.enumerated() where newIndex[o] == nil {
            let d = kase.outputs[r.document]
            let notice = CaseIssue(path: d.path, line: d.line,
                                   message: Scanner.tooShortMessage(words: r.tokens, minWords: max(1, options.match.minWords)))
            dropped[notice, default: 0] += 1
        }
        out.warnings = Scanner.filterWarnings(kase, filters: filters, kept: keep.count)
        for w in warnings {
            if let n = dropped[w], n > 0 {
                dropped[w] = n - 1
            } else {
                out.warnings.append(w)
            }
        }
        return out
    }
}
