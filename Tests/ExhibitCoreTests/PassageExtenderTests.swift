import Foundation
import Testing
@testable import ExhibitCore

/// Passage extension (SPEC §3 "Extension"): hand-computed cases, then properties.
/// Texts are runs of distinct words as in `MatchingTests`: token i of the work is `w<i>`;
/// a substituted word is `x<n>` (also three characters, so scalar offsets stay easy),
/// novel text is `n<i>`.
@Suite struct PassageExtenderTests {
    static let work = MatchingTests.work100
    static func w(_ r: Range<Int>) -> [String] { r.map { "w\($0)" } }

    static func scan(_ output: [String], xDrop: Int = 4, minIdentity: Double = 0.8,
                     work: String = work) throws -> [Passage] {
        var m = MatchParameters()
        m.xDrop = xDrop
        m.minIdentity = minIdentity
        let r = try MatchingTests.scan(works: [("W", work)],
                                       outputs: [MatchingTests.output("o", output.joined(separator: " "))], match: m)
        return r.pairs.first?.passages ?? []
    }

    /// The issue's sentence: 40 words of w10…w49 copied with six single words substituted,
    /// leaving runs of 4, 4, 4, 4, 7, 6 and 5 same words (34 same, identity 0.85).
    static let substituted: Set<Int> = [14, 19, 24, 29, 37, 44]
    static let sentence: [String] = (10..<50).map { substituted.contains($0) ? "x\($0)" : "w\($0)" }

    @Test func aSentenceWithAWordChangedEveryFifthWordIsOnePassage() throws {
        let ps = try Self.scan(["a", "b"] + Self.sentence + ["c", "d"])
        #expect(ps.count == 1)
        let p = try #require(ps.first)
        #expect(p.workTokens == 10..<50 && p.outputTokens == 2..<42)
        #expect(p.same == 34 && p.matched == 34)
        #expect(p.identity == 0.85 && p.label == .approximate && p.tier == .fragment)
        #expect(p.longestVerbatim == 7)
        // w10 follows ten words "w0 " … "w9 " (30 scalars); 40 three-letter words and 39 spaces.
        #expect(p.workScalars == 30..<189)
        #expect(p.outputScalars == 4..<163)
        #expect(p.runs.map(\.length) == [4, 4, 4, 4, 7, 6, 5])
        #expect(p.runs.map(\.work) == [10, 15, 20, 25, 30, 38, 45])
        #expect(p.runs.allSatisfy { $0.output == $0.work - 8 })
        // Without extension: the 7 and the 6 chained across one substitution, 13 words.
        let before = try Self.scan(["a", "b"] + Self.sentence + ["c", "d"], xDrop: 0)
        #expect(before.map(\.workTokens) == [30..<44] && before.map(\.matched) == [13])
    }

    @Test func anEditEveryThirdWordIsNotBridgedBeyondTheSeeds() throws {
        // Seed w10…w17, then 28 words of which every third is changed (x18, w19, w20, x21, …,
        // x45: 18 same of 28, identity 0.64), then the seed w46…w53, then novel words.
        let region = (18..<46).map { ($0 - 18) % 3 == 0 ? "x\($0)" : "w\($0)" }
        let ps = try Self.scan(Self.w(10..<18) + region + Self.w(46..<54) + ["n0", "n1"])
        #expect(ps.map(\.workTokens) == [10..<18, 46..<54])
        #expect(ps.map(\.outputTokens) == [0..<8, 36..<44])
        #expect(ps.allSatisfy { $0.identity == 1 })
        // A lone seed between such regions does not grow either (identity 2/3 < 0.80).
        let around = (0..<12).map { $0 % 3 == 2 ? "x\($0)" : "w\($0)" }
            + Self.w(12..<20) + (20..<32).map { $0 % 3 == 2 ? "x\($0)" : "w\($0)" }
        let lone = try Self.scan(around)
        #expect(lone.map(\.workTokens) == [12..<20] && lone.map(\.outputTokens) == [12..<20])
    }

    @Test func novelTextNextToACopyIsNotAbsorbed() throws {
        // A seed, a substitution, four same words (w31…w34), then novel text with one
        // chance match (w36 where the work has it): the passage ends at w34, to the token.
        let copy = Self.w(10..<30) + ["x30"] + Self.w(31..<35)
        let ps = try Self.scan(["n0", "n1", "n2"] + copy + ["n3", "w36", "n4", "n5", "n6", "n7", "n8"])
        let p = try #require(ps.first)
        #expect(ps.count == 1)
        #expect(p.workTokens == 10..<35 && p.outputTokens == 3..<28)
        #expect(p.same == 24 && p.identity == 24.0 / 25)
        // Novel text alone on both sides: nothing is added to a verbatim copy.
        let plain = try Self.scan(["n0", "n1", "n2"] + Self.w(10..<30) + ["n3", "n4", "n5"])
        #expect(plain.map(\.workTokens) == [10..<30] && plain.map(\.outputTokens) == [3..<23])
    }

