import Foundation
import Testing
@testable import ExhibitCore

/// Regression tests for the hang, the memory blow-up and the quadratic slow-downs that
/// fuzzing found (issue 17), each on a minimized input. No timing: each asserts the
/// result, and that the bounded path was the one taken.
@Suite struct HostileScanTests {
    private typealias M = MatchingTests

    // MARK: Parameter ranges (hang: min_words = 2^63 − 1)

    @Test func hugeMinWordsInCaseTomlIsAnErrorAndTheDefaultStays() throws {
        let text = "[match]\nmin_words = 9223372036854775807\nmax_gap = 100000\necho_words = 0\n"
            + "boilerplate_works = 9223372036854775807\nmin_identity = nan\n"
            + "[findings]\nsubstantial_words = 0\nnear_exact_identity = inf\nsubstantial_fraction = -0.5\n"
        let r = CaseToml.read(try TextDecoding.decode(Array(text.utf8)))
        #expect(r.settings == CaseSettings())
        let messages = Set(r.errors.map(\.message))
        #expect(messages.contains("match.min_words must be an integer from 1 to 1000, not 9223372036854775807; the default is used"))
        #expect(messages.contains("match.max_gap must be an integer from 0 to 1000, not 100000; the default is used"))
        #expect(messages.contains("match.echo_words must be an integer from 1 to 1000, not 0; the default is used"))
        #expect(messages.contains { $0.hasPrefix("match.boilerplate_works must be an integer from 2 to 1000000") })
        #expect(messages.contains { $0.hasPrefix("match.min_identity must be a number from 0 to 1, not nan") })
        #expect(messages.contains("findings.substantial_words must be an integer from 1 to 1000000, not 0; the default is used"))
        #expect(messages.contains { $0.hasPrefix("findings.near_exact_identity must be a number from 0 to 1") })
        #expect(messages.contains { $0.hasPrefix("findings.substantial_fraction must be a number from 0 to 1") })
        #expect(r.errors.count == 8)
        // Each error points at its key's line.
        let line = Dictionary(uniqueKeysWithValues: r.errors.map { ($0.message.prefix { $0 != " " }, $0.line) })
        #expect(line["match.min_words"] == 2 && line["match.min_identity"] == 6 && line["findings.substantial_fraction"] == 10)
    }

