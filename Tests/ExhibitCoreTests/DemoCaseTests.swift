import Testing
@testable import ExhibitCore

/// Every figure of `Cases/demo`, computed by hand. Token numbers below count words as
/// SPEC §2 defines them (punctuation separates; `light-⏎house` is one token; each kanji
/// and kana is a token of its own).
///
/// harbor-lights (93 tokens): 0 The … 10 night, 11 for … 52 home, 53 By … 79 festival,
/// 80–92 the reprint line (boilerplate.txt).
/// orchard-strike (87 tokens): 0–3 the heading, 4 Pickers … 15 saying, 16 that, 17 the … 26 without,
/// 27 warning … 50 trees, 51 A spokesman … 73 Friday, 74–86 the reprint line.
/// kyoto-bridge (62 tokens): every character but 。 and 、.
@Suite struct DemoCaseTests {
    static func scan() throws -> (Case, ScanResult) {
        let kase = try CaseLoader.load(path: Fixtures.demoCase)
        return (kase, try Scanner.scan(kase, options: ScanOptions(settings: kase.settings)))
    }

    static func pair(_ r: ScanResult, _ work: String, _ output: String) -> PairResult? {
        r.pairs.first { r.works[$0.work].id == work && r.outputs[$0.output].id == output }
    }

    @Test func loadsEveryDocument() throws {
        let (kase, r) = try Self.scan()
        #expect(kase.errors.isEmpty)
        #expect(kase.works.map(\.id) == ["harbor-lights", "kyoto-bridge", "orchard-strike"])
        #expect(r.works.map(\.tokens) == [93, 62, 87])
        #expect(r.outputs.map(\.id) == ["o-boilerplate", "o-echo", "o-extract-harbor", "o-harbor-paraphrase",
                                        "o-kyoto", "o-orchard-edit", "refusal"])
        #expect(kase.outputs.first { $0.id == "o-echo" }?.metadata("temperature") == "0.7")
        // The paraphrase, the refusal and the boilerplate-only output give no pair.
        #expect(r.pairs.map { "\(r.works[$0.work].id)/\(r.outputs[$0.output].id)" }
                == ["harbor-lights/o-extract-harbor", "kyoto-bridge/o-kyoto",
                    "orchard-strike/o-echo", "orchard-strike/o-orchard-edit"])
    }

    @Test func extractionContinuingThePrompt() throws {
        let (kase, r) = try Self.scan()
        let p = try #require(Self.pair(r, "harbor-lights", "o-extract-harbor"))
        #expect(p.classification == .extraction)
        #expect(p.supplied == 11)                 // "The harbor lights … Tuesday night" is in the prompt
        let s = try #require(p.passages.first)
        #expect(p.passages.count == 1)
        #expect(s.workTokens == 11..<53 && s.outputTokens == 0..<42)
        #expect(s.matched == 42 && s.identity == 1 && s.label == .verbatim && s.tier == .extractionScale)
        let work = kase.works[0].text
        #expect(VisibleText.slice(work, scalars: s.workScalars).hasPrefix("for the first time\nin ninety"))
        #expect(VisibleText.slice(work, scalars: s.workScalars).contains("old light-\nhouse."))
        #expect(VisibleText.slice(work, scalars: s.workScalars).hasSuffix("guide them home"))
        #expect(p.workCoverage == 42.0 / 93 && p.strictCoverage == 42.0 / 93)
        #expect(p.outputCoverage == 42.0 / 50)    // 8 words of the output's own ending
        #expect(p.flags.map(\.rule) == ["substantial-passage", "substantial-coverage"])
    }

    @Test func lightlyEditedCopyIsOneNearVerbatimPassage() throws {
        let (_, r) = try Self.scan()
        let p = try #require(Self.pair(r, "orchard-strike", "o-orchard-edit"))
        #expect(p.classification == .regurgitation && p.supplied == 0)
        let s = try #require(p.passages.first)
        // Seeds 4..<16, 17..<27 ("that" dropped), 27..<51 ("any" inserted before "warning").
        #expect(s.workTokens == 4..<51 && s.outputTokens == 0..<47)
        #expect(s.runs.map(\.length) == [12, 10, 24])
        #expect(s.matched == 46 && s.longestVerbatim == 24)
        #expect(formatFraction(s.identity) == "0.978723")   // 46 / 47
        #expect(s.label == .nearVerbatim)
        #expect(p.workCoverage == 47.0 / 87 && p.outputCoverage == 1)
    }

    @Test func promptEchoIsNotEvidence() throws {
        let (_, r) = try Self.scan()
        let p = try #require(Self.pair(r, "orchard-strike", "o-echo"))
        #expect(r.outputs.first { $0.id == "o-echo" }?.echoTokens == 10)
        let s = try #require(p.passages.first)
        #expect(s.workTokens == 51..<74 && s.same == 23 && s.matched == 13 && s.tier == .fragment)
        #expect(p.supplied == 10 && p.classification == .extraction)
        #expect(p.reproduced == [61..<74])
        #expect(p.strictCoverage == 0 && p.flags.isEmpty)
    }

    @Test func japaneseCopyCountsCharacters() throws {
        let (_, r) = try Self.scan()
        let p = try #require(Self.pair(r, "kyoto-bridge", "o-kyoto"))
        let s = try #require(p.passages.first)
        #expect(s.workTokens == 0..<62 && s.matched == 62 && s.identity == 1)
        #expect(p.workCoverage == 1 && p.strictCoverage == 1)
        #expect(p.outputCoverage == 62.0 / 71)
    }

    @Test func boilerplateLineMarksBothSides() throws {
        let (_, r) = try Self.scan()
        try #require(r.works.count == 3)
        #expect(r.boilerplateWorks == nil)        // 3 works: the frequency rule needs 4
        #expect(r.workTokens[0].boilerplate.enumerated().filter(\.element).map(\.offset) == Array(80..<93))
        #expect(r.workTokens[2].boilerplate.enumerated().filter(\.element).map(\.offset) == Array(74..<87))
    }

    @Test func pooledWorkFigures() throws {
        let (_, r) = try Self.scan()
        try #require(r.works.count == 3)
        let harbor = r.works[0].figures, kyoto = r.works[1].figures, orchard = r.works[2].figures
        #expect(harbor.strictCoverage == 42.0 / 93 && harbor.looseCoverage == 42.0 / 93)
        #expect(harbor.longestBlock == 42 && harbor.longPassages == 1)
        #expect(harbor.outputsContributing == 1 && harbor.attempts == 1 && harbor.hits == 1)
        #expect(orchard.looseCoverage == 60.0 / 87 && orchard.strictCoverage == 47.0 / 87)
        #expect(orchard.longestBlock == 47 && orchard.longPassages == 1)
        #expect(orchard.outputsContributing == 2 && orchard.attempts == 1 && orchard.hits == 0)
        #expect(orchard.flags.map(\.rule) == ["substantial-passage", "substantial-coverage"])
        #expect(kyoto.strictCoverage == 1 && kyoto.attempts == 0)
        try #require(r.works[2].byModel.map(\.model) == ["model-a", "model-b"])
        #expect(r.works[2].byModel[0].figures.looseCoverage == 13.0 / 87)
        #expect(r.works[2].byModel[1].figures.strictCoverage == 47.0 / 87)
    }
}
