import ArgumentParser
import ExhibitCore
import Foundation

/// `exhibit shard merge PLAN PARTIAL... --json OUT`: pools the partials into the result
/// of one scan, and writes it into the case's results store.
struct ShardMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Pool the partials of a plan into the results of one scan (JSON, results store).")

    @Argument(help: "The plan file (exhibit shard plan).")
    var plan: String

    @Argument(help: "Partial files, or folders holding them (every part-*.jsonl of the plan).")
    var partials: [String]

    @Option(help: "Write the results as JSON to FILE, or - for stdout.")
    var json: String?

    @Option(name: .customLong("case"), help: "The case folder, when not where the plan was made.")
    var caseOverride: String?

    @Option(help: "Worker threads (default: all cores). Results never depend on it.")
    var threads: Int?

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let plan = try ShardCommandSupport.readPlan(self.plan)
        let kase = try openCase(caseOverride ?? plan.caseRoot)
        let hash = plan.hash
        var read = [ShardPartial]()
        do {
            let options = try ShardScanner.options(kase, plan: plan, planPath: self.plan,
                                                   threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            for path in try files(hash: hash) {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                read.append(try ShardPartial.parse(text, name: path))
            }
            let result = try ShardMerge.merge(kase, plan: plan, options: options, partials: read)
            var all = options
            all.filters = []
            let location = StoreLocation.resolve(caseRoot: kase.root, store: storeOptions.directory)
            do {
                try ResultsStore.write(result, key: StoreKey(case: kase, options: all, noExclusions: plan.noExclusions),
                                       to: location, case: kase)
            } catch {
                Stderr.write("warning: results not stored: \(error)")
            }
            if let json {
                if !ExportWriter.isStandardOutput(json), let reason = CaseFolderGuard.refusal(toWrite: json, caseRoot: kase.root) {
                    Stderr.write("exhibit: refused: \(reason)")
                    throw ExitCode(1)
                }
                try ExportWriter.write(ScanReport.text(case: kase, result: result) + "\n",
                                       to: json, overwrite: true)
            }
        } catch let e as ExitCode {
            throw e
        } catch {
            Stderr.write("exhibit: \(error)")
            throw ExitCode(1)
        }
    }

    /// The partial files named: each file as given; for a folder, its partials of this
    /// plan (`part-<hash>-…jsonl`), sorted.
    private func files(hash: String) throws -> [String] {
        var out = [String]()
        for p in partials {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                let prefix = "part-\(hash.prefix(16))-"
                out += try FileManager.default.contentsOfDirectory(atPath: p)
                    .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".jsonl") }.sorted().map { p + "/" + $0 }
            } else {
                out.append(p)
            }
        }
        return out
    }
}
