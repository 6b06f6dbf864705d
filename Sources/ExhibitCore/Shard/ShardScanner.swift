/// Runs one task of a `ShardPlan` (SPEC §10): a set of outputs against one shard of
/// the works, with the plan's global boilerplate list, so each (work, output) pair is
/// judged exactly as a single scan judges it. Only the shard's works and the given
/// outputs are tokenized and indexed.
public enum ShardScanner {
    /// The options the plan was made under, for `kase` (the case's settings, the plan's
    /// exclusions), checked against the whole case: the merge's check, which reads
    /// every file.
    /// - Throws: `ShardPlanError` naming `planPath` when the case, its parameters or the
    ///   engine differ from the plan's (its key): partials would not merge into the
    ///   result of one scan.
    public static func options(_ kase: Case, plan: ShardPlan, planPath: String, threads: Int) throws -> ScanOptions {
        let options = try taskOptions(kase, plan: plan, planPath: planPath, threads: threads)
        let key = StoreKey(case: kase, options: options, noExclusions: plan.noExclusions)
        guard key.digest == plan.key else {
            throw ShardPlanError(path: planPath, message: "the case changed since the plan was made (files, parameters "
                                 + "or documents differ); make a new plan")
        }
        return options
    }

    /// Opens what one task reads of the case at `root` (SPEC §10): `case.toml`,
    /// `boilerplate.txt`, the files of shard `shard`'s works and the output files
    /// `outputFiles` (case-relative paths), each checked against the plan's SHA-256;
    /// no other file is read, so a task's memory is its shard's and partition's.
    /// - Returns: the partial case (for `scan`) and the plan's options for it.
    /// - Throws: `CaseOpenError` when `root` is no case; `ShardPlanError` naming
    ///   `planPath` and the file when one of these files is missing, unreadable, not
    ///   in the plan or changed since the plan was made, or the engine differs.
    public static func openTask(root: String, plan: ShardPlan, planPath: String, shard: Int, outputFiles: [String],
                                threads: Int) throws -> (case: Case, options: ScanOptions) {
        let documentFiles = Set(plan.shardFiles[shard] + outputFiles)
        let kase = try CaseLoader.load(path: root, documentFiles: documentFiles)
        let planned = Dictionary(plan.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        let read = Dictionary(kase.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
        // The root files are checked both ways: one added or removed since the plan changes the parameters.
        let checked = documentFiles.union(["case.toml", "boilerplate.txt"].filter { planned[$0] != nil || read[$0] != nil })
        for path in checked.sorted() where planned[path] != read[path] {
            let why = planned[path] == nil ? "is not in the plan"
                : read[path] == nil ? "is missing or unreadable" : "changed since the plan was made (SHA-256 differs)"
            throw ShardPlanError(path: planPath, message: "case file \(path) \(why); make a new plan")
        }
        return (kase, try taskOptions(kase, plan: plan, planPath: planPath, threads: threads))
    }

    /// The case's settings with the plan's exclusions, after checking the engine.
    private static func taskOptions(_ kase: Case, plan: ShardPlan, planPath: String, threads: Int) throws -> ScanOptions {
        var options = ScanOptions(settings: kase.settings, threads: threads)
        options.exclusions = plan.exclusions
        guard plan.engineVersion == exhibitEngineVersion else {
            throw ShardPlanError(path: planPath, message: "made by engine \(plan.engineVersion), this is \(exhibitEngineVersion)")
        }
        return options
    }

    /// Scans outputs `outputs` (indices into the plan's outputs) against shard `shard`.
    /// `kase` is the whole case or a task's part of it (`openTask`): works and outputs
    /// are found by id.
    /// - Throws: `ShardPlanError` when a work of the shard or an output is not in `kase`.
    /// - Parameters:
    ///   - partition: recorded in the partial (nil for records read on standard input).
    ///   - includeWorks: also record the shard's works' token data (the partial of
    ///     partition 0 does, so a merge has every work's once).
    public static func scan(_ kase: Case, plan: ShardPlan, options: ScanOptions, shard: Int, outputs: [Int],
                            partition: Int?, includeWorks: Bool) throws -> ShardPartial {
        let workRange = plan.shards[shard]
        let works = try documents(plan.works[workRange], in: kase.works, kase: kase)
        let docs = try documents(outputs.map { plan.outputs[$0] }, in: kase.outputs, kase: kase)
        var ignored = [CaseIssue]()    // the merge states the case's warnings, once
        let engine = try MatchEngine.prepare(kase: kase, works: works, outputs: docs, options: options,
                                             allWorks: plan.works, globalWork: Array(workRange),
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

    /// The documents of `ids`, in that order, from `loaded` (ids unique: a case keeps the first of a duplicate).
    private static func documents<C: Collection<String>>(_ ids: C, in loaded: [Document], kase: Case) throws -> [Document] {
        let byId = Dictionary(loaded.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return try ids.map {
            guard let d = byId[$0] else {
                throw ShardPlanError(path: kase.root, message: "\"\($0)\" of the plan is not in the files read")
            }
            return d
        }
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
