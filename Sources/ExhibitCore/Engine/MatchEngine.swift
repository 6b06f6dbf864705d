import Dispatch
import Synchronization

/// The works of a scan tokenized, interned and indexed, and the outputs tokenized:
/// what `Scanner.scan` and a shard scan (`ShardScanner`) both match with, so the two
/// judge every (work, output) pair by the same code.
///
/// Work and output indices are local (into `works` and `outputs` given to `prepare`);
/// `globalWork` maps a local work to its index among all works of the case.
struct MatchEngine: Sendable {
    let k: Int
    let options: ScanOptions
    /// The works given to `prepare`; a streamed scan empties their texts once tokenized.
    var works: [Document]
    let outputs: [Document]
    /// Outputs and prompts are tokenized where they are matched (`match`), so their
    /// tokens are never all held at once.
    let tokenizer: Tokenizer
    /// The works' tokens (and the boilerplate spans') as ids; read-only once built, so
    /// the matching threads share it (`Vocabulary.resolve`).
    let vocabulary: Vocabulary
    /// Parallel to `works`, without their token ids (`workDocument(_:)` adds them): the
    /// works' ids are kept once, in the index (`WorkIndex.ids`).
    let workDocs: [MatchDocument]
    /// Parallel to `works`, with the excluded marks.
    let workTokens: [DocumentTokens]
    let spanMarks: SpanOccurrences
    let finder: SeedFinder
    let analyzer: PairAnalyzer
    /// Local work → index among all works of the case.
    let globalWork: [Int]
    /// Ids of all works of the case → their index there (first one for a repeated id).
    let globalWorkById: [String: Int]
    /// Local index of each global work in this engine.
    let localWork: [Int: Int]
    /// The boilerplate threshold in force (works), from the whole case.
    let threshold: Int?
    /// `options.exclusions` that name a work of `works`, in report order.
    let exclusionsApplied: [ExcludedSpan]
    /// The works tokenized, interned and indexed (shares its arrays with the above).
    let prepared: PreparedWorks

    /// Tokenizes and indexes.
    /// - Parameters:
    ///   - allWorks: ids of every work of the case, in case order (for `attempts` by metadata).
    ///   - globalWork: the index among `allWorks` of each of `works`.
    ///   - global: for a shard of the works, the k-grams judged over all works (token
    ///     texts, postings, frequent); nil when `works` are all the works.
    ///   - warnings: receives the `boilerplate.txt` and exclusion warnings.
    ///   - prepared: the works already tokenized, interned and indexed under the same
    ///     works and parameters (`PreparedWorks`, from the results store's sidecar);
    ///     nil to do it here. Only for all the works of the case (`global` nil). When
    ///     its index holds no table (`WorkIndex.complete` false, as read from the
    ///     sidecar), the k-grams of the outputs `matching` are indexed here.
    ///   - matching: the outputs (indices into `outputs`) this engine will match; nil
    ///     for all. Only read when `prepared`'s index must be completed: the engine
    ///     then matches no other output.
    static func prepare(kase: Case, works: [Document], outputs: [Document], options: ScanOptions,
                        allWorks: [String], globalWork: [Int], global: GlobalKGrams?,
                        prepared: PreparedWorks? = nil, matching: [Int]? = nil,
                        control: ScanControl?, progress: (@Sendable (ScanProgress) -> Void)?,
                        warnings: inout [CaseIssue]) throws -> MatchEngine {
        let k = max(1, options.match.minWords)
        let tokenizer = Tokenizer(options: options.normalize)
        // boilerplate.txt's warnings are the case's, whoever tokenized the works.
        let lines = boilerplateLines(kase, tokenizer: tokenizer, minWords: k)
        warnings += lines.warnings
        var side = try prepared ?? prepareWorks(kase: kase, works: works, outputs: outputs, options: options,
                                                allWorks: allWorks, global: global, lines: lines.spans,
                                                control: control, progress: progress)
        if !side.index.complete {
            let asked = matching.map { $0.map { outputs[$0] } } ?? outputs
            let queries = kgramHashes(of: asked, tokenizer: tokenizer, vocabulary: side.vocabulary, k: k,
                                      threads: max(1, options.threads))
            side.index = side.index.restricted(to: queries, threshold: side.threshold, threads: max(1, options.threads))
        }
        if control?.isCancelled == true { throw CancellationError() }
        let vocabulary = side.vocabulary, workIndex = side.index
        let spanMarks = SpanOccurrences(spans: side.spans)
        let threshold = side.threshold
        let exclusions = Scanner.exclusions(options.exclusions, works: works, warnings: &warnings)
        let workDocs: [MatchDocument] = (0..<works.count).map { w in
            let starts = side.starts[w], ends = side.ends[w]
            var doc = MatchDocument(ids: [], starts: starts, ends: ends,
                                    boilerplate: Array(workIndex.boilerplate[workIndex.workStarts[w]..<workIndex.workStarts[w + 1]]),
                                    // Echo is an output's mark; no work token is ever asked for it.
                                    echo: [])
            if let spans = exclusions.byWork[w] {
                doc.excluded = ExcludedSpan.tokenMask(spans, starts: starts, ends: ends)
                doc.excludedCount = doc.excluded.reduce(0) { $1 ? $0 + 1 : $0 }
            }
            return doc
        }
        if control?.isCancelled == true { throw CancellationError() }
        var byId = [String: Int]()
        for (w, id) in allWorks.enumerated() where byId[id] == nil { byId[id] = w }
        var local = [Int: Int]()
        for (w, g) in globalWork.enumerated() { local[g] = w }
        return MatchEngine(
            k: k, options: options, works: works, outputs: outputs, tokenizer: tokenizer,
            vocabulary: vocabulary, workDocs: workDocs,
            // With the excluded marks, so the stream's coverage has the final figures' denominator.
            workTokens: workDocs.map {
                DocumentTokens(starts: $0.starts, ends: $0.ends, boilerplate: $0.boilerplate, echo: [], excluded: $0.excluded)
            },
            spanMarks: spanMarks, finder: SeedFinder(index: workIndex),
            analyzer: PairAnalyzer(match: options.match, findings: options.findings),
            globalWork: globalWork, globalWorkById: byId, localWork: local, threshold: threshold,
            exclusionsApplied: exclusions.applied, prepared: side)
    }

