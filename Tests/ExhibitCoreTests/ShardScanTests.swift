import Foundation
import Testing
@testable import ExhibitCore

/// Plan, scan shards, merge (SPEC §10): the merged result is the single scan's, byte
/// for byte in JSON, whatever the order of the partials.
@Suite struct ShardScanTests {
    /// Every (shard, partition) partial of `plan`, each task opening only its files of
    /// the case on disk (as `exhibit shard scan` does), its partial written to its file
    /// format and parsed back, so the partial reading and the format are part of what
    /// is compared.
    static func partials(_ kase: Case, plan: ShardPlan, options: ScanOptions) throws -> [ShardPartial] {
        var out = [ShardPartial]()
        for s in plan.shards.indices {
            for (j, part) in plan.partitions.enumerated() {
                let task = try ShardScanner.openTask(root: kase.root, plan: plan, planPath: "plan.json", shard: s,
                                                     outputFiles: plan.partitionFiles[j], threads: options.threads)
                let own = Set(plan.shardFiles[s] + plan.partitionFiles[j] + ["case.toml", "boilerplate.txt"])
                #expect(task.case.files.allSatisfy { own.contains($0.path) })
                #expect(task.case.works.count <= kase.works.count)
                let p = try ShardScanner.scan(task.case, plan: plan, options: options, shard: s, outputs: Array(part),
                                              partition: j, includeWorks: j == 0)
                out.append(try ShardPartial.parse(p.text(), name: ShardPartialName.name(plan: plan.hash, shard: s, partition: j)))
            }
        }
        return out
    }

    static func json(_ kase: Case, _ r: ScanResult) -> String { ScanReport.json(case: kase, result: r).serialized(indent: 1) }