    @Test func rangesAcceptTheirBounds() throws {
        let text = "[match]\nmin_words = 1000\nmax_gap = 0\nmin_identity = 1\necho_words = 1\nboilerplate_works = 2\n"
        let r = CaseToml.read(try TextDecoding.decode(Array(text.utf8)))
        #expect(r.errors.isEmpty)
        #expect(r.settings.match.minWords == 1000 && r.settings.match.maxGap == 0 && r.settings.match.boilerplateWorks == 2)
        #expect(ParameterRanges.check("--min-words", 1001, in: ParameterRanges.minWords)
                == "--min-words must be an integer from 1 to 1000, not 1001")
        #expect(ParameterRanges.check("--min-identity", .nan, in: ParameterRanges.minIdentity) != nil)
        #expect(ParameterRanges.check("--max-gap", 1000, in: ParameterRanges.maxGap) == nil)
    }

    /// The library never hangs either: the rolling hash's base^(k−1) is computed by
    /// squaring, and a boilerplate threshold beyond 32 bits is clamped, not trapped on.
    @Test func hugeParametersThroughTheLibraryFinishWithNothingFound() throws {
        for k in [1, 2, 3, 7, 64, 1000] {
            var naive: UInt64 = 1
            for _ in 1..<max(k, 1) { naive = naive &* KGramHash.base }
            #expect(KGramHash(k: k).high == naive, "k \(k)")
        }
        var match = MatchParameters()
        match.minWords = Int.max
        match.echoWords = Int.max
        match.boilerplateWorks = Int.max
        let r = try M.scan(works: [("W", M.work100)], outputs: [M.output("o", M.work100, prompt: M.work100)], match: match)
        #expect(r.pairs.isEmpty)
    }

    @Test func outOfRangeFlagsAreRefused() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        for flags in [["--min-words", "9223372036854775807"], ["--max-gap", "100000"], ["--min-identity", "nan"],
                      // A negative value is the value, not a missing one followed by a flag.
                      ["--min-words", "-3"], ["--max-gap", "-1"], ["--x-drop", "-1"], ["--min-identity", "-0.5"]] {
            let r = try BinaryRunner.run(["scan", Fixtures.demoCase] + flags)
            #expect(r.status != 0)
            #expect(r.stderr.contains(flags[0] + " must be"), "\(flags): \(r.stderr)")
            #expect(!r.stderr.contains("Missing value"), "\(flags)")
        }
        let top = try BinaryRunner.run(["report", Fixtures.demoCase, "-o", "/nonexistent-exhibit-report", "--top", "-1"])
        #expect(top.status != 0)
        #expect(top.stderr.contains("--top must be 0 or more"), "\(top.stderr)")
    }

    // MARK: Repeats (quadratic: work and output both `a `×16,000)

    @Test func oneWordLoopedOnBothSidesStartsNoSeed() throws {
        let loop = String(repeating: "a ", count: 16_000)
        let r = try M.scan(works: [("W", loop)], outputs: [M.output("o", loop)])
        #expect(r.pairs.isEmpty)
        let index = WorkIndex(works: [[UInt32](repeating: 7, count: 16_000)], k: 6, boilerplateWorks: nil)
        let probe = SeedFinder(index: index).probe([UInt32](repeating: 7, count: 16_000))
        #expect(probe.seeds.isEmpty)
        // A short output against a long loop: 5 × 15,995 probes, over its budget of 4096.
        let short = try M.scan(works: [("W", loop)], outputs: [M.output("o", String(repeating: "a ", count: 10))])
        #expect(short.pairs.isEmpty)
    }

    @Test func aCopyRunningThroughARepeatIsFoundWhole() throws {
        let text = M.words("x", 0..<10) + " " + String(repeating: "a ", count: 2_000) + M.words("y", 0..<10)
        let r = try M.scan(works: [("W", text)], outputs: [M.output("o", text)])
        let ps = try #require(r.pairs.first?.passages)
        #expect(ps.count == 1)
        #expect(ps[0].workTokens == 0..<2_020 && ps[0].outputTokens == 0..<2_020 && ps[0].matched == 2_020)
    }

    @Test func anOutputLoopingAWorkSentenceKeepsEveryCopy() throws {
        // One sentence of the work, looped 600 times: few postings, so every copy is probed.
        let sentence = M.words("s", 0..<7)
        let output = Array(repeating: sentence, count: 600).joined(separator: " zz ")
        let r = try M.scan(works: [("W", M.words("w", 0..<20) + " " + sentence)], outputs: [M.output("o", output)])
        let ps = try #require(r.pairs.first?.passages)
        #expect(ps.count == 600)
        #expect(ps.allSatisfy { $0.workTokens == 20..<27 })
    }

    @Test func aRefrainRepeatedEightTimesIsProbedInFull() throws {
        let refrain = M.words("r", 0..<6)
        let work = (0..<8).map { "v\($0) " + refrain }.joined(separator: " ")
        // Three words between copies: wider than max_gap, so each copy is its own passage.
        let output = Array(repeating: refrain, count: 600).joined(separator: " z1 z2 z3 ")
        let r = try M.scan(works: [("W", work)], outputs: [M.output("o", output)])
        let ps = try #require(r.pairs.first?.passages)
        #expect(ps.count == 600)
        #expect(ps.allSatisfy { $0.workTokens == 1..<7 && $0.matched == 6 })
    }

    // MARK: Huge grapheme clusters (quadratic: 40,000 combining marks)

    @Test func aHugeClusterIsNormalizedInStreamSafePieces() {
        var cluster = "a"
        for i in 0..<40_000 { cluster.unicodeScalars.append(i % 2 == 0 ? "\u{301}" : "\u{316}") }
        let pieces = ClusterNormalizer.streamSafePieces(cluster)
        #expect(pieces.count == 1_334)  // ⌈40,000 / 30⌉
        #expect(pieces.allSatisfy { $0.unicodeScalars.count <= 31 })
        let tokens = Tokenizer(options: NormalizationOptions()).tokenize("x " + cluster + " y")
        #expect(tokens.count == 3)
        // Reordering stays inside each piece of 30 marks: U+0316 (class 220) first.
        let units = ClusterNormalizer.normalize(cluster, options: NormalizationOptions()).units.map(\.scalar)
        // a + U+0301 compose to á; the first piece's 14 other U+0301 stay after its 15 U+0316.
        #expect(units.count == 40_000)
        #expect(units[0] == 0xE1 && units[1] == 0x316 && units[15] == 0x316 && units[16] == 0x301 && units[29] == 0x301)
        #expect(units[30] == 0x316 && units[44] == 0x316 && units[45] == 0x301)
    }

    /// Normalizing in pieces is normalizing with U+034F COMBINING GRAPHEME JOINER after
    /// every 30 non-starters, as the Stream-Safe Text Format says, joiners left out.
    @Test func piecesEqualTheStreamSafeText() {
        var rng = SeededGenerator(seed: 15)
        let marks: [Unicode.Scalar] = ["\u{301}", "\u{316}", "\u{308}", "\u{327}", "\u{344}", "\u{3099}", "\u{5B0}", "\u{94D}"]
        let bases: [Unicode.Scalar] = ["a", "e", "o", "\u{3046}", "\u{1100}", "k", "\u{FB01}"]
        let options = [NormalizationOptions(), { var o = NormalizationOptions(); o.caseFold = false; o.invisibles = false; return o }()]
        for trial in 0..<300 {
            var cluster = String(bases.randomElement(using: &rng)!)
            var safe = cluster
            var run = 0
            for _ in 0..<Int.random(in: 0...95, using: &rng) {
                let m = marks.randomElement(using: &rng)!
                if run == ClusterNormalizer.maxNonStarters { safe.unicodeScalars.append("\u{34F}"); run = 0 }
                cluster.unicodeScalars.append(m)
                safe.unicodeScalars.append(m)
                run += 1
            }
            for o in options {
                let pieces = ClusterNormalizer.normalize(cluster, options: o).units
                let whole = ClusterNormalizer.normalize(safe, options: o).units.filter { $0.scalar != 0x34F }
                #expect(pieces == whole, "trial \(trial)")
            }
        }
    }

    @Test func ordinaryClustersAreOnePiece() {
        for c in ["e\u{301}", "👩‍👩‍👧‍👦", "a" + String(repeating: "\u{301}", count: 30), "\u{1100}\u{1161}\u{11A8}"] {
            #expect(ClusterNormalizer.streamSafePieces(c) == [c])
        }
    }
}
