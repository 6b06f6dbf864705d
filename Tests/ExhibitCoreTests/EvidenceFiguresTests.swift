import Foundation
import Testing
@testable import ExhibitCore

/// Counts are evidence only, shared quotations and refrains (`also_in`),
/// `traced_coverage`, short texts and rounding (docs/figures.md). Texts are runs of
/// distinct words (`w0 w1 …`) so token indices and scalar offsets can be counted by eye.
@Suite struct EvidenceFiguresTests {
    static func words(_ p: String, _ r: Range<Int>) -> String { MatchingTests.words(p, r) }
    static func scan(works: [(String, String)], outputs: [Document], match: MatchParameters = MatchParameters()) throws -> ScanResult {
        try MatchingTests.scan(works: works, outputs: outputs, match: match)
    }
    static func kase(works: [(String, String)], outputs: [Document]) -> Case {
        Case(root: "/mem/case", works: works.map { Document(id: $0.0, role: .work, path: "works/\($0.0).txt", text: $0.1) },
             outputs: outputs)
    }

    // MARK: Point 6: evidence

    @Test func anEchoOnlyPairIsListedWithoutEvidenceAndCountsNowhere() throws {
        // The output repeats w10…w19 of its prompt: 10 same tokens, all echo.
        let o = MatchingTests.output("o", Self.words("w", 10..<20) + " novel text here", prompt: Self.words("w", 0..<20))
        let works = [("W", MatchingTests.work100)]
        let r = try Self.scan(works: works, outputs: [o])
        let p = try #require(r.pairs.first)
        #expect(p.passages.count == 1 && p.passages[0].matched == 0)
        #expect(!p.passages[0].evidence && p.passages[0].cause == .echo)
        #expect(p.passages[0].displayLabel == "no evidence: prompt echo")
        #expect(!p.evidence && p.noEvidenceLabel == "no evidence: prompt echo")
        #expect(p.evidencePassages == 0 && p.outputCoverage == 0 && p.outputCounted.isEmpty)
        let counts = EvidenceCounts(r.pairs)
        #expect(counts == EvidenceCounts(pairs: 0, passages: 0, pairsWithout: 1, passagesWithout: 1))
        #expect(r.works[0].figures.outputsContributing == 0)
        #expect(r.outputs[0].tracedCoverage == 0)
        let json = ScanReport.json(case: Self.kase(works: works, outputs: [o]), result: r).serialized()
        #expect(json.contains("\"supplied\":20,\"evidence\":false,\"longest_verbatim\":0"))
        #expect(json.contains("\"label\":\"no evidence: prompt echo\",\"evidence\":false,\"also_in\":[]"))
        let summary = SummaryTable.text(case: Self.kase(works: works, outputs: [o]), result: r)
        #expect(summary.contains("0 pairs with evidence (0 passages)"))
        #expect(summary.contains("Not evidence, listed for display only and counted nowhere: 1 passage whose copied words are all"
                                 + " prompt echo, supplied or boilerplate, and 1 pair with only such passages"))
        #expect(!summary.contains("Strongest pairs"))
        // Its tokens are dimmed (echo), none verbatim or changed.
        let l = TokenLabeler.labels(pairIndex: 0, in: r)
        #expect(l.work.count(.verbatim) + l.work.count(.changed) == 0)
        #expect(l.output.count(.verbatim) + l.output.count(.changed) == 0)
    }

    @Test func wordsTheLoosePromptSuppliedAreNotMatched() throws {
        // echo_words 20: the 10 words the output repeats are not echo, but the prompt
        // supplied them (a seed of 10 work words with the prompt).
        var m = MatchParameters()
        m.echoWords = 20
        let o = MatchingTests.output("o", "a " + Self.words("w", 0..<10) + " b", prompt: Self.words("w", 0..<10))
        let r = try Self.scan(works: [("W", MatchingTests.work100)], outputs: [o], match: m)
        let p = try #require(r.pairs.first)
        #expect(r.outputs[0].echoTokens == 0)
        #expect(p.passages[0].same == 10 && p.passages[0].matched == 0)
        #expect(p.passages[0].cause == .supplied && p.passages[0].displayLabel == "no evidence: supplied")
        #expect(!p.evidence && p.supplied == 10 && p.workCoverage == 0)
        // The output side marks them supplied: verbatim output words = matched = 0.
        let l = TokenLabeler.labels(pairIndex: 0, in: r)
        #expect(l.output.count(.verbatim) == 0 && l.output.count(.supplied) == 10)
    }

    @Test func aPairWithOneEvidencePassageCountsOnlyThatOne() throws {
        // Passage 1: w10…w19, echo of the prompt; passage 2: w50…w59, from memory.
        let text = Self.words("w", 10..<20) + " x y " + Self.words("w", 50..<60)
        let o = MatchingTests.output("o", text, prompt: "go on: " + Self.words("w", 10..<20))
        let r = try Self.scan(works: [("W", MatchingTests.work100)], outputs: [o])
        let p = try #require(r.pairs.first)
        #expect(p.passages.map(\.matched) == [0, 10])
        #expect(p.passages.map(\.evidence) == [false, true])
        #expect(p.evidence && p.cause == nil && p.evidencePassages == 1 && p.passagesWithoutEvidence == 1)
        #expect(p.outputCounted == [12..<22] && p.outputCoverage == 10.0 / 22)
        #expect(r.works[0].figures.outputsContributing == 1)
        #expect(EvidenceCounts(r.pairs) == EvidenceCounts(pairs: 1, passages: 1, pairsWithout: 0, passagesWithout: 1))
    }

    @Test func theScanCSVCarriesEvidenceModelMethodAndMetadata() throws {
        let copy = MatchingTests.output("o", Self.words("w", 10..<20),
                                        meta: [("model", "m1"), ("method", "regurgitation"), ("hinted", "false")])
        let echo = MatchingTests.output("p", Self.words("w", 30..<40), prompt: Self.words("w", 30..<40), meta: [("model", "m2")])
        let works = [("W", MatchingTests.work100)]
        let r = try Self.scan(works: works, outputs: [copy, echo])
        let lines = try CSVReport.csv(case: Self.kase(works: works, outputs: [copy, echo]), result: r)
            .split(separator: "\n").map(String.init)
        #expect(lines[0] == "work,output,passage,work_start,work_end,output_start,output_end,matched,identity,tier,label,"
                + "evidence,model,method,hinted,work_excerpt,output_excerpt")
        // w10 starts at 30 (w0…w9 and their spaces); w10…w19 is 10 × 3 + 9 = 39 scalars.
        #expect(lines[1].hasPrefix("W,o,1,30,69,0,39,10,1,fragment,verbatim,true,m1,regurgitation,false,w10 "))
        #expect(lines[2].hasPrefix("W,p,1,110,149,0,39,0,1,fragment,no evidence: prompt echo,false,m2,unknown,,w30 "))
    }

    // MARK: Point 9: shared quotations, refrains, traced coverage

    @Test func aQuotationInThreeWorksIsListedByEachPairAndTracedOnce() throws {
        let q = Self.words("q", 0..<10)                  // 29 scalars
        let a = Self.words("a", 0..<20) + " " + q + " " + Self.words("a", 20..<40)   // q at scalars 70..<99
        let b = Self.words("b", 0..<20) + " " + q + " " + Self.words("b", 20..<40)   // q at scalars 70..<99
        let c = Self.words("c", 0..<5) + " " + q + " " + Self.words("c", 5..<40)     // q at scalars 15..<44
        let o = MatchingTests.output("o", "z0 z1 " + q + " z2")                        // 13 tokens
        let r = try Self.scan(works: [("A", a), ("B", b), ("C", c)], outputs: [o])
        #expect(r.pairs.map(\.work) == [0, 1, 2])
        for p in r.pairs {
            #expect(p.passages.count == 1 && p.passages[0].outputTokens == 2..<12 && p.passages[0].matched == 10)
            #expect(p.outputCoverage == 10.0 / 13)
        }
        let places = r.pairs.map { $0.passages[0].alsoIn.map { "\($0.workID) \($0.scalars)" } }
        #expect(places == [["B 70..<99", "C 15..<44"], ["A 70..<99", "C 15..<44"], ["A 70..<99", "B 70..<99"]])
        #expect(r.outputs[0].tracedCoverage == 10.0 / 13)
        let json = ScanReport.json(case: Self.kase(works: [("A", a), ("B", b), ("C", c)], outputs: [o]), result: r).serialized()
        #expect(json.contains("\"also_in\":[{\"work\":\"B\",\"start\":70,\"end\":99},{\"work\":\"C\",\"start\":15,\"end\":44}]"))
        #expect(json.contains("\"echo_tokens\":0,\"traced_coverage\":0.769231}"))
    }

    @Test func aRefrainThreeTimesInAWorkListsTheOtherTwo() throws {
        let refrain = Self.words("r", 0..<8)             // 23 scalars
        // w0…w9 (30 scalars with the space), R at 30..<53, w10…w19 at 54..<93, R at 94..<117,
        // w20…w29 at 118..<157, R at 158..<181.
        let w = [Self.words("w", 0..<10), refrain, Self.words("w", 10..<20), refrain, Self.words("w", 20..<30), refrain,
                 Self.words("w", 30..<40)].joined(separator: " ")
        let o = MatchingTests.output("o", "x " + refrain + " y")
        let r = try Self.scan(works: [("W", w)], outputs: [o])
        let p = try #require(r.pairs.first)
        #expect(p.passages.count == 1)
        // The chooser takes the earliest occurrence and lists the other two.
        #expect(p.passages[0].workTokens == 10..<18 && p.passages[0].workScalars == 30..<53)
        #expect(p.passages[0].alsoIn.map { "\($0.workID) \($0.scalars)" } == ["W 94..<117", "W 158..<181"])
        #expect(r.outputs[0].tracedCoverage == 0.8)
        let content = try ExportContentBuilder(kase: Self.kase(works: [("W", w)], outputs: [o]), result: r,
                                               options: ExportOptions()).build(.pair(work: "W", output: "o", passage: nil))
        #expect(content.excerpts[0].figures.contains(ExportField("also in", "1 work: W [94, 117); W [158, 181)")))
    }

    @Test func aPassageWithNoOtherPlaceHasAnEmptyList() throws {
        let r = try Self.scan(works: [("W", MatchingTests.work100)], outputs: [MatchingTests.output("o", Self.words("w", 10..<30))])
        #expect(r.pairs[0].passages[0].alsoIn == [])
        #expect(r.outputs[0].tracedCoverage == 1)
    }

    // MARK: Point 7: short texts

    @Test func aThreeWordCopyIsTooShortToScoreAndItsExportSaysNoPassages() throws {
        let works = [("tiny", "alpha beta gamma")]
        let outputs = [MatchingTests.output("o", "alpha beta gamma")]
        let r = try Self.scan(works: works, outputs: outputs)
        #expect(r.pairs.isEmpty)
        let messages = r.warnings.map { "\($0.path) \($0.message)" }
        #expect(messages == ["works/tiny.txt too short to score: 3 words < min_words 6",
                             "outputs/o.jsonl too short to score: 3 words < min_words 6"])
        let kase = Self.kase(works: works, outputs: outputs)
        #expect(SummaryTable.text(case: kase, result: r).contains("2 documents too short to score"))
        let content = try ExportContentBuilder(kase: kase, result: r, options: ExportOptions())
            .build(.pair(work: "tiny", output: "o", passage: nil))
        #expect(content.excerpts.isEmpty && content.passageRows.isEmpty)
        #expect(content.summary.last == ExportField("Passages", "no passages: too short to score: 3 words < min_words 6 (output)"))
        #expect(content.provenance.fields.contains(ExportField("Definitions", ExportProvenance.definitions)))
    }

    // MARK: Point 8: rounding

    @Test func percentagesNeverRoundAcrossTheEnds() {
        #expect(formatPercent(0) == "0.0%")
        #expect(formatPercent(1) == "100.0%")
        #expect(formatPercent(0.451613) == "45.2%")
        #expect(formatPercent(0.0001) == "<0.1%")
        #expect(formatPercent(0.00049) == "<0.1%")
        #expect(formatPercent(0.0006) == "0.1%")
        #expect(formatPercent(0.9996) == ">99.9%")
        #expect(formatPercent(0.99949) == "99.9%")
        #expect(formatReaderFraction(0.9999997) == ">0.999999")
        #expect(formatReaderFraction(0.0000001) == "<0.000001")
        #expect(formatReaderFraction(0.5) == "0.5")
        #expect(percentAndFraction(0.9996) == ">99.9% (0.9996)")
        #expect(formatFraction(0.9999997) == "1")   // the JSON keeps its 6-decimal rounding
    }
}
