/// Pools the partials of a `ShardPlan` into the `ScanResult` one `Scanner.scan` of the
/// case gives (SPEC §10): per output, a reduce over shards (its pairs with every work,
/// the union of its attempts, then shared quotations across works and
/// `traced_coverage`); per work, the pooling of a single scan (`Scanner.pool`, interval
/// union by `WorkFigures.pooled`). Partials are keyed by (shard, output), so their order
/// never matters.
public enum ShardMerge {
    /// - Throws: `ShardPartialError` naming the partials at fault: one of another plan
    ///   (hash), two records of one (shard, output) or of one work, or a (shard,
    ///   partition) with no record (the missing partial's expected name).
    public static func merge(_ kase: Case, plan: ShardPlan, options: ScanOptions,
                             partials: [ShardPartial]) throws -> ScanResult {
        let hash = plan.hash
        let foreign = partials.filter { $0.plan != hash }
        if !foreign.isEmpty {
            throw ShardPartialError("partials of another plan (not \(hash.prefix(12))): "
                                    + foreign.map { "\($0.name) (plan \($0.plan.prefix(12)))" }.joined(separator: ", "))
        }
        if let p = partials.first(where: { !plan.shards.indices.contains($0.shard) }) {
            throw ShardPartialError("\(p.name): shard \(p.shard) is not in the plan")
        }
        // Per (shard, output) and per work: exactly one record.
        var byShard = [[Int: (scan: OutputScan, from: String)]](repeating: [:], count: plan.shards.count)
        var workTokens = [Int: (tokens: DocumentTokens, from: String)]()
        for p in partials {
            for (o, s) in p.outputs {
                guard kase.outputs.indices.contains(o) else { throw ShardPartialError("\(p.name): output \(o) is not in the plan") }
                if let other = byShard[p.shard][o] {
                    throw ShardPartialError("duplicated partials: \(other.from) and \(p.name) both hold shard \(p.shard), "
                                            + "output \(kase.outputs[o].id)")
                }
                byShard[p.shard][o] = (s, p.name)
            }
            for (w, t) in p.works {
                guard plan.shards[p.shard].contains(w) else { throw ShardPartialError("\(p.name): work \(w) is not in shard \(p.shard)") }
                if let other = workTokens[w] {
                    throw ShardPartialError("duplicated partials: \(other.from) and \(p.name) both hold work \(kase.works[w].id)")
                }
                workTokens[w] = (t, p.name)
            }
        }
        var missing = [String]()
        for (s, range) in plan.shards.enumerated() {
            for (j, part) in plan.partitions.enumerated() {
                let worksMissing = j == 0 && range.contains { workTokens[$0] == nil }
                if worksMissing || part.contains(where: { byShard[s][$0] == nil }) {
                    missing.append(ShardPartialName.name(plan: hash, shard: s, partition: j))
                }
            }
        }
        if !missing.isEmpty {
            throw ShardPartialError("missing partials: " + missing.joined(separator: ", "))
        }

        let k = max(1, options.match.minWords)
        let records = byShard
        let workIDs = kase.works.map(\.id)
        let perOutput: [OutputScan] = parallelMap(kase.outputs.count, threads: max(1, options.threads), chunk: 64) { o in
            var scan = OutputScan()
            var attempts = Set<Int>()
            for s in records.indices {
                let part = records[s][o]!.scan
                if s == 0 { scan.tokens = part.tokens }
                scan.pairs += part.pairs
                attempts.formUnion(part.attempts)
            }
            scan.pairs.sort { $0.work < $1.work }
            scan.attempts = attempts.sorted()
            AlsoInFinder.addSharedQuotations(to: &scan.pairs, minWords: k, workIDs: workIDs)
            return scan
        }
        var warnings = Scanner.filterWarnings(kase, filters: [], kept: kase.outputs.count)
        warnings += MatchEngine.boilerplateLines(kase, tokenizer: Tokenizer(options: options.normalize), minWords: k).warnings
        let exclusions = Scanner.exclusions(options.exclusions, works: kase.works, warnings: &warnings)
        return Scanner.pool(works: kase.works, outputs: kase.outputs, outputDocs: Array(kase.outputs.indices),
                            options: options, perOutput: perOutput,
                            workTokens: kase.works.indices.map { workTokens[$0]!.tokens }, warnings: warnings,
                            threshold: plan.global.threshold, exclusions: exclusions.applied)
    }
}

/// The file name of a task's partial: named by its inputs' hashes (the plan's, which
/// covers every file's SHA-256 and the parameters) and its place, so a rerun of the
/// same plan finds a finished task by name and a changed case never reuses one.
public enum ShardPartialName {
    /// `part-<plan hash, 16 hex>-s<shard>-p<partition>.jsonl`.
    public static func name(plan: String, shard: Int, partition: Int) -> String {
        "part-\(plan.prefix(16))-s\(shard)-p\(partition).jsonl"
    }
    /// The completion marker written after the partial is complete and renamed into place.
    public static func marker(plan: String, shard: Int, partition: Int) -> String {
        name(plan: plan, shard: shard, partition: partition) + ".done"
    }
}