    /// Scans `kase` whole and in shards; expects identical JSON and token data for the
    /// partials in case order, reversed and shuffled.
    static func expectSame(_ kase: Case, worksPerShard: Int, outputsPerPartition: Int,
                           shards: Int, partitions: Int) throws {
        let options = ScanOptions(settings: kase.settings, threads: 2)
        let single = try Scanner.scan(kase, options: options)
        let plan = ShardPlanner.plan(kase, options: options, noExclusions: true, worksPerShard: worksPerShard,
                                     outputsPerPartition: outputsPerPartition)
        #expect(plan.shards.count == shards)
        #expect(plan.partitions.count == partitions)
        let parts = try partials(kase, plan: plan, options: options)
        var rng = GeneratedCase.LCG(seed: 7)
        var shuffled = parts
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, rng.next(i + 1)) }
        for order in [parts, parts.reversed(), shuffled] {
            let merged = try ShardMerge.merge(kase, plan: plan, options: options, partials: order)
            #expect(json(kase, merged) == json(kase, single))
            #expect(merged.workTokens == single.workTokens)
            #expect(merged.outputTokens == single.outputTokens)
            #expect(merged.attempts == single.attempts)
            #expect(merged.pairs == single.pairs)
            #expect(merged.works == single.works)
            #expect(merged.warnings == single.warnings)
        }
    }

    @Test func demoInTwoShardsIsTheSingleScan() throws {
        let kase = try CaseLoader.load(path: Fixtures.demoCase)
        try Self.expectSame(kase, worksPerShard: 2, outputsPerPartition: 4, shards: 2, partitions: 2)
    }

    @Test func generatedCaseInThreeShardsAndFourPartitionsIsTheSingleScan() throws {
        let c = try TempCase()
        try GeneratedCase.write(into: c)
        let kase = try c.load()
        #expect(kase.works.count == 9 && kase.outputs.count == 24)
        let single = try Scanner.scan(kase, options: ScanOptions(settings: kase.settings))
        // The case exercises what a shard cannot see alone: pairs, a shared quotation, a refrain.
        #expect(single.pairs.count > 10)
        #expect(single.pairs.contains { $0.passages.contains { !$0.alsoIn.isEmpty } })
        try Self.expectSame(kase, worksPerShard: 3, outputsPerPartition: 6, shards: 3, partitions: 4)
    }

    @Test(.enabled(if: Fixtures.recapNovels != nil, Comment(rawValue: Fixtures.recapMissing)))
    func realCaseInTwoShardsAndFourPartitionsIsTheSingleScan() throws {
        let kase = try CaseLoader.load(path: Fixtures.recapNovels!)
        let per = (kase.outputs.count + 3) / 4
        try Self.expectSame(kase, worksPerShard: 1, outputsPerPartition: per, shards: 2, partitions: 4)
    }

    /// The boilerplate sentence is in works 0, 3, 6 and 8 (threshold 4 of 9 works); in
    /// shards of three works no shard holds it more than twice. With the plan's global
    /// list every shard marks it; without it, the shards would count it as a copy.
    @Test func boilerplateAcrossShardsIsJudgedAsInOneScan() throws {
        let c = try TempCase()
        try GeneratedCase.write(into: c)
        let kase = try c.load()
        let options = ScanOptions(settings: kase.settings)
        let single = try Scanner.scan(kase, options: options)
        #expect(single.boilerplateWorks == 4)
        let plan = ShardPlanner.plan(kase, options: options, noExclusions: true, worksPerShard: 3, outputsPerPartition: 24)
        let sentence = GeneratedCase.boilerplate.split(separator: " ").map(String.init)
        #expect(plan.global.kgrams.contains { $0.frequent && sentence.starts(with: $0.tokens) })
        for s in plan.shards.indices {
            #expect(plan.shards[s].filter { [0, 3, 6, 8].contains($0) }.count < 4)
        }
        let merged = try ShardMerge.merge(kase, plan: plan, options: options,
                                          partials: try Self.partials(kase, plan: plan, options: options))
        #expect(Self.json(kase, merged) == Self.json(kase, single))
        // Output r02 quotes the sentence: boilerplate there, as in the single scan.
        let r02 = try #require(single.outputs.firstIndex { $0.id == "runs.jsonl#r02" || $0.id == "r02" })
        #expect(single.outputTokens[r02].boilerplate.filter { $0 }.count >= sentence.count)
        #expect(merged.outputTokens[r02] == single.outputTokens[r02])

        // The same plan without its global list: the shards judge alone, and differ.
        var naive = plan
        naive.global.kgrams = []
        let alone = try ShardMerge.merge(kase, plan: naive, options: options,
                                         partials: try Self.partials(kase, plan: naive, options: options))
        #expect(Self.json(kase, alone) != Self.json(kase, single))
    }

    /// The seed finder's repeat budget counts a k-gram's postings over all works: a
    /// six-word loop 800 times in each of 6 works has 4,800 postings per rotation, so an
    /// output holding it (4,800 × 1 > 4,096) seeds nothing from it in one scan; a
    /// shard of 2 works alone would see 1,600 × 2 and seed. The plan carries the counts.
    @Test func repeatBudgetCountsPostingsOverAllWorks() throws {
        let c = try TempCase()
        let loop = Array(repeating: "alpha beta gamma delta epsilon zeta", count: 800).joined(separator: " ")
        var rng = GeneratedCase.LCG(seed: 3)
        for w in 0..<6 {
            let words = (0..<120).map { _ in "u\(w)v\(rng.next(5000))" }.joined(separator: " ")
            try c.write("works/w\(w).txt", words + " " + loop + "\n")
        }
        let twice = "alpha beta gamma delta epsilon zeta alpha beta gamma delta epsilon zeta"
        try c.write("outputs/o.txt", "nothing else here but " + twice + " and more words of its own\n")
        // The frequency rule off (10 works needed), so only the budget decides.
        try c.write("case.toml", "title = \"loop\"\n[match]\nboilerplate_works = 10\n")
        let kase = try c.load()
        let options = ScanOptions(settings: kase.settings)
        let single = try Scanner.scan(kase, options: options)
        #expect(single.pairs.isEmpty)
        let plan = ShardPlanner.plan(kase, options: options, noExclusions: true, worksPerShard: 2, outputsPerPartition: 1)
        #expect(plan.global.kgrams.contains { $0.postings == 4800 && !$0.frequent })
        let merged = try ShardMerge.merge(kase, plan: plan, options: options,
                                          partials: try Self.partials(kase, plan: plan, options: options))
        #expect(Self.json(kase, merged) == Self.json(kase, single))
        var naive = plan
        naive.global.kgrams = []
        let alone = try ShardMerge.merge(kase, plan: naive, options: options,
                                         partials: try Self.partials(kase, plan: naive, options: options))
        #expect(!alone.pairs.isEmpty)
    }

    @Test func missingDuplicatedAndForeignPartialsAreRefusedByName() throws {
        let kase = try CaseLoader.load(path: Fixtures.demoCase)
        let options = ScanOptions(settings: kase.settings)
        let plan = ShardPlanner.plan(kase, options: options, noExclusions: true, worksPerShard: 2, outputsPerPartition: 4)
        let parts = try Self.partials(kase, plan: plan, options: options)
        let dropped = parts[1]
        do {
            _ = try ShardMerge.merge(kase, plan: plan, options: options, partials: parts.filter { $0.name != dropped.name })
            Issue.record("a missing partial was merged")
        } catch let e as ShardPartialError {
            #expect(e.message.contains("missing"))
            #expect(e.message.contains(dropped.name))
        }
        do {
            _ = try ShardMerge.merge(kase, plan: plan, options: options, partials: parts + [parts[2]])
            Issue.record("a duplicated partial was merged")
        } catch let e as ShardPartialError {
            #expect(e.message.contains("duplicated"))
            #expect(e.message.contains(parts[2].name))
        }
        let other = ShardPlanner.plan(kase, options: options, noExclusions: true, worksPerShard: 1, outputsPerPartition: 4)
        var foreign = try ShardScanner.scan(kase, plan: other, options: options, shard: 0, outputs: [0, 1],
                                            partition: 0, includeWorks: true)
        foreign.name = "their-part.jsonl"
        do {
            _ = try ShardMerge.merge(kase, plan: plan, options: options, partials: parts + [foreign])
            Issue.record("a partial of another plan was merged")
        } catch let e as ShardPartialError {
            #expect(e.message.contains("another plan"))
            #expect(e.message.contains("their-part.jsonl"))
        }
    }

    @Test func aTruncatedPartialIsIncomplete() throws {
        let kase = try CaseLoader.load(path: Fixtures.demoCase)
        let options = ScanOptions(settings: kase.settings)
        let plan = ShardPlanner.plan(kase, options: options, noExclusions: true, worksPerShard: 2, outputsPerPartition: 4)
        let text = try ShardScanner.scan(kase, plan: plan, options: options, shard: 0, outputs: [0, 1, 2],
                                         partition: 0, includeWorks: true).text()
        let cut = text.split(separator: "\n").dropLast().joined(separator: "\n")
        #expect(throws: ShardPartialError.self) { try ShardPartial.parse(cut, name: "cut.jsonl") }
    }

    /// The plan file reads back to the same plan, and an edited plan is refused.
    @Test func planRoundTripsAndRefusesEdits() throws {
        let c = try TempCase()
        try GeneratedCase.write(into: c)
        let kase = try c.load()
        let plan = ShardPlanner.plan(kase, options: ScanOptions(settings: kase.settings), noExclusions: true,
                                     worksPerShard: 3, outputsPerPartition: 6)
        let path = NSTemporaryDirectory() + "plan-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = plan.json().serialized(indent: 1)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ShardPlan.read(path: path) == plan)
        try text.replacingOccurrences(of: "\"works_per_shard\": 3", with: "\"works_per_shard\": 4")
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ShardPlanError.self) { try ShardPlan.read(path: path) }
    }
}