    @Test func theLeftEdgeOfACopyWhoseFirstSeedStartsFourWordsInIsFound() throws {
        // w10…w13, w14 dropped, then the seed w15…w40: the seed starts 4 words into the copy.
        let dropped = try Self.scan(["n0", "n1"] + Self.w(10..<14) + Self.w(15..<41) + ["n2"])
        #expect(dropped.map(\.workTokens) == [10..<41] && dropped.map(\.outputTokens) == [2..<32])
        #expect(dropped.first?.same == 30 && dropped.first?.identity == 30.0 / 31)
        // w10…w13, w14 substituted: the left edge is found as well.
        let changed = try Self.scan(["n0", "n1"] + Self.w(10..<14) + ["x14"] + Self.w(15..<41) + ["n2"])
        #expect(changed.map(\.workTokens) == [10..<41] && changed.map(\.outputTokens) == [2..<33])
        // Three words before the edit are not enough (identity 3/4 < 0.80).
        let short = try Self.scan(["n0", "n1"] + Self.w(11..<14) + ["x14"] + Self.w(15..<41) + ["n2"])
        #expect(short.map(\.workTokens) == [15..<41])
    }

    @Test func aGapWiderThanMaxGapIsBridgedThroughShortRuns() throws {
        // Seeds w10…w19 and w26…w35; the gap x20 w21 w22 w23 w24 x25 (6 words > max_gap 2).
        let text = Self.w(10..<20) + ["x20"] + Self.w(21..<25) + ["x25"] + Self.w(26..<36)
        let ps = try Self.scan(text)
        #expect(ps.map(\.workTokens) == [10..<36] && ps.map(\.outputTokens) == [0..<26])
        #expect(ps.first?.same == 24 && ps.first?.identity == 24.0 / 26)
        #expect(try Self.scan(text, xDrop: 0).map(\.workTokens) == [10..<20, 26..<36])
        // Five changed words in a row fall 5 below the best: X-drop 4 stops there, 5 goes through.
        let wide = Self.w(10..<30) + (30..<35).map { "x\($0)" } + Self.w(35..<55)
        #expect(try Self.scan(wide).map(\.workTokens) == [10..<30, 35..<55])
        #expect(try Self.scan(wide, xDrop: 5).map(\.workTokens) == [10..<55])
    }

    @Test func extensionStopsAtANeighbouringPassage() throws {
        // Two copies from different places of the work, back to back with one novel word
        // between: neither grows into the other, and they are not joined (the second
        // starts before the first in the work).
        let apart = try Self.scan(Self.w(50..<60) + ["n0"] + Self.w(10..<20))
        #expect(apart.map(\.workTokens) == [50..<60, 10..<20])
        #expect(apart.map(\.outputTokens) == [0..<10, 11..<21])
        // A copy, a substitution and four same words (w31…w34), then a second copy that
        // starts again at w31: the first grows up to the second's first token; the two
        // share work tokens w31…w34 (allowed) but no output token.
        let text = Self.w(10..<30) + ["x30"] + Self.w(31..<35) + Self.w(31..<51)
        let ps = try Self.scan(text)
        #expect(ps.map(\.workTokens) == [10..<35, 31..<51])
        #expect(ps.map(\.outputTokens) == [0..<25, 25..<45])
    }

    @Test func xDropIsReadFromCaseTomlAndReported() throws {
        let c = try TempCase()
        try c.write("case.toml", "[match]\nx_drop = 7\n")
        #expect(try c.load().settings.match.xDrop == 7)
        try c.write("case.toml", "[match]\nx_drop = -1\n")
        let bad = try c.load()
        #expect(bad.settings.match.xDrop == 4 && bad.errors.map(\.line) == [2])
        #expect(MatchParameters().xDrop == 4)
        var m = MatchParameters()
        m.xDrop = 0
        let kase = Case(root: "/mem/case", works: [Document(id: "W", role: .work, path: "works/W.txt", text: Self.work)],
                        outputs: [MatchingTests.output("o", Self.sentence.joined(separator: " "))])
        let r = try Scanner.scan(kase, options: ScanOptions(match: m))
        let json = ScanReport.json(case: kase, result: r).serialized(indent: 1)
        #expect(json.contains("\"min_identity\": 0.8,\n  \"x_drop\": 0,\n  \"echo_words\": 5"))
    }

