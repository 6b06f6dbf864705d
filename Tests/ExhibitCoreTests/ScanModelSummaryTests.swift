import Testing
@testable import ExhibitCore

/// `exhibit scan`: the per-model block, the CSV columns of SPEC §8, and ids printed whole.
@Suite struct ScanModelSummaryTests {
    /// Model-a on the demo, by hand: o-extract-harbor copies 42 of harbor-lights' 93 words
    /// in one passage of 42 (strict and loose), o-echo 13 of orchard-strike's 87 words in a
    /// passage of 13 (loose only): strict 42 / 180 = 23.3 %, loose 55 / 180 = 30.6 %.
    @Test func perModelBlockOnTheDemo() throws {
        let (kase, r) = try ExpertReportTests.scan()
        let text = SummaryTable.text(case: kase, result: r)
        #expect(text.contains("Models over all works"))
        #expect(text.contains("  model-a      2   23.3%   30.6%       42     1        2            1/2\n"))
        #expect(text.contains("  model-c      1  100.0%  100.0%       62     1        1            0/0\n"))
    }

    @Test func csvHasEvidenceModelMethodAndMetadataColumns() throws {
        let (kase, r) = try ExpertReportTests.scan()
        let csv = try CSVReport.csv(case: kase, result: r)
        let lines = csv.split(separator: "\n")
        // The demo's outputs carry temperature and work besides model and method; `work`
        // is a fixed column already, so the field is headed metadata_work.
        #expect(lines[0] == "work,output,passage,work_start,work_end,output_start,output_end,matched,identity,tier,label,"
            + "evidence,model,method,temperature,metadata_work,work_excerpt,output_excerpt")
        #expect(lines[1].hasPrefix("harbor-lights,o-extract-harbor,1,58,279,0,219,42,1,extraction-scale,verbatim,true,model-a,extraction,0.7,harbor-lights,"))
    }

    /// Two output ids that agree on their first 60 characters are both printed whole.
    @Test func idsAreNeverCut() throws {
        let words = (0..<50).map { "w\($0)" }.joined(separator: " ")
        let stem = String(repeating: "a-very-long-output-id-", count: 3)
        let kase = Case(root: "/mem/case",
                        works: [Document(id: "W", role: .work, path: "works/W.txt", text: words)],
                        outputs: [MatchingTests.output(stem + "one", words), MatchingTests.output(stem + "two", words)])
        let r = try Scanner.scan(kase, options: ScanOptions())
        let text = SummaryTable.text(case: kase, result: r)
        #expect(text.contains(stem + "one") && text.contains(stem + "two"))
    }
}
