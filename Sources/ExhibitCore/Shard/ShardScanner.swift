/// Runs one task of a `ShardPlan` (SPEC §10): a set of outputs against one shard of
/// the works, with the plan's global boilerplate list, so each (work, output) pair is
/// judged exactly as a single scan judges it. Only the shard's works and the given
/// outputs are tokenized and indexed.
public enum ShardScanner {
    /// The options the plan was made under, for `kase` (the case's settings, the plan's
    /// exclusions).
    /// - Throws: `ShardPlanError` naming `planPath` when the case, its parameters or the
    ///   engine differ from the plan's (its key): partials would not merge into the
    ///   result of one scan.
    public static func options(_ kase: Case, plan: ShardPlan, planPath: String, threads: Int) throws -> ScanOptions {
        var options = ScanOptions(settings: kase.settings, threads: threads)
        options.exclusions = plan.exclusions
        guard plan.engineVersion == exhibitEngineVersion else {
            throw ShardPlanError(path: planPath, message: "made by engine \(plan.engineVersion), this is \(exhibitEngineVersion)")
        }
        let key = StoreKey(case: kase, options: options, noExclusions: plan.noExclusions)
        guard key.digest == plan.key else {
            throw ShardPlanError(path: planPath, message: "the case changed since the plan was made (files, parameters "
                                 + "or documents differ); make a new plan")
        }
        return options
    }

    /// Scans outputs `outputs` (indices into `kase.outputs`) against shard `shard`.
    /// - Parameters:
    ///   - partition: recorded in the partial (nil for records read on standard input).
    ///   - includeWorks: also record the shard's works' token data (the partial of
    ///     partition 0 does, so a merge has every work's once).
    public static func scan(_ kase: Case, plan: ShardPlan, options: ScanOptions, shard: Int, outputs: [Int],
                            partition: Int?, includeWorks: Bool) throws -> ShardPartial {
        let workRange = plan.shards[shard]
        let works = Array(kase.works[workRange])
        let docs = outputs.map { kase.outputs[$0] }
        var ignored = [CaseIssue]()    // the merge states the case's warnings, once
        let engine = try MatchEngine.prepare(kase: kase, works: works, outputs: docs, options: options,
                                             allWorks: kase.works.map(\.id), globalWork: Array(workRange),
                                             global: plan.global, control: nil, progress: nil, warnings: &ignored)
        let scans = parallelMap(docs.count, threads: max(1, options.threads), chunk: 16) { o in
            engine.match(o, outputIndex: outputs[o])
        }
        var partial = ShardPartial(name: "", plan: plan.hash, shard: shard, partition: partition)
        for (o, s) in zip(outputs, scans) { partial.outputs[o] = s }
        if includeWorks {
            for (w, t) in zip(workRange, engine.workTokens) { partial.works[w] = t }
        }
        return partial
    }
}

extension ShardPartial {
    /// The partial in its file format (see the type's comment), lines sorted by index.
    public func text() -> String {
        var lines = [headerLine()]
        for w in works.keys.sorted() { lines.append(Self.workLine(w, tokens: works[w]!)) }
        // Every shard gives an output the same token data; shard 0 carries it.
        for o in outputs.keys.sorted() { lines.append(Self.outputLine(o, scan: outputs[o]!, withTokens: shard == 0)) }
        lines.append(Self.endLine(works.count + outputs.count))
        return lines.joined(separator: "\n") + "\n"
    }
}
