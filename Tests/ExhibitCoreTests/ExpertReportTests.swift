import Foundation
import Testing
@testable import ExhibitCore

/// `exhibit report` (SPEC §12): the coverage strip, the date rule, the per-model totals,
/// and the golden HTML of the demo case.
@Suite struct ExpertReportTests {
    static func scan() throws -> (Case, ScanResult) {
        let kase = try CaseLoader.load(path: Fixtures.demoCase)
        return (kase, try Scanner.scan(kase, options: ScanOptions(settings: kase.settings)))
    }

    /// The strip's stretches, joined, are exactly the pooled intervals the core computes
    /// (`WorkFigures.reproduced`), over all outputs and per model; its long-passage marks
    /// are the merged strict intervals of ≥ 40 words; and each stretch's depth is the
    /// number of pairs whose own reproduced intervals hold its tokens (counted here by
    /// brute force, token by token).
    @Test func stripStretchesEqualPooledIntervals() throws {
        let (_, r) = try Self.scan()
        var nonEmpty = 0
        for (w, work) in r.works.enumerated() {
            let views: [(String?, WorkFigures)] = [(nil, work.figures)] + work.byModel.map { ($0.model, $0.figures) }
            for (model, figures) in views {
                let strip = CoverageStrip.of(work: w, in: r, model: model)
                #expect(mergeIntervals(strip.stretches.map(\.tokens)) == figures.reproduced, "work \(work.id) model \(model ?? "all")")
                #expect(strip.longPassages == figures.strictReproduced.filter { $0.count >= 40 })
                let pairs = r.pairs.filter { $0.work == w && (model == nil || ReconstructionPooler.modelName(r.outputs[$0.output]) == model) }
                for st in strip.stretches {
                    #expect(st.depth >= 1)
                    for t in st.tokens {
                        #expect(pairs.filter { p in p.reproduced.contains { $0.contains(t) } }.count == st.depth)
                    }
                }
                // Neighbouring stretches differ in depth or are apart (maximal runs).
                for (a, b) in zip(strip.stretches, strip.stretches.dropFirst()) {
                    #expect(a.tokens.upperBound < b.tokens.lowerBound || a.depth != b.depth)
                }
                if !strip.stretches.isEmpty { nonEmpty += 1 }
            }
        }
        #expect(nonEmpty >= 3)  // the demo reproduces every one of its three works
    }

    /// Overlapping pairs by hand: [0, 10) and [5, 20) give depth 1, 2, 1 over
    /// [0, 5), [5, 10), [10, 20).
    @Test func stripDepthOfOverlappingOutputs() throws {
        let (_, base) = try Self.scan()
        var r = base
        let w = 0
        let template = r.pairs.first { $0.work == w }!
        var a = template, b = template
        a.output = 0
        a.reproduced = [0..<10]
        b.output = 1
        b.reproduced = [5..<20]
        r.pairs = [a, b]
        let strip = CoverageStrip.of(work: w, in: r)
        #expect(strip.stretches == [.init(tokens: 0..<5, depth: 1), .init(tokens: 5..<10, depth: 2), .init(tokens: 10..<20, depth: 1)])
        #expect(strip.maxDepth == 2)
    }

    @Test func dateFollowsFlagThenSourceDateEpochThenToday() throws {
        let now = Date(timeIntervalSince1970: 86_400 * 365)  // 1971-01-01
        #expect(try ReportDate.resolve(explicit: "2024-02-29", environment: ["SOURCE_DATE_EPOCH": "0"], now: now) == "2024-02-29")
        #expect(try ReportDate.resolve(explicit: nil, environment: ["SOURCE_DATE_EPOCH": "1700000000"], now: now) == "2023-11-14")
        #expect(try ReportDate.resolve(explicit: nil, environment: [:], now: now) == "1971-01-01")
        for bad in ["2023-02-29", "2024-13-01", "24-01-01", "2024-1-01", "2024-01-01x", "２０２４-01-01"] {
            #expect(throws: ExpertReportError.self) { try ReportDate.resolve(explicit: bad, environment: [:], now: now) }
        }
        #expect(throws: ExpertReportError.self) { try ReportDate.resolve(explicit: nil, environment: ["SOURCE_DATE_EPOCH": "soon"], now: now) }
    }