    /// Steps 1–4 of `prepare`: the works tokenized on all cores, interned and indexed,
    /// with the boilerplate spans (`lines`, the token lists of `boilerplate.txt`) as ids.
    static func prepareWorks(kase: Case, works: [Document], outputs: [Document], options: ScanOptions,
                             allWorks: [String], global: GlobalKGrams?, lines: [[String]],
                             control: ScanControl?, progress: (@Sendable (ScanProgress) -> Void)?) throws -> PreparedWorks {
        let k = max(1, options.match.minWords)
        let threads = max(1, options.threads)
        let total = works.count + outputs.count
        progress?(ScanProgress(phase: .tokenizing, documentsTokenized: 0, documentsTotal: total,
                               outputsMatched: 0, outputsTotal: outputs.count, pairsFound: 0))

        // 1–2. Tokenize the works on all cores, a batch at a time, and intern each batch's
        // tokens as ids in work order (ids are deterministic) while the next batch is
        // tokenized; the token texts go with their batch, so they are never all held
        // at once. Outputs resolve theirs against this vocabulary when they are matched.
        let tokenizer = Tokenizer(options: options.normalize)
        let done = Atomic<Int>(0)
        let batch = max(256, 512 * threads)
        let tokenizeBatch: @Sendable (Range<Int>) -> [TokenBytes] = { range in
            parallelMap(range.count, threads: threads, chunk: 8) { i in
                if control?.isCancelled == true { return TokenBytes() }
                let r = tokenizer.tokenBytes(works[range.lowerBound + i].text)
                let n = done.add(1, ordering: .relaxed).newValue
                if n % 256 == 0, let progress {
                    progress(ScanProgress(phase: .tokenizing, documentsTokenized: n, documentsTotal: total,
                                          outputsMatched: 0, outputsTotal: outputs.count, pairsFound: 0))
                }
                return r
            }
        }
        var vocabulary = Vocabulary(capacity: 1 << 16)
        // Every work's ids concatenated (one block, not a small array per work), and
        // each work's offsets copied to exactly their count: the tokenizer's arrays are
        // reserved from an estimate and grow by doubling, and the works' offsets are held
        // to the end of the scan, about 8 bytes a work token (issue 12: an XL scan's peak).
        var allIds = [UInt32](), workStarts = [0]
        var starts = [[Int32]](), ends = [[Int32]]()
        workStarts.reserveCapacity(works.count + 1)
        starts.reserveCapacity(works.count)
        ends.reserveCapacity(works.count)
        var ready = tokenizeBatch(0..<min(batch, works.count))
        var next = ready.count
        while !ready.isEmpty || next < works.count {
            let range = next..<min(works.count, next + batch)
            let upcoming = Mutex<[TokenBytes]>([])
            let group = DispatchGroup()
            if !range.isEmpty {
                DispatchQueue.global().async(group: group) {
                    let t = tokenizeBatch(range)
                    upcoming.withLock { $0 = t }
                }
            }
            // Only the ids and offsets are needed from here on: the token texts go with the batch.
            for t in ready {
                allIds += vocabulary.ids(t)
                workStarts.append(allIds.count)
                starts.append(Self.exactCopy(t.starts))
                ends.append(Self.exactCopy(t.ends))
            }
            ready = []
            group.wait()
            ready = upcoming.withLock { $0 }
            next = range.upperBound
            if range.isEmpty { break }
        }
        if control?.isCancelled == true { throw CancellationError() }
        // The token texts are freed: their pages go back before the index is built (`HeapTrim`).
        HeapTrim.release()
        progress?(ScanProgress(phase: .indexing, documentsTokenized: total, documentsTotal: total,
                               outputsMatched: 0, outputsTotal: outputs.count, pairsFound: 0))

        // 3. Boilerplate spans from boilerplate.txt; for a shard, the k-grams frequent
        // over all works too, so its works and outputs carry every mark a single scan gives.
        var spans = lines.map { vocabulary.ids($0) }
        let globalIds = (global?.kgrams ?? []).map { (ids: vocabulary.ids($0.tokens), postings: $0.postings, frequent: $0.frequent) }
        spans += globalIds.filter(\.frequent).map(\.ids)

        // 4. Index the works' k-grams.
        let threshold = global.map(\.threshold) ?? options.match.boilerplateThreshold(workCount: allWorks.count)
        // The ids in storage of exactly their size (`BulkArray`); the block they were
        // gathered in, grown by appending, goes.
        let ids = BulkArray.copy(of: allIds, threads: threads)
        allIds = []
        var index = WorkIndex(ids: ids, workStarts: workStarts, k: k, boilerplateWorks: threshold, threads: threads)
        if !globalIds.isEmpty { index.applyGlobal(globalIds) }
        if !spans.isEmpty { index.markBoilerplate(spans) }
        return PreparedWorks(vocabulary: vocabulary, starts: starts, ends: ends, index: index, spans: spans,
                             threshold: threshold)
    }

