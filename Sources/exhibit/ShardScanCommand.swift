import ArgumentParser
import ExhibitCore
import Foundation

/// `exhibit shard scan PLAN --shard I --partition J --out DIR`, or `--stdin` for
/// `RDD.pipe`: one task of a plan.
struct ShardScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan one partition of outputs against one shard of works; write its partial result.",
        discussion: """
            With --partition and --out, writes DIR/part-<plan>-s<I>-p<J>.jsonl and a .done marker; \
            a task whose marker exists is skipped. With --stdin, reads output records, one JSON object \
            a line {"path", "line", "offset", "record"}, and writes the partial to standard output.
            """)

    @Argument(help: "The plan file (exhibit shard plan).")
    var plan: String

    @Option(help: "The shard of works (0-based).")
    var shard: Int

    @Option(help: "The partition of outputs (0-based).")
    var partition: Int?

    @Option(help: "The folder for the partial (created when missing).")
    var out: String?

    @Flag(help: "Read output records on standard input; write the partial to standard output.")
    var stdin = false

    @Flag(name: .customLong("with-works"), help: "With --stdin: also write the shard's works' token data (once per shard).")
    var withWorks = false

    @Option(name: .customLong("case"), help: "The case folder, when not where the plan was made.")
    var caseOverride: String?

    @Option(help: "Worker threads (default: all cores). Results never depend on it.")
    var threads: Int?

    func validate() throws {
        if stdin {
            if partition != nil || out != nil { throw ValidationError("--stdin takes neither --partition nor --out") }
        } else if partition == nil || out == nil {
            throw ValidationError("give --partition and --out, or --stdin")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        let plan = try ShardCommandSupport.readPlan(self.plan)
        guard plan.shards.indices.contains(shard) else {
            Stderr.write("exhibit: \(self.plan): no shard \(shard) (the plan has \(plan.shards.count))")
            throw ExitCode(1)
        }
        let hash = plan.hash
        var target: (file: String, marker: String)?
        if let partition, let out {
            guard plan.partitions.indices.contains(partition) else {
                Stderr.write("exhibit: \(self.plan): no partition \(partition) (the plan has \(plan.partitions.count))")
                throw ExitCode(1)
            }
            let file = out + "/" + ShardPartialName.name(plan: hash, shard: shard, partition: partition)
            let marker = out + "/" + ShardPartialName.marker(plan: hash, shard: shard, partition: partition)
            if FileManager.default.fileExists(atPath: marker) && FileManager.default.fileExists(atPath: file) {
                Stderr.write("exhibit: \(file) is complete; skipped")
                return
            }
            target = (file, marker)
        }
        // Standard input's records are read first: they name the output files to read.
        let records = stdin ? try ShardCommandSupport.stdinRecords() : []
        let kase: Case, options: ScanOptions
        do {
            let task = try ShardScanner.openTask(
                root: caseOverride ?? plan.caseRoot, plan: plan, planPath: self.plan, shard: shard,
                outputFiles: partition.map { plan.partitionFiles[$0] } ?? Array(Set(records.map(\.path))),
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            kase = task.case
            options = task.options
        } catch let e as CaseOpenError {
            Stderr.write("exhibit: cannot open case \(e)")
            throw ExitCode(1)
        } catch {
            Stderr.write("exhibit: \(error)")
            throw ExitCode(1)
        }
        if let partition, let target {
            let partial = try ShardScanner.scan(kase, plan: plan, options: options, shard: shard,
                                                outputs: Array(plan.partitions[partition]), partition: partition,
                                                includeWorks: partition == 0)
            do {
                try FileManager.default.createDirectory(atPath: out!, withIntermediateDirectories: true)
                // The partial is renamed into place whole, then marked done: a task cut
                // off leaves no marker and is run again.
                try ExportWriter.write(partial.text(), to: target.file, overwrite: true)
                try ExportWriter.write(hash + "\n", to: target.marker, overwrite: true)
            } catch {
                Stderr.write("exhibit: \(error)")
                throw ExitCode(1)
            }
            return
        }
        let (outputs, unknown) = ShardCommandSupport.stdinOutputs(records, kase: kase, plan: plan)
        if let first = unknown.first {
            // Dropping it would make the merge report a missing partition, not this record.
            let line = first.line.map { ", line \($0)" } ?? ""
            Stderr.write("exhibit: standard input names no output of the plan: \(VisibleText.escaped(first.path))\(line)"
                         + (unknown.count > 1 ? " (and \(unknown.count - 1) more)" : ""))
            throw ExitCode(1)
        }
        let partial = try ShardScanner.scan(kase, plan: plan, options: options, shard: shard, outputs: outputs,
                                            partition: nil, includeWorks: withWorks)
        FileHandle.standardOutput.write(Data(partial.text().utf8))
    }
}
