import Foundation
import Testing
@testable import ExhibitCore

/// Counsel's `exclude` spans in the figures, computed by hand. `MatchingTests.words`
/// texts make token i of the work the word `w<i>`; in `work100`, `w<i>` for i ≥ 10
/// starts at scalar 30 + 4 (i − 10) and is 3 scalars long.
@Suite struct ExclusionTests {
    static let work100 = MatchingTests.work100
    /// Output of 55 tokens: `x0 x1 x2`, work tokens 10..<60 verbatim (output 3..<53), `y0 y1`.
    static let copy = "x0 x1 x2 " + MatchingTests.words("w", 10..<60) + " y0 y1"

    /// Scalars of work words `w<first>` … `w<last>` of `work100` (first ≥ 10).
    static func scalars(_ words: ClosedRange<Int>) -> Range<Int> {
        (30 + 4 * (words.lowerBound - 10))..<(30 + 4 * (words.upperBound - 10) + 3)
    }

    static func scan(_ outputs: [Document], exclusions: [ExcludedSpan]) throws -> ScanResult {
        let kase = Case(root: "/mem/case",
                        works: [Document(id: "W", role: .work, path: "works/W.txt", text: work100)], outputs: outputs)
        return try Scanner.scan(kase, options: ScanOptions(exclusions: exclusions))
    }

    static func span(_ words: ClosedRange<Int>, id: String? = "a1") -> ExcludedSpan {
        ExcludedSpan(source: "works/W.txt", scalars: scalars(words), annotation: id)
    }

    @Test func scalarsOfTheTestWorkAreWhatTheHelperSays() {
        #expect(VisibleText.slice(Self.work100, scalars: Self.scalars(20...29)) == Substring(MatchingTests.words("w", 20..<30)))
    }

    /// Ten excluded words inside a 50-word copy: 10 fewer matched words, and 10 fewer
    /// tokens on both sides of the coverage fraction (50/100 → 40/90).
    @Test func tenExcludedWordsOfACopyLeaveNumeratorAndDenominator() throws {
        let before = try Self.scan([MatchingTests.output("o", Self.copy)], exclusions: [])
        let after = try Self.scan([MatchingTests.output("o", Self.copy)], exclusions: [Self.span(20...29)])
        let p0 = try #require(before.pairs.first), p = try #require(after.pairs.first)
        #expect(p0.matchedWords == 50 && p0.workCoverage == 50.0 / 100 && p0.outputCoverage == 50.0 / 55)
        #expect(p.matchedWords == 40)
        #expect(p.workCoverage == 40.0 / 90 && p.strictCoverage == 40.0 / 90)
        #expect(p.outputCoverage == 40.0 / 55)   // output words copying excluded words are not coverage
        let s = p.passages[0]
        // The passage keeps its place and its identity: exclusion changes what counts, not the text.
        #expect(s.workTokens == 10..<60 && s.outputTokens == 3..<53 && s.same == 50 && s.identity == 1)
        #expect(s.matched == 40 && s.tier == .extractionScale)
        #expect(s.longestVerbatim == 30)          // w30…w59; w10…w19 is 10
        #expect(p.reproduced == [10..<20, 30..<60])
        #expect(after.works[0].tokens == 100 && after.works[0].excludedTokens == 10)
        let f = after.works[0].figures
        #expect(f.looseCoverage == 40.0 / 90 && f.strictCoverage == 40.0 / 90)
        #expect(f.longestBlock == 30 && f.longPassages == 0)   // the 50-word block is cut in two
        #expect(after.workTokens[0].excluded.indices.filter { after.workTokens[0].excluded[$0] } == Array(20..<30))
        #expect(after.exclusions == [Self.span(20...29)])
    }

    /// An excluded span nobody copied only shrinks the denominator: 50/100 → 50/90.
    @Test func excludingUncopiedWordsRaisesCoverage() throws {
        let r = try Self.scan([MatchingTests.output("o", Self.copy)], exclusions: [Self.span(80...89)])
        let p = try #require(r.pairs.first)
        #expect(p.matchedWords == 50 && p.workCoverage == 50.0 / 90)
        #expect(r.works[0].figures.strictCoverage == 50.0 / 90)
    }

    @Test func aSpanCuttingAWordExcludesTheWholeWord() throws {
        // Scalar 71 is the `2` of `w20` (w20 = scalars 70..<73).
        let r = try Self.scan([MatchingTests.output("o", Self.copy)],
                              exclusions: [ExcludedSpan(source: "works/W.txt", scalars: 71..<72)])
        #expect(r.works[0].excludedTokens == 1)
        #expect(r.pairs.first?.matchedWords == 49)
        // A span between two words (the space after w20) excludes nothing.
        let gap = try Self.scan([MatchingTests.output("o", Self.copy)],
                                exclusions: [ExcludedSpan(source: "works/W.txt", scalars: 73..<74)])
        #expect(gap.works[0].excludedTokens == 0 && gap.pairs.first?.matchedWords == 50)
    }

