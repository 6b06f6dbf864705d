import Foundation
import Testing
@testable import ExhibitCore

/// The parts of a scan that run on several threads give what one thread gives: the
/// work index filled by regions, pooling, and the report serialized in chunks.
@Suite struct ParallelScanTests {
    /// Works of token ids over a vocabulary of `vocabulary` ids: small enough that many
    /// k-grams repeat within and across works, some in enough works to be boilerplate.
    static func works(seed: UInt64, count: Int, length: ClosedRange<Int>, vocabulary: UInt32) -> [[UInt32]] {
        var g = SeededGenerator(seed: seed)
        let shared = (0..<12).map { _ in UInt32.random(in: 0..<vocabulary, using: &g) }
        return (0..<count).map { _ in
            var ids = (0..<Int.random(in: length, using: &g)).map { _ in UInt32.random(in: 0..<vocabulary, using: &g) }
            // A phrase many works hold, so the frequency rule has work to do.
            if ids.count > 40, Bool.random(using: &g) { ids.replaceSubrange(10..<22, with: shared) }
            return ids
        }
    }

    /// Everything a lookup of each window answers, by position: postings (global
    /// positions), weight and the frequent mark.
    static func answers(_ index: WorkIndex, k: Int) -> [[Int]] {
        let hasher = KGramHash(k: k)
        return index.ids.withUnsafeBufferPointer { buf in
            (0..<index.workCount).flatMap { w -> [[Int]] in
                let s = index.workStarts[w], e = index.workStarts[w + 1]
                guard e - s >= k else { return [] }
                return (s...(e - k)).map { p in
                    guard let hit = index.lookup(hasher.hash(buf, at: p)) else { return [-1] }
                    let postings = (hit.first..<(hit.first + hit.count)).map { index.posting($0) }
                    return [hit.weight, hit.frequent ? 1 : 0] + postings
                }
            }
        }
    }

    @Test func workIndexFilledByRegionsEqualsOneThread() {
        // 60,000 tokens: a table of 2^17 slots, cut into regions when threads > 1.
        let works = Self.works(seed: 7, count: 300, length: 100...300, vocabulary: 300)
        let one = WorkIndex(works: works, k: 4, boilerplateWorks: 20, threads: 1)
        for threads in [2, 3, 8] {
            let many = WorkIndex(works: works, k: 4, boilerplateWorks: 20, threads: threads)
            #expect(Self.answers(many, k: 4) == Self.answers(one, k: 4))
            #expect(many.boilerplate == one.boilerplate)
            let global = { (i: WorkIndex) in Set(i.globalKGrams().map { "\($0.position) \($0.postings) \($0.frequent)" }) }
            #expect(global(many) == global(one))
        }
        // The frequency rule found the shared phrase: the test compares something.
        #expect(one.boilerplate.contains(true))
    }

    @Test func tinyAndEmptyWorksIndexAlike() {
        let works: [[UInt32]] = [[], [1, 2], [1, 2, 3, 4], [1, 2, 3, 4, 1, 2, 3, 4]]
        let one = WorkIndex(works: works, k: 4, boilerplateWorks: 2, threads: 1)
        let many = WorkIndex(works: works, k: 4, boilerplateWorks: 2, threads: 4)
        #expect(Self.answers(many, k: 4) == Self.answers(one, k: 4))
        // [1,2,3,4] at global positions 2, 6 and 10 (works 2 and 3): in 2 works, frequent.
        #expect(Self.answers(one, k: 4).first == [3, 1, 2, 6, 10])
    }

    @Test func bulkArraysWrittenOnSeveralThreadsHoldEveryElement() {
        // 3,000,001 elements of 4 bytes: four parts of 2^20 elements, the last short.
        let count = 3_000_001
        for threads in [1, 2, 3] {
            let filled = BulkArray.make(repeating: UInt32(7), count: count, threads: threads)
            #expect(filled.count == count && filled.allSatisfy { $0 == 7 })
            let source = (0..<count).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) }
            #expect(BulkArray.copy(of: source, threads: threads) == source)
        }
        #expect(BulkArray.copy(of: [UInt32](), threads: 2).isEmpty)
        #expect(BulkArray.make(repeating: IndexSlot(), count: 0, threads: 2).isEmpty)
    }

    /// A case of many outputs, some copying from works, as documents.
    static func syntheticCase(outputs: Int) -> Case {
        var g = SeededGenerator(seed: 11)
        let word = { (i: UInt32) in "t\(i)" }
        let works = (0..<40).map { w in
            Document(id: String(format: "w%03d", w), role: .work, path: "works/w\(w).txt",
                     text: (0..<400).map { _ in word(UInt32.random(in: 0..<5000, using: &g)) }.joined(separator: " "))
        }
        let outputs = (0..<outputs).map { o -> Document in
            let work = works[Int.random(in: 0..<works.count, using: &g)].text.split(separator: " ")
            let start = Int.random(in: 0..<300, using: &g)
            let copied = o % 3 == 0 ? work[start..<(start + 60)].joined(separator: " ") : ""
            let novel = (0..<40).map { _ in word(UInt32.random(in: 5000..<9000, using: &g)) }.joined(separator: " ")
            return Document(id: String(format: "o%05d", o), role: .output, path: "outputs/o.jsonl", line: o + 1,
                            text: novel + " " + copied, metadata: [MetadataEntry(key: "model", value: "m\(o % 3)")])
        }
        return Case(root: "/mem/case", works: works, outputs: outputs)
    }

    @Test func reportTextEqualsTheValueSerializedAndThreadsAgree() throws {
        // More than one chunk of outputs (512) and of pairs.
        let kase = Self.syntheticCase(outputs: 1_700)
        let one = try Scanner.scan(kase, options: ScanOptions(threads: 1))
        #expect(one.pairs.count > 512)
        let text = ScanReport.text(case: kase, result: one)
        #expect(text == ScanReport.json(case: kase, result: one).serialized(indent: 1))
        #expect(ScanReport.text(case: kase, result: one, indent: nil) == ScanReport.json(case: kase, result: one).serialized())
        for threads in [2, 3] {
            let many = try Scanner.scan(kase, options: ScanOptions(threads: threads))
            #expect(ScanReport.text(case: kase, result: many) == text)
        }
    }

    @Test func emptyElementsAreAnEmptyArray() {
        let v = JSONValue.object([("a", .elements(count: 0) { _ in .null }), ("b", .int(1))])
        #expect(v.serialized(indent: 1) == "{\n \"a\": [],\n \"b\": 1\n}")
        #expect(v.serialized() == "{\"a\":[],\"b\":1}")
    }

    @Test func fractionsKeepTheirSixDecimalRounding() {
        #expect(formatFraction(0) == "0")
        #expect(formatFraction(1) == "1")
        #expect(formatFraction(0.5) == "0.5")
        #expect(formatFraction(0.1234565) == "0.123457" || formatFraction(0.1234565) == "0.123456")
        #expect(formatFraction(0.000001) == "0.000001")
        #expect(formatFraction(0.0000004) == "0")
        #expect(formatFraction(-0.25) == "-0.25")
        #expect(formatFraction(-0.0000004) == "0")
        #expect(formatFraction(0.010203) == "0.010203")
        #expect(formatFraction(12.3) == "12.3")
    }
}
