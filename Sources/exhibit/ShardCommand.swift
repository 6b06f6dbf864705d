import ArgumentParser

/// `exhibit shard`: a scan split into tasks that any engine can run (SPEC §10,
/// docs/scale-out.md): plan, scan one task, merge.
struct ShardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard",
        abstract: "Split a scan into tasks (works into shards, outputs into partitions) and merge their results.",
        subcommands: [ShardPlanCommand.self, ShardScanCommand.self, ShardMergeCommand.self])
}