    @Test func aCopyOfOnlyExcludedWordsIsNoPair() throws {
        let r = try Self.scan([MatchingTests.output("o", "a " + MatchingTests.words("w", 20..<30) + " b")],
                              exclusions: [Self.span(20...29)])
        #expect(r.pairs.isEmpty)
        #expect(r.works[0].figures.looseCoverage == 0)
    }

    /// Like boilerplate, excluded words the prompt held are not *supplied* and do not
    /// make the output an extraction attempt.
    @Test func excludedWordsAreNotSupplied() throws {
        let o = MatchingTests.output("o", MatchingTests.words("w", 10..<60), prompt: "go on: " + MatchingTests.words("w", 10..<20))
        let before = try Self.scan([o], exclusions: [])
        #expect(before.pairs.first?.supplied == 10 && before.pairs.first?.classification == .extraction)
        #expect(before.works[0].figures.attempts == 1)
        let after = try Self.scan([o], exclusions: [Self.span(10...19)])
        let p = try #require(after.pairs.first)
        #expect(p.supplied == 0 && p.classification == .regurgitation)
        #expect(after.works[0].figures.attempts == 0)
        // Work tokens 10…19 are excluded (not supplied), 20…59 reproduced, of 90 counted tokens.
        #expect(p.reproduced == [20..<60] && p.workCoverage == 40.0 / 90)
    }

    @Test func spansOnNoWorkWarnAndDuplicatesCountOnce() throws {
        let stray = ExcludedSpan(source: "outputs/o.jsonl#o", scalars: 0..<5, annotation: "a9")
        let r = try Self.scan([MatchingTests.output("o", Self.copy)],
                              exclusions: [Self.span(30...39, id: "b"), stray, Self.span(20...29), Self.span(20...29)])
        #expect(r.exclusions == [Self.span(20...29), Self.span(30...39, id: "b")])
        #expect(r.works[0].excludedTokens == 20 && r.pairs.first?.matchedWords == 30)
        #expect(r.warnings.map(\.message) == ["annotation a9 names no work of the case; it excludes nothing"])
    }

    @Test func jsonReportListsTheSpansAndTheExcludedTokens() throws {
        let r = try Self.scan([MatchingTests.output("o", Self.copy)], exclusions: [Self.span(20...29)])
        let kase = Case(root: "/mem/case", works: [Document(id: "W", role: .work, path: "works/W.txt", text: Self.work100)])
        let json = ScanReport.json(case: kase, result: r).serialized()
        #expect(json.contains(#""where":[],"excluded":[{"source":"works/W.txt","start":70,"end":109,"annotation":"a1"}]"#))
        #expect(json.contains(#""tokens":100,"excluded_tokens":10,"strict_coverage":0.444444"#))
        #expect(json.contains(#""matched_words":40"#))
        let none = ScanReport.json(case: kase, result: try Self.scan([], exclusions: [])).serialized()
        #expect(none.contains(#""excluded":[]"#) && none.contains(#""excluded_tokens":0"#))
    }

    @Test func summaryTableSaysSo() throws {
        let kase = Case(root: "/mem/case", works: [Document(id: "W", role: .work, path: "works/W.txt", text: Self.work100)])
        let r = try Self.scan([MatchingTests.output("o", Self.copy)], exclusions: [Self.span(20...29)])
        let text = SummaryTable.text(case: kase, result: r)
        #expect(text.contains("Excluded by counsel: 1 span in 1 work, 10 words left out of coverage"))
        #expect(text.contains("work  words  excluded  strict"))
        #expect(text.contains("W     100          10   44.4%"))
        let plain = SummaryTable.text(case: kase, result: try Self.scan([MatchingTests.output("o", Self.copy)], exclusions: []))
        #expect(!plain.contains("xcluded"))
    }

    @Test func labelsMarkWhatTheFiguresLeaveOut() throws {
        let r = try Self.scan([MatchingTests.output("o", Self.copy)], exclusions: [Self.span(20...29)])
        let p = try #require(r.pairs.first)
        let l = TokenLabeler.labels(pairIndex: 0, in: r)
        #expect(l.work.labels == ExportLabelingTests.expected(0..<100, [(10..<60, .verbatim), (20..<30, .excluded)]))
        #expect(l.output.labels == ExportLabelingTests.expected(0..<55, [(3..<53, .verbatim), (13..<23, .excluded)]))
        #expect(l.output.count(.verbatim) == p.matchedWords)
        #expect(l.work.labels.indices.filter { l.work.labels[$0].isEvidence } == p.reproduced.flatMap { Array($0) })
        // Outside any passage the work's exclusion still shows.
        let far = try Self.scan([MatchingTests.output("o", Self.copy)], exclusions: [Self.span(80...81)])
        #expect(TokenLabeler.workLabels(work: 0, in: far).labels[80...81] == [.excluded, .excluded])
    }
}