    /// Per model over all works: reproduced tokens add up over works, divided by the
    /// works' tokens; outputs are counted once.
    @Test func modelTotalsAddUpTheWorks() throws {
        let (_, r) = try Self.scan()
        let totals = ModelTotals.byModel(r)
        #expect(totals.map(\.model) == totals.map(\.model).sorted())
        for t in totals {
            var strict = 0, loose = 0, tokens = 0, attempts = 0
            for w in r.works {
                guard let f = w.byModel.first(where: { $0.model == t.model })?.figures else { continue }
                strict += f.strictReproduced.reduce(0) { $0 + $1.count }
                loose += f.reproduced.reduce(0) { $0 + $1.count }
                tokens += w.tokens - w.excludedTokens
                attempts += f.attempts
            }
            #expect(t.tokens == tokens)
            #expect(abs(t.strictCoverage - Double(strict) / Double(tokens)) < 1e-12)
            #expect(abs(t.looseCoverage - Double(loose) / Double(tokens)) < 1e-12)
            #expect(t.attempts == attempts)
            let outputs = Set(r.pairs.filter { !$0.reproduced.isEmpty && ReconstructionPooler.modelName(r.outputs[$0.output]) == t.model }.map(\.output))
            #expect(t.outputsContributing == outputs.count)
        }
        // One work only: its own figures.
        let one = ModelTotals.byModel(r, workIDs: ["harbor-lights"])
        let harbor = r.works.first { $0.id == "harbor-lights" }!
        #expect(one.map(\.model) == harbor.byModel.map(\.model))
        for (t, m) in zip(one, harbor.byModel) { #expect(abs(t.looseCoverage - m.figures.looseCoverage) < 1e-12) }
    }

    @Test func runningHeaderCannotEscapeItsString() {
        #expect(ReportStyle.cssString("A \"b\" \\ </style> é") == "\"A \\22 b\\22  \\5c  \\3c /style\\3e  \\e9 \"")
    }

    @Test func exhibitsAreTheStrongestEvidencePassages() throws {
        let (_, r) = try Self.scan()
        let all = r.pairs.flatMap { $0.passages.filter(ReportScope.isEvidence).map(\.matched) }.sorted(by: >)
        let chosen = ExhibitChoice.strongest(r, works: Array(r.works.indices), top: 3)
        #expect(chosen.map { r.pairs[$0.pair].passages[$0.passage].matched } == Array(all.prefix(3)))
        #expect(ExhibitChoice.strongest(r, works: Array(r.works.indices), top: 100).count == all.count)
    }

    @Test func refusesToWriteIntoTheEvidence() throws {
        let (kase, _) = try Self.scan()
        #expect(ExpertReport.refusal(folder: kase.root + "/works", caseRoot: kase.root) != nil)
        #expect(ExpertReport.refusal(folder: kase.root + "/outputs/x", caseRoot: kase.root) != nil)
        #expect(ExpertReport.refusal(folder: kase.root + "/exports/report", caseRoot: kase.root) == nil)
        #expect(throws: ExpertReportError.self) { try ReportScope.restrict(kase, models: ["no-such-model"]) }
    }

    /// Golden report of the demo case, dated 2026-01-31. Checked by hand once, in the HTML
    /// and in Chromium's PDF (11 A4 pages): the cover's digest equals
    /// `sha256sum <the 7 files, sorted> | sha256sum` run in Cases/demo, and the appendix
    /// lists the same 7 hashes `sha256sum` prints; the pooled summary rows equal
    /// `exhibit scan`'s works table (kyoto-bridge 100.0 %, orchard-strike 54.0 % / 69.0 %,
    /// harbor-lights 45.2 %), model-a over all works is 42 / 180 strict and 55 / 180 loose
    /// (23.3 %, 30.6 %); the harbor-lights strip has one stretch, words [11, 53), of one
    /// output, marked as a ≥ 40-word passage, orchard-strike two ([4, 51) and [61, 74)),
    /// only the first marked long; the four exhibits are the demo's evidence passages by
    /// matched words (62, 46, 42, 13), the edited orchard copy with its two changed words
    /// marked, o-echo's echoed opening dimmed and only its 13 counted words red.
    /// Regenerate with EXHIBIT_UPDATE_GOLDEN=1 and read the diff.
    @Test func demoReportGolden() throws {
        let (kase, r) = try Self.scan()
        let html = try ExpertReport.html(case: kase, result: r, options: ExpertReportOptions(date: "2026-01-31", annotations: []))
        Golden.check(html, "report/demo-report.html")
        // Twice the same bytes.
        #expect(try ExpertReport.html(case: kase, result: r, options: ExpertReportOptions(date: "2026-01-31", annotations: [])) == html)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!html.contains("https://"))
    }
}

/// The strip squeezed into terminal cells, by hand.
@Suite struct CoverageStripCellTests {
    @Test func cellsTakeTheDeepestTokenTheyHold() {
        // 100 tokens in 10 cells of 10: [0, 5) depth 1 → cell 0; [5, 25) depth 2 → cells 0–2;
        // [99, 100) depth 1 → cell 9.
        let strip = CoverageStrip(length: 100, stretches: [.init(tokens: 0..<5, depth: 1), .init(tokens: 5..<25, depth: 2),
                                                           .init(tokens: 99..<100, depth: 1)], longPassages: [])
        #expect(strip.cellDepths(10) == [2, 2, 2, 0, 0, 0, 0, 0, 0, 1])
        // More cells than tokens: each token spreads over its cells.
        let short = CoverageStrip(length: 2, stretches: [.init(tokens: 1..<2, depth: 3)], longPassages: [])
        #expect(short.cellDepths(4) == [0, 0, 3, 3])
        #expect(short.cellDepths(0) == [])
    }
}