    /// `xs` in storage of its own holding exactly its elements.
    private static func exactCopy(_ xs: [Int32]) -> [Int32] {
        [Int32](unsafeUninitializedCapacity: xs.count) { buffer, initialized in
            _ = buffer.initialize(from: xs)
            initialized = xs.count
        }
    }

    /// Local work `w` with its token ids, copied from the index for the pair being
    /// analyzed: a few kilobytes per pair, instead of every work's ids held twice.
    @inline(__always)
    func workDocument(_ w: Int) -> MatchDocument {
        var doc = workDocs[w]
        let ids = finder.index.ids, starts = finder.index.workStarts
        doc.ids = Array(ids[starts[w]..<starts[w + 1]])
        return doc
    }

    /// An output's tokens, their ids and its prompt's ids, as matching sees them: a
    /// token no work holds gets an id above the vocabulary's, shared by the output and
    /// its prompt only (`Vocabulary.resolve`).
    @inline(__always)
    static func resolved(_ out: Document, tokenizer: Tokenizer, vocabulary: Vocabulary)
        -> (tokens: TokenBytes, ids: [UInt32], prompt: [UInt32]) {
        let tok = tokenizer.tokenBytes(out.text)
        var unknown = Vocabulary()
        let ids = vocabulary.resolve(tok, unknown: &unknown)
        let prompt = out.prompt.map { vocabulary.resolve(tokenizer.tokenBytes($0), unknown: &unknown) } ?? []
        return (tok, ids, prompt)
    }

