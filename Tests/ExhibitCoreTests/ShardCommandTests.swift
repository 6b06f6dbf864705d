import Foundation
import Testing
@testable import ExhibitCore

/// `exhibit shard plan|scan|merge`, `scripts/xargs-scan.sh` and the PySpark driver as a
/// user runs them: the merged JSON equals `exhibit scan --json` byte for byte.
@Suite struct ShardCommandTests {
    /// A temporary folder, removed when the test ends.
    final class Scratch {
        let path = NSTemporaryDirectory() + "exhibit-shard-" + UUID().uuidString
        init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// `exhibit scan CASE --json`, with its store in `scratch`.
    static func singleScan(_ casePath: String, _ scratch: Scratch) throws -> String {
        let r = try BinaryRunner.run(["scan", casePath, "--json", "-", "--store", scratch.path + "/single-store"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    static func run(_ args: [String]) throws -> BinaryRunner.Result {
        let r = try BinaryRunner.run(args)
        #expect(r.status == 0, "exhibit \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    /// Runs a script or a program; stdout and stderr together.
    static func shell(_ program: String, _ args: [String], env: [String: String] = [:]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = args
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        p.environment = e
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var script: String { Fixtures.repositoryRoot.appendingPathComponent("scripts/xargs-scan.sh").path }

    @Test func demoPlanScanMergeEqualsTheSingleScan() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let s = try Scratch()
        let plan = s.path + "/plan.json"
        let counts = try Self.run(["shard", "plan", Fixtures.demoCase, "--works-per-shard", "2",
                                   "--outputs-per-partition", "4", "--out", plan])
        #expect(counts.stdout.hasPrefix("2 2 "))
        for shard in 0..<2 {
            for partition in 0..<2 {
                _ = try Self.run(["shard", "scan", plan, "--shard", "\(shard)", "--partition", "\(partition)",
                                  "--out", s.path + "/parts"])
            }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: s.path + "/parts").sorted()
        #expect(names.filter { $0.hasSuffix(".jsonl") }.count == 4)
        #expect(names.filter { $0.hasSuffix(".done") }.count == 4)
        // Partials named in reverse order: the order never matters.
        let files = names.filter { $0.hasSuffix(".jsonl") }.reversed().map { s.path + "/parts/" + $0 }
        _ = try Self.run(["shard", "merge", plan] + files + ["--json", s.path + "/merged.json", "--store", s.path + "/store"])
        let merged = try String(contentsOfFile: s.path + "/merged.json", encoding: .utf8)
        #expect(merged == (try Self.singleScan(Fixtures.demoCase, s)))
        // The store the merge wrote answers `exhibit scan` with the same JSON.
        let stored = try Self.run(["scan", Fixtures.demoCase, "--json", "-", "--store", s.path + "/store"])
        #expect(stored.stdout == merged)
        #expect(!stored.stderr.contains("scanning again"))
    }

    @Test func missingAndForeignPartialsAreRefusedWithTheirNames() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let s = try Scratch()
        let plan = s.path + "/plan.json", other = s.path + "/other.json"
        _ = try Self.run(["shard", "plan", Fixtures.demoCase, "--shards", "2", "--partitions", "2", "--out", plan])
        _ = try Self.run(["shard", "plan", Fixtures.demoCase, "--shards", "3", "--partitions", "1", "--out", other])
        for (shard, partition) in [(0, 0), (0, 1), (1, 0)] {
            _ = try Self.run(["shard", "scan", plan, "--shard", "\(shard)", "--partition", "\(partition)", "--out", s.path + "/parts"])
        }
        _ = try Self.run(["shard", "scan", other, "--shard", "1", "--partition", "0", "--out", s.path + "/theirs"])
        let mine = try FileManager.default.contentsOfDirectory(atPath: s.path + "/parts").filter { $0.hasSuffix(".jsonl") }
            .map { s.path + "/parts/" + $0 }
        let missing = try BinaryRunner.run(["shard", "merge", plan] + mine + ["--json", s.path + "/m.json", "--store", s.path + "/st"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("missing partials"))
        #expect(missing.stderr.contains("-s1-p1.jsonl"))
        #expect(!FileManager.default.fileExists(atPath: s.path + "/m.json"))

        let theirs = try FileManager.default.contentsOfDirectory(atPath: s.path + "/theirs").filter { $0.hasSuffix(".jsonl") }
        let foreign = try BinaryRunner.run(["shard", "merge", plan] + mine + [s.path + "/theirs/" + theirs[0],
                                           "--json", s.path + "/m.json", "--store", s.path + "/st"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("another plan"))
        #expect(foreign.stderr.contains(theirs[0]))
    }

    /// A task reads and checks only its own files: a work of shard 1 edited after the
    /// plan stops shard 1's task, naming the file, while shard 0's task runs; the
    /// merge, which reads every file, refuses the plan.
    @Test func aTaskChecksOnlyItsOwnFiles() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let s = try Scratch()
        let c = try TempCase()
        try GeneratedCase.write(into: c)
        let plan = s.path + "/plan.json"
        _ = try Self.run(["shard", "plan", c.root, "--works-per-shard", "5", "--partitions", "1", "--out", plan])
        // Shard 0 holds w00…w04, shard 1 w05…w08.
        try c.write("works/w07.txt", "edited after the plan\n")
        let untouched = try BinaryRunner.run(["shard", "scan", plan, "--shard", "0", "--partition", "0", "--out", s.path + "/parts"])
        #expect(untouched.status == 0, "\(untouched.stderr)")
        let edited = try BinaryRunner.run(["shard", "scan", plan, "--shard", "1", "--partition", "0", "--out", s.path + "/parts"])
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("works/w07.txt changed since the plan was made"), "\(edited.stderr)")
        let parts = try FileManager.default.contentsOfDirectory(atPath: s.path + "/parts")
        #expect(parts.filter { $0.hasSuffix(".jsonl") }.count == 1)
        let merge = try BinaryRunner.run(["shard", "merge", plan, s.path + "/parts", "--json", s.path + "/m.json",
                                          "--store", s.path + "/st"])
        #expect(merge.status == 1)
        #expect(merge.stderr.contains("the case changed since the plan was made"), "\(merge.stderr)")
        #expect(!FileManager.default.fileExists(atPath: s.path + "/m.json"))
    }

    /// `--stdin` (for `RDD.pipe`): one pipe per shard fed every output record with its
    /// place, its partial on standard output; merged, the single scan's JSON. A pipe
    /// reads only its shard's work files and the output files its records name.
    @Test func stdinTasksMergeIntoTheSingleScan() throws {
        let exhibit = try #require(BinaryRunner.exhibit, "exhibit binary not built")
        let s = try Scratch()
        let c = try TempCase()
        try GeneratedCase.write(into: c)
        let plan = s.path + "/plan.json"
        _ = try Self.run(["shard", "plan", c.root, "--works-per-shard", "5", "--partitions", "1", "--out", plan])
        let text = try String(contentsOfFile: c.root + "/outputs/runs.jsonl", encoding: .utf8)
        var records = "", offset = 0
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if !line.isEmpty {
                let o: [String: Any] = ["path": "outputs/runs.jsonl", "line": i + 1, "offset": offset, "record": String(line)]
                records += String(decoding: try JSONSerialization.data(withJSONObject: o), as: UTF8.self) + "\n"
            }
            offset += line.utf8.count + 1
        }
        try records.write(toFile: s.path + "/records.jsonl", atomically: true, encoding: .utf8)
        var parts = [String]()
        for shard in 0..<2 {
            let part = s.path + "/pipe-\(shard).jsonl"
            let (status, log) = try Self.shell("/bin/sh", ["-c", "\"$0\" shard scan \"$1\" --shard \(shard) --stdin --with-works < \"$2\" > \"$3\"",
                                                          exhibit, plan, s.path + "/records.jsonl", part])
            #expect(status == 0, "\(log)")
            parts.append(part)
        }
        _ = try Self.run(["shard", "merge", plan] + parts.reversed() + ["--json", s.path + "/merged.json", "--store", s.path + "/st"])
        #expect(try String(contentsOfFile: s.path + "/merged.json", encoding: .utf8) == (try Self.singleScan(c.root, s)))
    }

    /// A record on standard input that names no output of the plan (another file, a line
    /// past the end) stops the task naming it, instead of leaving an empty partial.
    @Test func stdinRecordsNamingNoOutputAreRefused() throws {
        let exhibit = try #require(BinaryRunner.exhibit, "exhibit binary not built")
        let s = try Scratch()
        let c = try TempCase()
        try GeneratedCase.write(into: c)
        let plan = s.path + "/plan.json"
        _ = try Self.run(["shard", "plan", c.root, "--works-per-shard", "5", "--partitions", "1", "--out", plan])
        for (path, line) in [("outputs/nope.jsonl", 1), ("outputs/runs.jsonl", 9_999)] {
            let record = "{\"path\": \"\(path)\", \"line\": \(line), \"offset\": 0, \"record\": {}}\n"
            try record.write(toFile: s.path + "/records.jsonl", atomically: true, encoding: .utf8)
            let (status, log) = try Self.shell("/bin/sh", ["-c", "\"$0\" shard scan \"$1\" --shard 0 --stdin < \"$2\" > /dev/null",
                                                          exhibit, plan, s.path + "/records.jsonl"])
            #expect(status == 1)
            #expect(log.contains("names no output of the plan: \(path), line \(line)"), "\(log)")
        }
    }

    @Test func xargsDriverEqualsTheSingleScanAndResumesOnlyWhatWasLeft() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let s = try Scratch()
        let c = try TempCase()
        try GeneratedCase.write(into: c)
        let env = ["EXHIBIT": BinaryRunner.exhibit!, "WORK": s.path + "/work", "STORE": s.path + "/store", "JOBS": "2"]
        let (status, log) = try Self.shell(Self.script, [c.root, s.path + "/out.json", "3", "4"], env: env)
        #expect(status == 0, "\(log)")
        let single = try Self.singleScan(c.root, s)
        #expect(try String(contentsOfFile: s.path + "/out.json", encoding: .utf8) == single)

        // Interrupt: one task never finished (no partial, no marker), one was cut off
        // (a partial without trailer, no marker). A rerun scans those two only.
        let parts = s.path + "/work/partials"
        let names = try FileManager.default.contentsOfDirectory(atPath: parts).filter { $0.hasSuffix(".jsonl") }.sorted()
        #expect(names.count == 12)
        let gone = names[5], cut = names[9]
        try FileManager.default.removeItem(atPath: parts + "/" + gone)
        try FileManager.default.removeItem(atPath: parts + "/" + gone + ".done")
        let text = try String(contentsOfFile: parts + "/" + cut, encoding: .utf8)
        try String(text.prefix(text.count / 2)).write(toFile: parts + "/" + cut, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: parts + "/" + cut + ".done")
        try FileManager.default.removeItem(atPath: s.path + "/out.json")
        let (again, log2) = try Self.shell(Self.script, [c.root, s.path + "/out.json", "3", "4"], env: env)
        #expect(again == 0, "\(log2)")
        #expect(log2.components(separatedBy: "is complete; skipped").count - 1 == 10)
        #expect(try String(contentsOfFile: s.path + "/out.json", encoding: .utf8) == single)
    }

    @Test(.enabled(if: Fixtures.recapNovels != nil, Comment(rawValue: Fixtures.recapMissing)))
    func realCaseThroughXargsInTwoShardsAndFourPartitions() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let s = try Scratch()
        let env = ["EXHIBIT": BinaryRunner.exhibit!, "STORE": s.path + "/store", "JOBS": "2"]
        let (status, log) = try Self.shell(Self.script, [Fixtures.recapNovels!, s.path + "/out.json", "2", "4"], env: env)
        #expect(status == 0, "\(log)")
        #expect(try String(contentsOfFile: s.path + "/out.json", encoding: .utf8) == (try Self.singleScan(Fixtures.recapNovels!, s)))
    }