/// Exclusions in exports, on the export fixture (token numbers in `ExportFixture`):
/// harbor tokens 18–27 "after a storm cut the cable that feeds the old" lie inside the
/// 26-word verbatim run 11–36 of the o-extract passage (work 6..<53).
@Suite struct ExclusionExportTests {
    static let excludedText = "after a storm cut the cable that feeds the old"

    static func scan(_ exclusions: [ExcludedSpan]) throws -> ScanResult {
        try Scanner.scan(ExportFixture.kase, options: ScanOptions(exclusions: exclusions))
    }

    static var span: ExcludedSpan {
        ExcludedSpan(source: "works/harbor.txt", scalars: ExportFixture.scalars(of: excludedText, in: ExportFixture.harbor),
                     annotation: "urn:uuid:x")
    }

    @Test func harborFiguresBeforeAndAfter() throws {
        let before = try Self.scan([]), after = try Self.scan([Self.span])
        let p0 = before.pairs[0], p = after.pairs[0]
        // Before: reproduced 11..<53 (42 of 66 tokens), matched 41, longest run 26.
        #expect(p0.workCoverage == 42.0 / 66 && p0.strictCoverage == 42.0 / 66 && p0.matchedWords == 41)
        #expect(p0.outputCoverage == 43.0 / 54 && p0.passages[0].longestVerbatim == 26)
        // After: 10 fewer on each side of the fraction; the passage falls below 40 words, so
        // strict coverage is 0 and no finding fires.
        #expect(p.matchedWords == 31 && p.passages[0].tier == .fragment)
        #expect(p.workCoverage == 32.0 / 56 && p.strictCoverage == 0)
        #expect(p.outputCoverage == 33.0 / 54)
        // Runs left: 11–17 (7), 28–36 (9: "lighthouse" … "their"), 38–45 (8), 46–52 (7).
        #expect(p.passages[0].longestVerbatim == 9)
        #expect(after.works[0].excludedTokens == 10)
        #expect(after.works[0].figures.flags.isEmpty && !before.works[0].figures.flags.isEmpty)
    }

    @Test func textExportSaysSoAndMarksTheSpan() throws {
        let r = try Self.scan([Self.span])
        let request = ExportRequest(selection: .pair(work: "harbor", output: "o-extract", passage: nil), format: .text,
                                    options: ExportFixture.options(width: 200))
        let text = try Exporter.render(request, case: ExportFixture.kase, result: r)
        let range = Self.span.scalars
        #expect(text.contains("excluded 1 work span (exclude annotations)"))
        #expect(text.contains("Excluded: works/harbor.txt [\(range.lowerBound), \(range.upperBound)): 10 work words left out of the figures, annotation urn:uuid:x"))
        #expect(text.contains(TextMarkers.excludedLegend))
        #expect(text.contains("Excluded by counsel: 10 work words"))
        // Both sides: the work's span and the output's copy of it.
        #expect(text.components(separatedBy: "<~\(Self.excludedText)~>").count == 3)
        // The other output's pair does not show the harbor exclusion.
        let orchard = try Exporter.render(ExportRequest(selection: .pair(work: "orchard", output: "o-orchard", passage: nil),
                                                        format: .text, options: ExportFixture.options()),
                                          case: ExportFixture.kase, result: r)
        #expect(orchard.contains("excluded 1 work span") && !orchard.contains("Excluded:") && !orchard.contains("<~"))
    }

    @Test func htmlAndMarkdownMarkTheSpan() throws {
        let r = try Self.scan([Self.span])
        func render(_ f: ExportFormat) throws -> String {
            try Exporter.render(ExportRequest(selection: .work("harbor"), format: f, options: ExportFixture.options()),
                                case: ExportFixture.kase, result: r)
        }
        let html = try render(.html)
        #expect(html.contains("<s class=\"excluded\" title=\"excluded by counsel: not counted\">\(Self.excludedText)</s>"))
        #expect(html.contains("<li><s class=\"excluded\">excluded</s>: excluded by counsel"))
        let md = try render(.markdown)
        #expect(md.contains("<small class=\"excluded\" style=\"color:#666666\"><s>\(Self.excludedText)</s></small>"))
        let csv = try render(.csv)
        #expect(csv.contains("<~excluded by counsel~>"))
    }
}
