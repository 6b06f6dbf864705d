import Testing
@testable import ExhibitCore

/// Hand-computed cases for seeds, gaps, passages, coverage, echo, supplied tokens and
/// boilerplate. Texts are runs of distinct words (`w0 w1 …`) so every expected token
/// index can be counted by eye: token i of `words("w", 0..<100)` is `w<i>`.
@Suite struct MatchingTests {
    static func words(_ p: String, _ r: Range<Int>) -> String { r.map { "\(p)\($0)" }.joined(separator: " ") }
    static let work100 = words("w", 0..<100)

    static func scan(works: [(String, String)], outputs: [Document], match: MatchParameters = MatchParameters(),
                     boilerplate: [(line: Int, text: String)] = [], threads: Int = 1) throws -> ScanResult {
        let kase = Case(root: "/mem/case",
                        works: works.map { Document(id: $0.0, role: .work, path: "works/\($0.0).txt", text: $0.1) },
                        outputs: outputs, boilerplate: boilerplate)
        return try Scanner.scan(kase, options: ScanOptions(match: match, threads: threads))
    }

    static func output(_ id: String, _ text: String, prompt: String? = nil, meta: [(String, String)] = []) -> Document {
        Document(id: id, role: .output, path: "outputs/o.jsonl", line: 1, text: text, prompt: prompt,
                 metadata: meta.map { MetadataEntry(key: $0.0, value: $0.1) })
    }

    @Test func verbatimCopyIsOnePassage() throws {
        let text = "x0 x1 x2 " + Self.words("w", 10..<60) + " y0 y1"
        let r = try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", text)])
        let p = try #require(r.pairs.first)
        #expect(r.pairs.count == 1)
        #expect(p.passages.count == 1)
        let s = p.passages[0]
        #expect(s.workTokens == 10..<60)
        #expect(s.outputTokens == 3..<53)
        #expect(s.matched == 50 && s.same == 50 && s.longestVerbatim == 50)
        #expect(s.identity == 1 && s.label == .verbatim && s.tier == .extractionScale)
        // "w10" starts after "w0 " … "w9 ": 10 two-char words and 10 spaces = 30 scalars.
        #expect(s.workScalars.lowerBound == 30)
        #expect(s.outputScalars.lowerBound == 9)
        #expect(VisibleText.slice(text, scalars: s.outputScalars) == Substring(Self.words("w", 10..<60)))
        #expect(p.workCoverage == 0.5 && p.strictCoverage == 0.5)
        #expect(p.outputCoverage == 50.0 / 55.0)
        #expect(p.classification == .regurgitation)
        #expect(p.flags.map(\.rule) == ["substantial-passage", "substantial-coverage"])
    }

    @Test func fiveWordsAreNoSeed() throws {
        let r = try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", "a " + Self.words("w", 10..<15) + " b")])
        #expect(r.pairs.isEmpty)
        let r6 = try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", "a " + Self.words("w", 10..<16) + " b")])
        #expect(r6.pairs.first?.passages.first?.matched == 6)
        #expect(r6.pairs.first?.passages.first?.tier == .fragment)
    }

    @Test func substitutionInsertionAndDeletionAreBridged() throws {
        let head = Self.words("w", 10..<30)
        let cases: [(String, Range<Int>, Range<Int>, Int, Double)] = [
            (head + " zz " + Self.words("w", 31..<50), 10..<50, 0..<40, 39, 39.0 / 40),  // substituted
            (head + " zz " + Self.words("w", 30..<50), 10..<50, 0..<41, 40, 40.0 / 41),  // inserted
            (head + " " + Self.words("w", 31..<50), 10..<50, 0..<39, 39, 39.0 / 40),     // dropped
        ]
        for (text, work, out, same, identity) in cases {
            let r = try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", text)])
            let s = try #require(r.pairs.first?.passages.first)
            #expect(r.pairs[0].passages.count == 1)
            #expect(s.workTokens == work && s.outputTokens == out)
            #expect(s.same == same && s.matched == same)
            #expect(s.identity == identity)
            #expect(s.label == .nearVerbatim)
            #expect(s.longestVerbatim == 20)
        }
    }

    @Test func aGapOfThreeSplitsPassages() throws {
        let text = Self.words("w", 10..<30) + " z1 z2 z3 " + Self.words("w", 33..<50)
        var m = MatchParameters()
        m.xDrop = 0
        let r = try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", text)], match: m)
        let ps = try #require(r.pairs.first?.passages)
        #expect(ps.map(\.workTokens) == [10..<30, 33..<50])
        #expect(ps.map(\.outputTokens) == [0..<20, 23..<40])
        #expect(ps.allSatisfy { $0.identity == 1 })
        // Extension (x_drop 4) bridges it: three changed words fall 3 below the best.
        let extended = try #require(try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", text)]).pairs.first)
        #expect(extended.passages.map(\.workTokens) == [10..<50] && extended.passages.map(\.outputTokens) == [0..<40])
        #expect(extended.passages[0].same == 37 && extended.passages[0].identity == 37.0 / 40)
    }

