import ArgumentParser
import ExhibitCore
import Foundation

/// `exhibit shard plan CASE --works-per-shard N --outputs-per-partition M --out PLAN`.
struct ShardPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write a plan: the works of each shard, the outputs of each partition, every file's SHA-256 and the global boilerplate list.")

    @Argument(help: "The case folder.")
    var casePath: String

    @Option(name: .customLong("works-per-shard"), help: "Works in each index shard (at least 1).")
    var worksPerShard: Int?

    @Option(name: .customLong("outputs-per-partition"), help: "Outputs in each partition (at least 1).")
    var outputsPerPartition: Int?

    @Option(help: "Instead of --works-per-shard: this many shards of equal size (the last may be smaller).")
    var shards: Int?

    @Option(help: "Instead of --outputs-per-partition: this many partitions of equal size.")
    var partitions: Int?

    @Option(help: "Write the plan (JSON) to this file.")
    var out: String

    @Option(help: "Worker threads (default: all cores). The plan never depends on it.")
    var threads: Int?

    @Flag(name: .customLong("no-exclusions"), help: ArgumentHelp(CaseExclusions.flagHelp))
    var noExclusions = false

    func validate() throws {
        if (worksPerShard == nil) == (shards == nil) { throw ValidationError("give one of --works-per-shard and --shards") }
        if (outputsPerPartition == nil) == (partitions == nil) {
            throw ValidationError("give one of --outputs-per-partition and --partitions")
        }
        for (name, v) in [("--works-per-shard", worksPerShard), ("--outputs-per-partition", outputsPerPartition),
                          ("--shards", shards), ("--partitions", partitions)] {
            if let v, v < 1 { throw ValidationError("\(name) must be at least 1") }
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let kase = try openCase(casePath)
        var options = ScanOptions(settings: kase.settings, threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        if !noExclusions {
            do {
                options.exclusions = CaseExclusions.spans(try CaseAnnotations.load(kase), case: kase)
            } catch {
                Stderr.write("exhibit: cannot read annotations: \(error) (--no-exclusions plans without them)")
                throw ExitCode(1)
            }
        }
        // n items in c parts: ceil(n / c) each.
        let size = { (n: Int, c: Int) in max(1, (n + c - 1) / c) }
        let plan = ShardPlanner.plan(kase, options: options, noExclusions: noExclusions,
                                     worksPerShard: worksPerShard ?? size(kase.works.count, shards!),
                                     outputsPerPartition: outputsPerPartition ?? size(kase.outputs.count, partitions!))
        if let reason = CaseFolderGuard.refusal(toWrite: out, caseRoot: kase.root) {
            Stderr.write("exhibit: refused: \(reason)")
            throw ExitCode(1)
        }
        do {
            try ExportWriter.write(plan.json().serialized(indent: 1) + "\n", to: out, overwrite: true)
        } catch {
            Stderr.write("exhibit: \(error)")
            throw ExitCode(1)
        }
        Stderr.write("exhibit: plan \(plan.hash.prefix(16)): \(plan.global.kgrams.filter(\.frequent).count) boilerplate k-grams")
        // For drivers: the number of shards and partitions, and the plan's hash.
        print("\(plan.shards.count) \(plan.partitions.count) \(plan.hash)")
    }
}