    @Test func xDropOnTheCommandLine() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try TempCase()
        try c.write("works/W.txt", Self.work)
        try c.write("outputs/o.txt", (["a", "b"] + Self.sentence + ["c", "d"]).joined(separator: " "))
        func matched(_ args: [String]) throws -> String {
            let r = try BinaryRunner.run(["scan", c.root, "--json", "-"] + args)
            #expect(r.status == 0)
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
            let parameters = object?["parameters"] as? [String: Any]
            let pairs = object?["pairs"] as? [[String: Any]]
            return "x_drop \(parameters?["x_drop"] ?? "?"), matched \(pairs?.first?["matched_words"] ?? "?")"
        }
        #expect(try matched([]) == "x_drop 4, matched 34")
        #expect(try matched(["--x-drop", "0"]) == "x_drop 0, matched 13")
        try c.write("case.toml", "[match]\nx_drop = 0\n")
        #expect(try matched([]) == "x_drop 0, matched 13")
        #expect(try matched(["--x-drop", "4"]) == "x_drop 4, matched 34")
        #expect(try BinaryRunner.run(["scan", c.root, "--x-drop", "-1"]).status != 0)
        let export = try BinaryRunner.run(["export", c.root, "--pair", "W", "o", "--format", "text", "-o", "-", "--x-drop", "4"])
        #expect(export.status == 0 && export.stdout.contains("x_drop 4"))
        let dir = NSTemporaryDirectory() + "exhibit-xdrop-report-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try BinaryRunner.run(["report", c.root, "-o", dir, "--date", "2026-01-31", "--x-drop", "0"])
        #expect(report.status == 0)
        let html = (try? String(contentsOfFile: dir + "/report.html", encoding: .utf8)) ?? ""
        #expect(html.contains("<th scope=\"row\">x_drop</th><td>0</td>") && html.contains("(x_drop 0)"))
    }
}

/// Invariants of extension on random texts with many chance matches.
@Suite struct PassageExtenderPropertyTests {
    /// A random case: works over a small vocabulary; outputs made of copies with edits
    /// at random rates (every 2nd to every 12th word), repeats and novel text.
    static func randomCase(_ rng: inout SeededGenerator, works: Int = 2, outputs: Int = 6) -> Case {
        let vocab = 12 + Int(rng.next() % 40)
        var workTexts = [[String]]()
        for _ in 0..<works {
            workTexts.append((0..<(60 + Int(rng.next() % 120))).map { _ in "v\(rng.next() % UInt64(vocab))" })
        }
        var outs = [Document]()
        for o in 0..<outputs {
            var text = [String]()
            while text.count < 40 + Int(rng.next() % 150) {
                switch rng.next() % 3 {
                case 0:
                    text += (0..<(1 + Int(rng.next() % 12))).map { _ in "n\(rng.next() % 30)" }
                default:
                    let src = workTexts[Int(rng.next() % UInt64(works))]
                    let start = Int(rng.next() % UInt64(src.count)), n = 5 + Int(rng.next() % 60)
                    let every = 2 + Int(rng.next() % 11)
                    for (t, word) in src[start..<min(src.count, start + n)].enumerated() {
                        let r = rng.next() % UInt64(every)
                        if t > 0 && r == 0 {
                            switch rng.next() % 3 {
                            case 0: text.append("z\(rng.next() % 5)")          // substituted
                            case 1: break                                        // dropped
                            default: text += ["z\(rng.next() % 5)", word]        // inserted
                            }
                        } else {
                            text.append(word)
                        }
                    }
                }
            }
            outs.append(MatchingTests.output("o\(o)", text.joined(separator: " ")))
        }
        return Case(root: "/mem/case",
                    works: workTexts.enumerated().map {
                        Document(id: "W\($0.offset)", role: .work, path: "works/W\($0.offset).txt",
                                 text: $0.element.joined(separator: " "))
                    },
                    outputs: outs)
    }

