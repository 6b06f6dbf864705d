/// Makes a `ShardPlan` (SPEC §10): cuts works and outputs into consecutive ranges and
/// decides, once over all works, what a shard cannot judge alone: the k-grams that
/// are boilerplate by the frequency rule (SPEC §3) and the postings of heavily
/// repeated k-grams (`SeedFinder`'s repeat budget).
///
/// Cost: tokenizing and indexing every work once (the memory of a single scan's work
/// index); outputs are not read beyond their ids.
public enum ShardPlanner {
    /// - Parameters:
    ///   - options: the scan's options (no `--where` filters: a plan covers every output).
    ///   - noExclusions: recorded in the plan and in its key.
    ///   - worksPerShard, outputsPerPartition: at least 1.
    public static func plan(_ kase: Case, options: ScanOptions, noExclusions: Bool,
                            worksPerShard: Int, outputsPerPartition: Int) -> ShardPlan {
        let k = max(1, options.match.minWords)
        let tokenizer = Tokenizer(options: options.normalize)
        let tokens = parallelMap(kase.works.count, threads: max(1, options.threads), chunk: 8) {
            tokenizer.tokenize(kase.works[$0].text).tokens
        }
        var vocabulary = Vocabulary(capacity: 1 << 16)
        let ids = tokens.map { vocabulary.ids($0) }
        let threshold = options.match.boilerplateThreshold(workCount: kase.works.count)
        let index = WorkIndex(works: ids, k: k, boilerplateWorks: threshold)
        let kgrams = index.globalKGrams().map { g -> GlobalKGrams.KGram in
            let w = index.work(at: g.position)
            let t = g.position - index.workStarts[w]
            return GlobalKGrams.KGram(tokens: Array(tokens[w][t..<(t + k)]), postings: g.postings, frequent: g.frequent)
        }.sorted { $0.tokens.lexicographicallyPrecedes($1.tokens) }
        let cut = { (n: Int, size: Int) -> [Range<Int>] in
            // An empty case still has one (empty) shard and partition, so every output is listed.
            n == 0 ? [0..<0] : stride(from: 0, to: n, by: max(1, size)).map { $0..<min(n, $0 + max(1, size)) }
        }
        let shards = cut(kase.works.count, worksPerShard), partitions = cut(kase.outputs.count, outputsPerPartition)
        let paths = { (docs: ArraySlice<Document>) in Set(docs.map(\.path)).sorted() }
        var all = options
        all.filters = []
        return ShardPlan(
            engineVersion: exhibitEngineVersion, caseRoot: kase.root,
            key: StoreKey(case: kase, options: all, noExclusions: noExclusions).digest,
            worksPerShard: worksPerShard, outputsPerPartition: outputsPerPartition, noExclusions: noExclusions,
            exclusions: Set(options.exclusions).sorted(by: ExcludedSpan.reportOrder), files: kase.files,
            works: kase.works.map(\.id), outputs: kase.outputs.map(\.id),
            shards: shards, partitions: partitions,
            shardFiles: shards.map { paths(kase.works[$0]) }, partitionFiles: partitions.map { paths(kase.outputs[$0]) },
            global: GlobalKGrams(threshold: threshold, kgrams: kgrams))
    }
}