    /// The Python of the virtual environment `.ci/run` makes with PySpark
    /// (`scripts/spark/requirements.txt`), or `$EXHIBIT_SPARK_PYTHON`; nil when absent.
    static var sparkPython: String? {
        let candidates = [ProcessInfo.processInfo.environment["EXHIBIT_SPARK_PYTHON"],
                          Fixtures.repositoryRoot.appendingPathComponent(".venv-spark/bin/python").path].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var sparkReady: Bool {
        sparkPython != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/java")
            || (sparkPython != nil && ProcessInfo.processInfo.environment["JAVA_HOME"] != nil)
    }

    @Test(.enabled(if: sparkReady, "skipped: PySpark or Java 17 absent (.ci/run installs them into .venv-spark; or set EXHIBIT_SPARK_PYTHON)"))
    func sparkDriverInLocalModeEqualsTheSingleScan() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let s = try Scratch()
        let c = try TempCase()
        try GeneratedCase.write(into: c)
        let driver = Fixtures.repositoryRoot.appendingPathComponent("scripts/spark/exhibit_spark.py").path
        let (status, log) = try Self.shell(Self.sparkPython!, [
            driver, "--master", "local[2]", "--exhibit", BinaryRunner.exhibit!, "--shards", "3", "--partitions", "2",
            c.root, "--json", s.path + "/spark.json",
        ], env: ["PYSPARK_PYTHON": Self.sparkPython!])
        #expect(status == 0, "\(log)")
        #expect(try String(contentsOfFile: s.path + "/spark.json", encoding: .utf8) == (try Self.singleScan(c.root, s)))
    }
}
