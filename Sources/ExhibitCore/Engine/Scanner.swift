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
    ///   - fingerprints: parallel to `kase.outputs`, the fingerprint of an output when it
    ///     is known without its text (a case rebuilt from the store's outline for its
    ///     unchanged files, `StoredCase.reopenChangingOutputs`); such an output must be in
    ///     `reusing`. nil entries (or none given): computed from the document.
    ///   - works: the works tokenized, interned and indexed under the same works and
    ///     parameters (`WorksSidecar`); nil to do it here.
    ///   - worksPrepared: given the prepared works once they are ready (to keep them for
    ///     the next scan, `WorksSidecar.write`).
    /// - Throws: `CancellationError` when `control` is cancelled.
    static func scan(_ kase: Case, options: ScanOptions,
                     progress: (@Sendable (ScanProgress) -> Void)? = nil,
                     control: ScanControl? = nil,
                     partial: (@Sendable ([PairResult]) -> Void)? = nil,
                     stream: (@Sendable (ScanStreamEvent) -> Void)? = nil,
                     reusing: [String: StoredOutput] = [:],
                     fingerprints: [String?]? = nil,
                     works prepared: PreparedWorks?,
                     worksPrepared: ((PreparedWorks) -> Void)? = nil) throws -> ScanResult {
        let outputDocs = kase.outputs.indices.filter { i in options.filters.allSatisfy { $0.matches(kase.outputs[i]) } }
        let works = kase.works
        let outputs = outputDocs.map { kase.outputs[$0] }
        var warnings = Self.filterWarnings(kase, filters: options.filters, kept: outputs.count)
        let fingerprintOf: @Sendable (Int) -> String = { o in fingerprints?[outputDocs[o]] ?? OutputFingerprint.of(outputs[o]) }
        // Works from the sidecar come without their k-gram table: the engine indexes the
        // k-grams of the outputs it will match, those whose results are not taken over.
        let incomplete = prepared.map { !$0.index.complete } ?? false
        let known = incomplete ? parallelMap(outputs.count, threads: max(1, options.threads), chunk: 64, fingerprintOf) : nil
        let matching = known.map { all in outputs.indices.filter { reusing[all[$0]] == nil } }
        let engine = try MatchEngine.prepare(kase: kase, works: works, outputs: outputs, options: options,
                                             allWorks: works.map(\.id), globalWork: Array(works.indices), global: nil,
                                             prepared: prepared, matching: matching,
                                             control: control, progress: progress, warnings: &warnings)
        worksPrepared?(engine.prepared)
        let k = engine.k
        let total = works.count + outputs.count
        stream?(.works(engine.workTokens))

        // 5. Probe every output and its prompt; analyze each pair with seeds.
        progress?(ScanProgress(phase: .matching, documentsTokenized: total, documentsTotal: total,
                               outputsMatched: 0, outputsTotal: outputs.count, pairsFound: 0))
        let workIDs = works.map(\.id)
        let matched = Atomic<Int>(0)
        let pairsFound = Atomic<Int>(0)
        let perOutput: [OutputScan] = parallelMap(outputs.count, threads: max(1, options.threads), chunk: 16) { o in
            if control?.isCancelled == true { return OutputScan() }
            let fingerprint = known?[o] ?? fingerprintOf(o)
            var scan: OutputScan
            if let stored = reusing[fingerprint] {
                // Stored pairs already hold their shared quotations.
                scan = OutputScan(pairs: stored.pairs.map { p in
                    var q = p
                    q.output = o
                    return q
                }, attempts: stored.attempts, tokens: stored.tokens)
                scan.counts = (stored.tokenCount, stored.echoTokens)
            } else {
                scan = engine.match(o, outputIndex: o)
                AlsoInFinder.addSharedQuotations(to: &scan.pairs, minWords: k, workIDs: workIDs)
            }
            scan.fingerprint = fingerprint
            let m = matched.add(1, ordering: .relaxed).newValue
            let pf = pairsFound.add(scan.pairs.count, ordering: .relaxed).newValue
            if m % 64 == 0, let progress {
                progress(ScanProgress(phase: .matching, documentsTokenized: total, documentsTotal: total,
                                      outputsMatched: m, outputsTotal: outputs.count, pairsFound: pf))
            }
            if let partial, !scan.pairs.isEmpty { partial(scan.pairs) }
            if let stream, !scan.pairs.isEmpty { stream(.output(index: o, tokens: scan.tokens, pairs: scan.pairs)) }
            scan.dropTokensNotWorthKeeping()
            return scan
        }
        if control?.isCancelled == true { throw CancellationError() }
        progress?(ScanProgress(phase: .pooling, documentsTokenized: total, documentsTotal: total,
                               outputsMatched: outputs.count, outputsTotal: outputs.count,
                               pairsFound: pairsFound.load(ordering: .relaxed)))
        let result = pool(works: works, outputs: outputs, outputDocs: outputDocs, options: options,
                          perOutput: perOutput, workTokens: engine.workTokens, warnings: warnings,
                          threshold: engine.threshold, exclusions: engine.exclusionsApplied)
        progress?(ScanProgress(phase: .done, documentsTokenized: total, documentsTotal: total,
                               outputsMatched: outputs.count, outputsTotal: outputs.count,
                               pairsFound: pairsFound.load(ordering: .relaxed)))
        return result
    }

    /// Scans `kase` with `options`, as `scan(_:options:…works:)` with the works
    /// tokenized and indexed here.
    public static func scan(_ kase: Case, options: ScanOptions,
                            progress: (@Sendable (ScanProgress) -> Void)? = nil,
                            control: ScanControl? = nil,
                            partial: (@Sendable ([PairResult]) -> Void)? = nil,
                            stream: (@Sendable (ScanStreamEvent) -> Void)? = nil,
                            reusing: [String: StoredOutput] = [:]) throws -> ScanResult {
        try scan(kase, options: options, progress: progress, control: control, partial: partial, stream: stream,
                 reusing: reusing, works: nil)
    }

    /// Pools per work, over all outputs and per model (SPEC §4): the `ScanResult` of
    /// outputs whose every pair is known (`perOutput`, parallel to `outputs`, shared
    /// quotations added). A single scan and a merge of shard partials both end here.
    /// - Parameters:
    ///   - outputDocs: index into `Case.outputs` of each of `outputs`.
    ///   - warnings: the scan's warnings so far; the too-short ones are added here.
    static func pool(works: [Document], outputs: [Document], outputDocs: [Int], options: ScanOptions,
                     perOutput: [OutputScan], workTokens: [DocumentTokens], warnings: [CaseIssue],
                     threshold: Int?, exclusions: [ExcludedSpan]) -> ScanResult {
        let k = max(1, options.match.minWords)
        var pairs = perOutput.flatMap(\.pairs)
        pairs.sort { ($0.work, $0.output) < ($1.work, $1.output) }
        let threads = max(1, options.threads)
        // Per output and per work on all cores: each result depends only on its own inputs.
        let outputResults = parallelMap(outputs.count, threads: threads, chunk: 256) { o in
            let d = outputs[o]
            return OutputResult(id: d.id, document: outputDocs[o], model: d.model, method: d.method ?? "unknown",
                         work: d.aimedWork, tokens: perOutput[o].tokenCount, echoTokens: perOutput[o].echoTokens,
                         tracedCoverage: Self.tracedCoverage(perOutput[o].pairs, tokens: perOutput[o].tokenCount))
        }
        let warnings = warnings + Self.tooShort(works: works, workTokens: workTokens.map(\.count), outputs: outputs,
                                                outputTokens: perOutput.map(\.tokenCount), minWords: k)
        let pooler = ReconstructionPooler(findings: options.findings, outputs: outputResults, pairs: pairs,
                                          attempts: perOutput.map(\.attempts))
        let workResults = parallelMap(works.count, threads: threads, chunk: 16) { w in
            let d = works[w]
            return pooler.workResult(w, id: d.id, title: d.title, document: w, tokens: workTokens[w].count,
                              excludedTokens: workTokens[w].excluded.reduce(0) { $1 ? $0 + 1 : $0 })
        }
        return ScanResult(
            engineVersion: exhibitEngineVersion, options: options, works: workResults, outputs: outputResults,
            pairs: pairs, workTokens: workTokens,
            // A merge of shard partials holds every output's; keep what a single scan keeps.
            outputTokens: perOutput.map { $0.tokens.isWorthKeeping(hasPairs: !$0.pairs.isEmpty) ? $0.tokens : .empty },
            warnings: warnings, boilerplateWorks: threshold,
            exclusions: exclusions, attempts: perOutput.map(\.attempts),
            // A merge of shard partials computes them here, so its store serves incremental scans too.
            outputFingerprints: zip(perOutput, outputs).map { $0.fingerprint ?? OutputFingerprint.of($1) })
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
    static func exclusions(_ spans: [ExcludedSpan], works: [Document],
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
    var tokens = DocumentTokens.empty
    /// Its tokens and echo tokens when `tokens` no longer holds them all (dropped, or
    /// taken over from a store that kept none); nil: counted from `tokens`.
    var counts: (tokens: Int, echo: Int)?
    /// Its `OutputFingerprint` (nil when unknown: cancelled, or merged from shard partials).
    var fingerprint: String?
    /// Its token data and attempts encoded as the tail of its store record, when
    /// `encodeTokens` moved the token data there (`tokens` is empty then).
    var encoded: UndecodedTokens?
    /// Its pairs as the store's records hold them, when `encodePairs` moved them there
    /// (`pairs` is empty then, until `decodePairs`).
    var pairRecords: [[UInt8]] = []

    /// Its tokens (words).
    var tokenCount: Int { counts?.tokens ?? tokens.count }
    /// Its tokens marked as prompt echo.
    var echoTokens: Int { counts?.echo ?? tokens.echoCount }

    /// Drops the token data when it is not worth keeping (`DocumentTokens.isWorthKeeping`),
    /// keeping the counts the figures need.
    mutating func dropTokensNotWorthKeeping() {
        guard !tokens.isWorthKeeping(hasPairs: !pairs.isEmpty) else { return }
        counts = (tokenCount, echoTokens)
        tokens = .empty
    }

    /// Moves the token data kept into `encoded` (with the attempts, as the store's
    /// record holds them), keeping the counts the figures need: an XL scan holds
    /// hundreds of thousands of outputs' token data until its store is written, and
    /// four arrays per output are about four times the bytes (issue 12).
    mutating func encodeTokens() {
        guard tokens.count > 0 else { return }
        counts = (tokenCount, echoTokens)
        encoded = ResultCodec.encodedTail(tokens: tokens, attempts: attempts)
        tokens = .empty
    }

    /// Moves the pairs into `pairRecords` (`ResultCodec`): a pair with its passages,
    /// runs and ranges is several small arrays, about three times the bytes of its
    /// record, and an XL scan holds most of a million pairs while the works' index is
    /// held too (issue 12).
    mutating func encodePairs() {
        pairRecords = pairs.map(ResultCodec.encode)
        pairs = []
    }

    /// Moves the pairs back from `pairRecords`, as they were before `encodePairs`.
    /// - Throws: `StoreError.malformed` (never for records `encodePairs` wrote).
    mutating func decodePairs() throws {
        pairs += try pairRecords.map(ResultCodec.decodePair)
        pairRecords = []
    }
}
