import Synchronization

/// Lets another thread stop a scan.
public final class ScanControl: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    /// Asks the scan to stop; it throws `CancellationError` at its next check.
    public func cancel() { flag.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// What `Scanner.scan` streams while it runs, so a viewer can mark an output's
/// passages before the scan ends. Token data equals what the final `ScanResult` holds.
public enum ScanStreamEvent: Sendable {
    /// Every work's token data, parallel to the final `ScanResult.workTokens`; sent
    /// once, before any `.output`.
    case works([DocumentTokens])
    /// One output with at least one pair, as soon as it is matched: its index into the
    /// final `ScanResult.outputs`, its token data and its pairs.
    case output(index: Int, tokens: DocumentTokens, pairs: [PairResult])
}

/// Runs the matching engine over a case: tokenize, index the works, probe every
/// output and prompt, chain passages, and pool the figures (SPEC §2–§4).
///
/// The same case and options give the same `ScanResult` whatever the thread count.
public enum Scanner {
    /// Scans `kase` with `options`.
    /// - Parameters:
    ///   - progress: called from worker threads as phases advance.
    ///   - control: checked between documents; cancelling makes the scan throw.
    ///   - partial: called from worker threads with each output's pairs as soon as they
    ///     are found (work and output indices are those of the final result), so a
    ///     viewer can show results while the scan goes on. Order across calls is not
    ///     fixed; the returned result is.
    ///   - stream: like `partial`, with the token data a viewer needs to mark the
    ///     passages (see `ScanStreamEvent`); called from worker threads.
    ///   - reusing: stored results by `OutputFingerprint`, from a scan of the same works
    ///     under the same parameters and exclusions (`StoreKey.differsOnlyInOutputs`):
    ///     an output whose fingerprint is there is not tokenized or matched again, its
    ///     stored results are taken over. The result equals a full scan's.
    /// - Throws: `CancellationError` when `control` is cancelled.
    public static func scan(_ kase: Case, options: ScanOptions,
                            progress: (@Sendable (ScanProgress) -> Void)? = nil,
                            control: ScanControl? = nil,
                            partial: (@Sendable ([PairResult]) -> Void)? = nil,
                            stream: (@Sendable (ScanStreamEvent) -> Void)? = nil,
                            reusing: [String: StoredOutput] = [:]) throws -> ScanResult {
        let k = max(1, options.match.minWords)
        let threads = max(1, options.threads)
        let outputDocs = kase.outputs.indices.filter { i in options.filters.allSatisfy { $0.matches(kase.outputs[i]) } }
        let works = kase.works
        let outputs = outputDocs.map { kase.outputs[$0] }
        var state = ScanProgress(phase: .tokenizing, documentsTokenized: 0, documentsTotal: works.count + outputs.count,
                                 outputsMatched: 0, outputsTotal: outputs.count, pairsFound: 0)
        progress?(state)

        // 1. Tokenize the works in parallel. Outputs and prompts are tokenized where they
        // are matched (step 5), so their tokens are never all held at once.
        let tokenizer = Tokenizer(options: options.normalize)
        let done = Atomic<Int>(0)
        let total = state.documentsTotal
        var tokenized: [TokenizedText] = parallelMap(works.count, threads: threads, chunk: 8) { i in
            if control?.isCancelled == true { return TokenizedText() }
            let r = tokenizer.tokenize(works[i].text)
            let n = done.add(1, ordering: .relaxed).newValue
            if n % 256 == 0, let progress {
                progress(ScanProgress(phase: .tokenizing, documentsTokenized: n, documentsTotal: total,
                                      outputsMatched: 0, outputsTotal: outputs.count, pairsFound: 0))
            }
            return r
        }
        if control?.isCancelled == true { throw CancellationError() }

        // 2. Intern the works' tokens as ids, in work order, so ids are deterministic;
        // outputs resolve theirs against this vocabulary (`Vocabulary.resolve`).
        state.phase = .indexing
        state.documentsTokenized = total
        progress?(state)
        var vocabulary = Vocabulary(capacity: 1 << 16)
        let workIds = (0..<works.count).map { vocabulary.ids(tokenized[$0].tokens) }
        // Only the ids and offsets are needed from here on: the token texts go.
        for w in tokenized.indices { tokenized[w].tokens = [] }

        // 3. Boilerplate spans from boilerplate.txt; lines shorter than k are ignored.
        var warnings = Self.filterWarnings(kase, filters: options.filters, kept: outputs.count)
        var spans = [[UInt32]]()
        for (line, text) in kase.boilerplate {
            let t = tokenizer.tokenize(text)
            if t.count == 0 { continue }
            if t.count < k {
                warnings.append(CaseIssue(path: "boilerplate.txt", line: line,
                                          message: "span of \(t.count) tokens is shorter than min_words (\(k)); ignored"))
                continue
            }
            spans.append(vocabulary.ids(t.tokens))
        }
        let spanMarks = SpanOccurrences(spans: spans)
        let known = vocabulary
        var workByIdMutable = [String: Int]()
        for (w, d) in works.enumerated() where workByIdMutable[d.id] == nil { workByIdMutable[d.id] = w }
        let workById = workByIdMutable
        let workIDs = works.map(\.id)

        // 4. Index all works' k-grams.
        let threshold = options.match.boilerplateThreshold(workCount: works.count)
        var index = WorkIndex(works: workIds, k: k, boilerplateWorks: threshold)
        if !spanMarks.isEmpty { index.markBoilerplate(spans) }
        let workIndex = index
        let exclusions = Self.exclusions(options.exclusions, works: works, warnings: &warnings)
        let workDocs: [MatchDocument] = (0..<works.count).map { w in
            let t = tokenized[w]
            var doc = MatchDocument(ids: workIds[w], starts: t.starts, ends: t.ends,
                                    boilerplate: Array(workIndex.boilerplate[workIndex.workStarts[w]..<workIndex.workStarts[w + 1]]),
                                    echo: [Bool](repeating: false, count: t.count))
            if let spans = exclusions.byWork[w] {
                doc.excluded = ExcludedSpan.tokenMask(spans, starts: t.starts, ends: t.ends)
                doc.excludedCount = doc.excluded.reduce(0) { $1 ? $0 + 1 : $0 }
            }
            return doc
        }
        if control?.isCancelled == true { throw CancellationError() }
        // With the excluded marks, so the stream's coverage has the final figures' denominator.
        let workTokens = workDocs.map {
            DocumentTokens(starts: $0.starts, ends: $0.ends, boilerplate: $0.boilerplate, echo: [], excluded: $0.excluded)
        }
        stream?(.works(workTokens))

        // 5. Probe every output and its prompt; analyze each pair with seeds.
        state.phase = .matching
        progress?(state)
        let finder = SeedFinder(index: workIndex)
        let analyzer = PairAnalyzer(match: options.match, findings: options.findings)
        let matched = Atomic<Int>(0)
        let pairsFound = Atomic<Int>(0)
        let perOutput: [OutputScan] = parallelMap(outputs.count, threads: threads, chunk: 16) { o in
            if control?.isCancelled == true { return OutputScan() }
            let out = outputs[o]
            let fingerprint = OutputFingerprint.of(out)
            if let stored = reusing[fingerprint] {
                let pairs = stored.pairs.map { p in
                    var q = p
                    q.output = o
                    return q
                }
                let m = matched.add(1, ordering: .relaxed).newValue
                let pf = pairsFound.add(pairs.count, ordering: .relaxed).newValue
                if m % 64 == 0, let progress {
                    progress(ScanProgress(phase: .matching, documentsTokenized: total, documentsTotal: total,
                                          outputsMatched: m, outputsTotal: outputs.count, pairsFound: pf))
                }
                if let partial, !pairs.isEmpty { partial(pairs) }
                if let stream, !pairs.isEmpty { stream(.output(index: o, tokens: stored.tokens, pairs: pairs)) }
                return OutputScan(pairs: pairs, attempts: stored.attempts, tokens: stored.tokens, fingerprint: fingerprint)
            }
            let tok = tokenizer.tokenize(out.text)
            var unknown = [String: UInt32]()
            let ids = known.resolve(tok.tokens, unknown: &unknown)
            let prompt = out.prompt.map { known.resolve(tokenizer.tokenize($0).tokens, unknown: &unknown) } ?? []
            let echo = EchoDetector.echoMask(output: ids, prompt: prompt, minRun: options.match.echoWords)
            let probe = finder.probe(ids)
            var bp = probe.frequentBoilerplate
            spanMarks.mark(ids, into: &bp)
            let doc = MatchDocument(ids: ids, starts: tok.starts, ends: tok.ends, boilerplate: bp, echo: echo)

            // Supplied: work tokens covered by seeds between the work and the prompt.
            let promptSeeds = prompt.isEmpty ? [:] : finder.probe(prompt).seeds
            var supplied = [Int: [Range<Int>]]()
            var promptHolds = Set<Int>()
            for (w, seeds) in promptSeeds {
                let ranges = mergeIntervals(seeds.map { $0.work..<$0.workEnd })
                supplied[w] = ranges
                var n = 0
                for r in ranges { for t in r where !workDocs[w].isUncounted(t) { n += 1 } }
                if n >= k { promptHolds.insert(w) }
            }
            // Attempts: the work the metadata names when it names one; only without it is
            // the aim inferred from the prompt. A prompt aimed at one book can share a
            // common six-word phrase with another ("off in the direction of the"), which
            // must not count as an attempt at that other book.
            var attempts = promptHolds
            if let aimed = out.aimedWork {
                attempts = workById[aimed].map { [$0] } ?? promptHolds
            }
            let byMetadata = out.method == "extraction"
            var pairs = [PairResult]()
            for w in probe.seeds.keys.sorted() {
                if let p = analyzer.analyze(work: workDocs[w], output: doc, seeds: probe.seeds[w]!,
                                            supplied: supplied[w] ?? [], extractionByMetadata: byMetadata,
                                            workIndex: w, outputIndex: o) {
                    pairs.append(p)
                }
            }
            AlsoInFinder.addSharedQuotations(to: &pairs, minWords: k, workIDs: workIDs)
            let m = matched.add(1, ordering: .relaxed).newValue
            let pf = pairsFound.add(pairs.count, ordering: .relaxed).newValue
            if m % 64 == 0, let progress {
                progress(ScanProgress(phase: .matching, documentsTokenized: total, documentsTotal: total,
                                      outputsMatched: m, outputsTotal: outputs.count, pairsFound: pf))
            }
            if let partial, !pairs.isEmpty { partial(pairs) }
            let tokens = DocumentTokens(starts: tok.starts, ends: tok.ends, boilerplate: bp, echo: echo)
            if let stream, !pairs.isEmpty { stream(.output(index: o, tokens: tokens, pairs: pairs)) }
            return OutputScan(pairs: pairs, attempts: attempts.sorted(), tokens: tokens, fingerprint: fingerprint)
        }
        if control?.isCancelled == true { throw CancellationError() }

        // 6. Pool per work, over all outputs and per model.
        state.phase = .pooling
        state.outputsMatched = outputs.count
        state.pairsFound = pairsFound.load(ordering: .relaxed)
        progress?(state)
        var pairs = perOutput.flatMap(\.pairs)
        pairs.sort { ($0.work, $0.output) < ($1.work, $1.output) }
        // An output's token count is that of its token data: stored or scanned alike.
        let outputTokenCounts = perOutput.map(\.tokens.count)
        let outputResults = outputs.enumerated().map { (o, d) in
            OutputResult(id: d.id, document: outputDocs[o], model: d.model, method: d.method ?? "unknown",
                         work: d.aimedWork, tokens: outputTokenCounts[o],
                         echoTokens: perOutput[o].tokens.echo.reduce(0) { $1 ? $0 + 1 : $0 },
                         tracedCoverage: Self.tracedCoverage(perOutput[o].pairs, tokens: outputTokenCounts[o]))
        }
        warnings += Self.tooShort(works: works, workTokens: workIds.map(\.count), outputs: outputs,
                                  outputTokens: outputTokenCounts, minWords: k)
        let pooler = ReconstructionPooler(findings: options.findings, outputs: outputResults, pairs: pairs,
                                          attempts: perOutput.map(\.attempts))
        let workResults = works.enumerated().map { (w, d) in
            pooler.workResult(w, id: d.id, title: d.title, document: w, tokens: workIds[w].count,
                              excludedTokens: workDocs[w].excludedCount)
        }
        state.phase = .done
        progress?(state)
        return ScanResult(
            engineVersion: exhibitEngineVersion, options: options, works: workResults, outputs: outputResults,
            pairs: pairs,
            workTokens: workTokens,
            outputTokens: perOutput.map(\.tokens), warnings: warnings, boilerplateWorks: threshold,
            exclusions: exclusions.applied, attempts: perOutput.map(\.attempts),
            outputFingerprints: perOutput.map(\.fingerprint))
    }

    /// Warnings about `--where` filters on `kase`, of which `kept` outputs pass: a
    /// filter that keeps nothing is almost always a typo (`hinted=False`); say so.
    static func filterWarnings(_ kase: Case, filters: [MetadataFilter], kept: Int) -> [CaseIssue] {
        var warnings = [CaseIssue]()
        for f in filters {
            let present = kase.outputs.contains { f.key == "id" || $0.metadata(f.key) != nil }
            let kept = kase.outputs.contains { f.matches($0) }
            if !present {
                warnings.append(CaseIssue(path: "--where", message: "no output has the metadata field '\(f.key)'"))
            } else if !kept {
                let values = Set(kase.outputs.compactMap { $0.metadata(f.key) }).sorted().prefix(8)
                warnings.append(CaseIssue(path: "--where", message: "no output has \(f.key)=\(f.value); values present: "
                                          + values.joined(separator: ", ")))
            }
        }
        if !filters.isEmpty && kept == 0 && !kase.outputs.isEmpty {
            warnings.append(CaseIssue(path: "--where", message: "the filters keep none of the \(kase.outputs.count) outputs"))
        }
        return warnings
    }

    /// Output tokens inside an evidence passage with any work, each counted once, over
    /// the output's tokens (SPEC §4 `traced_coverage`).
    static func tracedCoverage(_ pairs: [PairResult], tokens: Int) -> Double {
        let traced = mergeIntervals(pairs.flatMap(\.outputCounted)).reduce(0) { $0 + $1.count }
        return Double(traced) / Double(max(tokens, 1))
    }

    /// A warning for each document with at least one token but fewer than k: it can
    /// never hold a passage, so its 0 % is no finding. (Empty documents are reported
    /// when the case is read.)
    static func tooShort(works: [Document], workTokens: [Int], outputs: [Document], outputTokens: [Int],
                         minWords k: Int) -> [CaseIssue] {
        var out = [CaseIssue]()
        for (docs, counts) in [(works, workTokens), (outputs, outputTokens)] {
            for (d, n) in zip(docs, counts) where n > 0 && n < k {
                out.append(CaseIssue(path: d.path, line: d.line, message: Self.tooShortMessage(words: n, minWords: k)))
            }
        }
        return out
    }

    /// `too short to score: 3 words < min_words 6`.
    public static func tooShortMessage(words: Int, minWords k: Int) -> String {
        "too short to score: \(words) word\(words == 1 ? "" : "s") < min_words \(k)"
    }

    /// `spans` grouped by work index (scalar ranges), and the applied spans in report
    /// order without duplicates. A span whose source is no work of the case adds a warning.
    private static func exclusions(_ spans: [ExcludedSpan], works: [Document],
                                   warnings: inout [CaseIssue]) -> (byWork: [Int: [Range<Int>]], applied: [ExcludedSpan]) {
        guard !spans.isEmpty else { return ([:], []) }
        var workBySource = [String: Int]()
        for (w, d) in works.enumerated() where workBySource[d.source] == nil { workBySource[d.source] = w }
        var byWork = [Int: [Range<Int>]]()
        var applied = [ExcludedSpan]()
        for span in Set(spans).sorted(by: ExcludedSpan.reportOrder) {
            guard let w = workBySource[span.source] else {
                let who = span.annotation.map { "annotation \($0)" } ?? "an excluded span"
                warnings.append(CaseIssue(path: span.source, message: "\(who) names no work of the case; it excludes nothing"))
                continue
            }
            byWork[w, default: []].append(span.scalars)
            applied.append(span)
        }
        return (byWork, applied)
    }
}

/// What probing one output gave.
struct OutputScan: Sendable {
    var pairs: [PairResult] = []
    /// Works this output was aimed at.
    var attempts: [Int] = []
    var tokens = DocumentTokens(starts: [], ends: [], boilerplate: [], echo: [])
    /// Its `OutputFingerprint` (nil when the scan was cancelled before it).
    var fingerprint: String?
}