    @Test func extendedPassagesKeepASeedTheirIdentityAndTheirOutputSpace() throws {
        var rng = SeededGenerator(seed: 29)
        for round in 0..<150 {
            let kase = Self.randomCase(&rng)
            var m = MatchParameters()
            m.minWords = 4 + Int(rng.next() % 4)
            m.maxGap = Int(rng.next() % 3)
            m.minIdentity = [0.8, 0.7, 0.9][Int(rng.next() % 3)]
            m.xDrop = 1 + Int(rng.next() % 6)
            let r = try Scanner.scan(kase, options: ScanOptions(match: m))
            var off = m
            off.xDrop = 0
            let before = try Scanner.scan(kase, options: ScanOptions(match: off))
            for pair in r.pairs {
                let old = before.pairs.first { ($0.work, $0.output) == (pair.work, pair.output) }?.passages ?? []
                for p in pair.passages {
                    // A seed of ≥ k tokens; or, as without extension, the remnant of a seed the
                    // chainer trimmed to link it and then split off by identity (it overlaps
                    // its full seed's neighbour): extension creates no such passage.
                    let remnant = old.contains { q in !q.runs.contains { $0.length >= m.minWords }
                        && p.outputTokens.lowerBound <= q.outputTokens.lowerBound && q.outputTokens.upperBound <= p.outputTokens.upperBound }
                    #expect(p.runs.contains { $0.length >= m.minWords } || remnant,
                            "round \(round): a passage without a seed: \(p.runs)")
                    #expect(p.identity >= m.minIdentity, "round \(round): identity \(p.identity)")
                    #expect(p.workTokens == p.runs.first!.work..<p.runs.last!.workEnd)
                    #expect(p.outputTokens == p.runs.first!.output..<p.runs.last!.outputEnd)
                    for (a, b) in zip(p.runs, p.runs.dropFirst()) {
                        #expect(a.workEnd <= b.work && a.outputEnd <= b.output && (a.workEnd, a.outputEnd) != (b.work, b.output))
                    }
                    // Every same token is the same word on both sides.
                    let wIds = kase.works[pair.work].text.split(separator: " "), oIds = kase.outputs[pair.output].text.split(separator: " ")
                    #expect(p.runs.allSatisfy { run in (0..<run.length).allSatisfy { wIds[run.work + $0] == oIds[run.output + $0] } })
                }
                for (a, b) in zip(pair.passages, pair.passages.dropFirst()) {
                    #expect(a.outputTokens.upperBound <= b.outputTokens.lowerBound, "round \(round): output overlap")
                }
                // Extension only grows: every passage without it lies inside one with it.
                for q in old {
                    #expect(pair.passages.contains { $0.outputTokens.lowerBound <= q.outputTokens.lowerBound
                            && q.outputTokens.upperBound <= $0.outputTokens.upperBound })
                }
            }
            #expect(Set(r.pairs.map { [$0.work, $0.output] }) == Set(before.pairs.map { [$0.work, $0.output] }))
        }
    }

    @Test func xDropZeroGivesTheChainsUnchanged() throws {
        var rng = SeededGenerator(seed: 31)
        for _ in 0..<80 {
            let kase = Self.randomCase(&rng)
            var m = MatchParameters()
            m.xDrop = 0
            m.minWords = 4
            let r = try Scanner.scan(kase, options: ScanOptions(match: m))
            // The passages are exactly the chainer's chains with their gaps aligned.
            let tokenizer = Tokenizer(options: NormalizationOptions())
            var vocabulary = Vocabulary(capacity: 64)
            let works = kase.works.map { vocabulary.ids(tokenizer.tokenize($0.text).tokens) }
            let index = WorkIndex(works: works, k: m.minWords, boilerplateWorks: nil)
            for pair in r.pairs {
                let out = vocabulary.ids(tokenizer.tokenize(kase.outputs[pair.output].text).tokens)
                let seeds = SeedFinder(index: index).probe(out).seeds[pair.work] ?? []
                let chains = PassageChainer(maxGap: m.maxGap, minIdentity: m.minIdentity, minWords: m.minWords)
                    .chains(seeds, work: works[pair.work], output: out)
                let expected = chains.map { PassageChainer.alignedRuns($0, work: works[pair.work], output: out) }
                    .sorted { ($0[0].output, $0[0].work) < ($1[0].output, $1[0].work) }
                #expect(pair.passages.map(\.runs) == expected)
            }
        }
    }

    @Test func resultsAreIdenticalAcrossThreads() throws {
        var rng = SeededGenerator(seed: 37)
        let kase = Self.randomCase(&rng, works: 5, outputs: 60)
        let one = try Scanner.scan(kase, options: ScanOptions(threads: 1))
        let three = try Scanner.scan(kase, options: ScanOptions(threads: 3))
        #expect(ScanReport.json(case: kase, result: one).serialized(indent: 1)
                == ScanReport.json(case: kase, result: three).serialized(indent: 1))
        #expect(one.pairs.count > 5)
    }
}