    @Test func swappedWordsAlignByLCS() throws {
        // Gap: work [w10, w11] vs output [w11, w10]: the LCS pairs one of them.
        let text = Self.words("w", 0..<10) + " w11 w10 " + Self.words("w", 12..<22)
        let r = try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", text)])
        let s = try #require(r.pairs.first?.passages.first)
        #expect(s.workTokens == 0..<22 && s.outputTokens == 0..<22)
        #expect(s.same == 21)
        #expect(s.runs == [AlignedRun(work: 0, output: 0, length: 10), AlignedRun(work: 11, output: 10, length: 1),
                           AlignedRun(work: 12, output: 12, length: 10)])
        #expect(s.identity == 21.0 / 22)
    }

    @Test func adjacentCopiesSharingASeamWordAreBothKept() throws {
        // "seam" ends the first copy's maximal match and starts the second's.
        let work = Self.words("a", 0..<30) + " seam " + Self.words("f", 0..<9) + " seam " + Self.words("c", 0..<50)
        let text = Self.words("a", 0..<30) + " seam " + Self.words("c", 0..<50)
        let r = try Self.scan(works: [("W", work)], outputs: [Self.output("o", text)])
        let ps = try #require(r.pairs.first?.passages)
        #expect(ps.map(\.workTokens) == [0..<30, 40..<91])
        #expect(ps.map(\.outputTokens) == [0..<30, 30..<81])
        #expect(ps.map(\.matched) == [30, 51])
    }

    @Test func lowIdentityChainsAreSplitAtTheWidestGap() throws {
        var m = MatchParameters()
        m.minIdentity = 0.95
        // Seeds of 6, 6 and 7 with gaps of 2 and 1: identity 19 / 22 < 0.95.
        let text = Self.words("w", 0..<6) + " z z " + Self.words("w", 8..<14) + " z " + Self.words("w", 15..<22)
        let r = try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", text)], match: m)
        let ps = try #require(r.pairs.first?.passages)
        // Split at the 2-token gap first; the rest (6 + 7 over 14) has identity 13/14 = 0.929, split again.
        #expect(ps.map(\.workTokens) == [0..<6, 8..<14, 15..<22])
        var m2 = MatchParameters()
        m2.minIdentity = 0.9
        let r2 = try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", text)], match: m2)
        #expect(r2.pairs.first?.passages.map(\.workTokens) == [0..<6, 8..<22])
    }

    @Test func promptEchoAndSuppliedTokens() throws {
        let prompt = "Continue this text: " + Self.words("w", 0..<10)
        let text = Self.words("w", 5..<61)
        let r = try Self.scan(works: [("W", Self.work100)], outputs: [Self.output("o", text, prompt: prompt)])
        #expect(r.outputs[0].echoTokens == 5)   // w5…w9 also occur in the prompt
        let p = try #require(r.pairs.first)
        let s = p.passages[0]
        #expect(s.workTokens == 5..<61 && s.same == 56 && s.matched == 51)
        #expect(p.supplied == 10)              // the prompt's w0…w9 form a seed with the work
        #expect(p.suppliedRanges == [0..<10])
        #expect(p.classification == .extraction)
        #expect(p.reproduced == [10..<61])
        #expect(p.workCoverage == 0.51)
        #expect(r.works[0].figures.attempts == 1 && r.works[0].figures.hits == 1)
    }

    @Test func aPassageOfPromptEchoAloneIsListedWithNoMatchedWords() throws {
        let o = Self.output("o", Self.words("w", 10..<20) + " novel text here", prompt: Self.words("w", 0..<20))
        let r = try Self.scan(works: [("W", Self.work100)], outputs: [o])
        let p = try #require(r.pairs.first)
        #expect(p.passages.map(\.workTokens) == [10..<20])
        #expect(p.passages[0].same == 10 && p.passages[0].matched == 0)
        #expect(p.matchedWords == 0 && p.workCoverage == 0 && p.supplied == 20)
    }

    @Test func frequentSpansAreBoilerplate() throws {
        let bp = Self.words("b", 0..<8)
        let works = (0..<4).map { ("W\($0)", Self.words("u\($0)x", 0..<30) + " " + bp + " " + Self.words("v\($0)x", 0..<30)) }
        let onlyBoilerplate = Self.output("o1", "hello " + bp + " bye")
        let mixed = Self.output("o2", bp + " " + Self.words("v1x", 0..<10))
        let r = try Self.scan(works: works, outputs: [onlyBoilerplate, mixed])
        #expect(r.boilerplateWorks == 3)
        #expect(r.pairs.count == 1)
        let p = try #require(r.pairs.first)
        #expect(r.works[p.work].id == "W1" && r.outputs[p.output].id == "o2")
        let s = p.passages[0]
        #expect(s.workTokens == 30..<48 && s.same == 18 && s.matched == 10)
        #expect(p.reproduced == [38..<48])
        #expect(r.workTokens[0].boilerplate.enumerated().filter(\.element).map(\.offset) == Array(30..<38))
    }

    @Test func boilerplateCutOffByAnEditStaysInTheCopysPair() throws {
        let bp = Self.words("b", 0..<8)
        let works = (0..<4).map { ("W\($0)", Self.words("u\($0)x", 0..<30) + " " + bp + " " + Self.words("v\($0)x", 0..<30)) }
        // An inserted word between the boilerplate and the copy: the boilerplate k-grams
        // start no seed in the first pass; the second pass finds them in W1 only.
        let r = try Self.scan(works: works, outputs: [Self.output("o", bp + " zz " + Self.words("v1x", 0..<10))])
        #expect(r.pairs.count == 1)
        let s = try #require(r.pairs.first?.passages.first)
        #expect(s.workTokens == 30..<48 && s.outputTokens == 0..<19)
        #expect(s.same == 18 && s.matched == 10)
    }

    @Test func boilerplateFileSpans() throws {
        let line = Self.words("c", 0..<7)
        let works = [("A", Self.words("a", 0..<20) + " " + line), ("B", Self.words("b", 0..<20))]
        let r = try Self.scan(works: works, outputs: [Self.output("o", "x " + line + " y")],
                              boilerplate: [(1, line), (2, "too short")])
        #expect(r.pairs.isEmpty)
        #expect(r.warnings.map(\.line) == [2])
        #expect(r.workTokens[0].boilerplate.filter { $0 }.count == 7)
    }

    @Test func reconstructionPoolsOutputsAndModels() throws {
        let o1 = Self.output("o1", Self.words("w", 0..<50), meta: [("model", "m1"), ("work", "W")])
        let o2 = Self.output("o2", Self.words("w", 40..<90), meta: [("model", "m2")])
        let o3 = Self.output("o3", "nothing here", prompt: "please continue " + Self.words("w", 90..<97),
                             meta: [("model", "m2")])
        let r = try Self.scan(works: [("W", Self.work100)], outputs: [o1, o2, o3])
        let f = r.works[0].figures
        #expect(f.looseCoverage == 0.9 && f.strictCoverage == 0.9)
        #expect(f.longestBlock == 90 && f.longPassages == 1)
        #expect(f.outputsContributing == 2)
        #expect(f.attempts == 2 && f.hits == 1)   // o1 by metadata (hit), o3 by its prompt (miss)
        #expect(r.works[0].byModel.map(\.model) == ["m1", "m2"])
        #expect(r.works[0].byModel[0].figures.strictCoverage == 0.5)
        #expect(r.works[0].byModel[1].figures.attempts == 1 && r.works[0].byModel[1].figures.hits == 0)
    }

    @Test func metadataAimOverridesAPromptSharingAPhraseWithAnotherWork() throws {
        let works = [("A", Self.words("a", 0..<50)), ("B", Self.words("b", 0..<50))]
        // Aimed at A by metadata; its prompt also quotes six words of B.
        let o = Self.output("o", Self.words("a", 10..<60), prompt: "continue " + Self.words("b", 0..<6),
                            meta: [("work", "A")])
        let r = try Self.scan(works: works, outputs: [o])
        #expect(r.works.map(\.figures.attempts) == [1, 0])
        // Without the metadata, the prompt is the only clue: it aims at B.
        let bare = Self.output("o", Self.words("a", 10..<60), prompt: "continue " + Self.words("b", 0..<6))
        #expect(try Self.scan(works: works, outputs: [bare]).works.map(\.figures.attempts) == [0, 1])
    }

    @Test func seedsNeverCrossWorks() throws {
        let works = [("A", Self.words("a", 0..<10)), ("B", Self.words("b", 0..<10))]
        let r = try Self.scan(works: works, outputs: [Self.output("o", Self.words("a", 6..<10) + " " + Self.words("b", 0..<4))])
        #expect(r.pairs.isEmpty)
    }

    @Test func repeatedWorkTextGivesOnePassagePerOutputSpan() throws {
        // The work says the same 8 words twice; the output copies them once: one passage, at the first place.
        let phrase = Self.words("p", 0..<8)
        let work = phrase + " " + Self.words("w", 0..<20) + " " + phrase
        let r = try Self.scan(works: [("W", work)], outputs: [Self.output("o", "x " + phrase + " y")])
        let ps = try #require(r.pairs.first?.passages)
        #expect(ps.count == 1 && ps[0].workTokens == 0..<8)
    }
}