    /// The hash (`KGramHash`) of every k-gram of `outputs` and their prompts, as
    /// `match` will look them up: the k-grams an index restricted to them must hold.
    static func kgramHashes(of outputs: [Document], tokenizer: Tokenizer, vocabulary: Vocabulary, k: Int,
                            threads: Int) -> KGramHashSet {
        let hasher = KGramHash(k: k)
        let perOutput: [[UInt64]] = parallelMap(outputs.count, threads: threads, chunk: 16) { o in
            let (_, ids, prompt) = resolved(outputs[o], tokenizer: tokenizer, vocabulary: vocabulary)
            var hashes = [UInt64]()
            for seq in [ids, prompt] {
                seq.withUnsafeBufferPointer { buf in hasher.forEachWindow(buf) { _, h in hashes.append(h) } }
            }
            return hashes
        }
        var set = KGramHashSet(capacity: perOutput.reduce(0) { $0 + $1.count })
        for hashes in perOutput { for h in hashes { set.insert(h) } }
        return set
    }

    /// The lines of `boilerplate.txt` as token lists, and a warning for each line
    /// shorter than k tokens (ignored).
    static func boilerplateLines(_ kase: Case, tokenizer: Tokenizer, minWords k: Int)
        -> (spans: [[String]], warnings: [CaseIssue]) {
        var spans = [[String]](), warnings = [CaseIssue]()
        for (line, text) in kase.boilerplate {
            let t = tokenizer.tokenize(text)
            if t.count == 0 { continue }
            if t.count < k {
                warnings.append(CaseIssue(path: "boilerplate.txt", line: line,
                                          message: "span of \(t.count) tokens is shorter than min_words (\(k)); ignored"))
                continue
            }
            spans.append(t.tokens)
        }
        return (spans, warnings)
    }

    /// Matches local output `o` against every work of the engine: its pairs (work and
    /// output indices global: `globalWork`, `outputIndex`), the works it was aimed at
    /// (global, ascending) and its token data. Shared quotations across works are not
    /// yet added (`AlsoInFinder.addSharedQuotations`: they need the output's pairs with
    /// every work).
    func match(_ o: Int, outputIndex: Int) -> OutputScan {
        match(outputs[o], outputIndex: outputIndex)
    }

    /// As `match(_:outputIndex:)`, for an output that is not among `outputs` (a streamed
    /// scan reads its outputs a batch at a time).
    func match(_ out: Document, outputIndex: Int) -> OutputScan {
        let (tok, ids, prompt) = Self.resolved(out, tokenizer: tokenizer, vocabulary: vocabulary)
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
            if n >= k { promptHolds.insert(globalWork[w]) }
        }
        // Attempts: the work the metadata names when it names one; only without it is
        // the aim inferred from the prompt. A prompt aimed at one book can share a
        // common six-word phrase with another ("off in the direction of the"), which
        // must not count as an attempt at that other book. A shard holding none of the
        // named work counts no attempt: the shard that holds it does.
        var attempts = promptHolds
        if let aimed = out.aimedWork, let g = globalWorkById[aimed] {
            attempts = localWork[g] == nil ? [] : [g]
        }
        let byMetadata = out.method == "extraction"
        var pairs = [PairResult]()
        for w in probe.seeds.keys.sorted() {
            if var p = analyzer.analyze(work: workDocument(w), output: doc, seeds: probe.seeds[w]!,
                                        supplied: supplied[w] ?? [], extractionByMetadata: byMetadata,
                                        workIndex: globalWork[w], outputIndex: outputIndex) {
                p.work = globalWork[w]
                pairs.append(p)
            }
        }
        let tokens = DocumentTokens(starts: tok.starts, ends: tok.ends, boilerplate: bp, echo: echo)
        return OutputScan(pairs: pairs, attempts: attempts.sorted(), tokens: tokens)
    }
}

/// The k-grams of a case that a shard of its works cannot judge alone (SPEC §10),
/// decided once over all works at plan time: those with more than
/// `SeedFinder.repeatPostings` postings (the repeat budget counts postings over all
/// works) and those that are boilerplate by the frequency rule (SPEC §3).
public struct GlobalKGrams: Sendable, Hashable {
    /// One k-gram: its k normalized tokens, its postings over all works, and whether it
    /// occurs in at least `threshold` works.
    public struct KGram: Sendable, Hashable {
        public var tokens: [String]
        public var postings: Int
        public var frequent: Bool
        public init(tokens: [String], postings: Int, frequent: Bool) {
            self.tokens = tokens
            self.postings = postings
            self.frequent = frequent
        }
    }
    /// The boilerplate threshold (works), or nil when the frequency rule is off.
    public var threshold: Int?
    /// Sorted by tokens.
    public var kgrams: [KGram]
    public init(threshold: Int?, kgrams: [KGram]) {
        self.threshold = threshold
        self.kgrams = kgrams
    }
}
