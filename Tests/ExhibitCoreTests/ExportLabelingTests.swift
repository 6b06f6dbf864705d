import Testing
@testable import ExhibitCore

/// Token labels and styled segments, computed by hand. The token numbers of the fixture
/// case are listed in `ExportFixture`; `MatchingTests.words` texts (`w0 w1 …`) make token
/// i the word `w<i>`.
@Suite struct ExportLabelingTests {
    /// The expected labels of `range`, from (range, label) runs; tokens not listed are `.outside`.
    static func expected(_ range: Range<Int>, _ runs: [(Range<Int>, TokenLabel)]) -> [TokenLabel] {
        var out = [TokenLabel](repeating: .outside, count: range.count)
        for (r, l) in runs { for t in r { out[t - range.lowerBound] = l } }
        return out
    }

    static func pairIndex(_ r: ScanResult, _ work: String, _ output: String) throws -> Int {
        try #require(r.pairs.firstIndex { r.works[$0.work].id == work && r.outputs[$0.output].id == output })
    }

    @Test func extractionPairLabels() throws {
        let r = try ExportFixture.scan()
        let pi = try Self.pairIndex(r, "harbor", "o-extract")
        let p = r.pairs[pi]
        let s = try #require(p.passages.first)
        #expect(p.passages.count == 1)
        #expect(s.workTokens == 6..<53 && s.outputTokens == 0..<48)
        #expect(s.same == 46 && s.matched == 41 && s.longestVerbatim == 26)
        #expect(formatFraction(s.identity) == "0.958333")
        let l = TokenLabeler.labels(pairIndex: pi, in: r)
        // Work: the prompt supplied 0–10 (6–10 are also aligned to echo: supplied wins),
        // 37 "phones" is changed, the reprint line is boilerplate.
        #expect(l.work.labels == Self.expected(0..<66, [(0..<11, .supplied), (11..<53, .verbatim), (37..<38, .changed),
                                                        (53..<66, .boilerplate)]))
        // Output: 0–4 echo, 31 "radios" and 40 "quickly" changed, 48–53 the output's own words.
        #expect(l.output.labels == Self.expected(0..<54, [(0..<5, .echo), (5..<48, .verbatim), (31..<32, .changed),
                                                          (40..<41, .changed)]))
        // What is marked is what is counted.
        #expect(l.output.count(.verbatim) == s.matched)
        #expect(l.work.labels.indices.filter { l.work.labels[$0].isEvidence } == p.reproduced.flatMap { Array($0) })
    }

    @Test func droppedWordAndBoilerplateOutsideThePassage() throws {
        let r = try ExportFixture.scan()
        let pi = try Self.pairIndex(r, "orchard", "o-orchard")
        #expect(r.pairs.count == 2)   // the reprint line alone makes no pair with harbor
        let l = TokenLabeler.labels(pairIndex: pi, in: r)
        #expect(l.work.labels == Self.expected(0..<49, [(0..<24, .verbatim), (12..<13, .changed), (36..<49, .boilerplate)]))
        #expect(l.output.labels == Self.expected(0..<36, [(0..<23, .verbatim), (23..<36, .boilerplate)]))
    }

    @Test func windowsLabelOnlyTheirTokens() throws {
        let r = try ExportFixture.scan()
        let pi = try Self.pairIndex(r, "harbor", "o-extract")
        let l = TokenLabeler.labels(pairIndex: pi, in: r, workWindow: 35..<40, outputWindow: 29..<33)
        #expect(l.work.range == 35..<40 && l.work.labels == [.verbatim, .verbatim, .changed, .verbatim, .verbatim])
        #expect(l.output.labels == [.verbatim, .verbatim, .changed, .verbatim])
        #expect(l.work[0] == .outside)   // outside the window reads as outside
    }

    @Test func pooledWorkLabelsAreTheReproducedTokens() throws {
        let r = try ExportFixture.scan()
        for (w, work) in r.works.enumerated() {
            let l = TokenLabeler.workLabels(work: w, in: r)
            #expect(l.labels.indices.filter { l.labels[$0].isEvidence } == work.figures.reproduced.flatMap { Array($0) })
        }
        let o = try #require(r.outputs.firstIndex { $0.id == "o-orchard" })
        #expect(TokenLabeler.outputLabels(output: o, in: r).labels
                == Self.expected(0..<36, [(0..<23, .verbatim), (23..<36, .boilerplate)]))
    }

    /// The output copies w10…w29, then copies it again with w20 changed: two passages
    /// with the same work range. Pair-wide, w20 is verbatim (the first copy); labelled by
    /// the second passage alone, it is changed.
    @Test func overlappingWorkRangesAreLabelledPerPassage() throws {
        let text = MatchingTests.words("w", 10..<30) + " x1 x2 x3 " + MatchingTests.words("w", 10..<20) + " zz "
            + MatchingTests.words("w", 21..<30)
        let r = try MatchingTests.scan(works: [("W", MatchingTests.work100)], outputs: [MatchingTests.output("o", text)])
        let p = try #require(r.pairs.first)
        #expect(p.passages.map(\.workTokens) == [10..<30, 10..<30])
        #expect(p.passages.map(\.outputTokens) == [0..<20, 23..<43])
        let all = TokenLabeler.labels(pairIndex: 0, in: r)
        #expect(all.work.labels == Self.expected(0..<100, [(10..<30, .verbatim)]))
        #expect(all.output.labels == Self.expected(0..<43, [(0..<20, .verbatim), (23..<43, .verbatim), (33..<34, .changed)]))
        let second = TokenLabeler.labels(pairIndex: 0, in: r, passages: [1])
        #expect(second.work.labels == Self.expected(0..<100, [(10..<30, .verbatim), (20..<21, .changed)]))
        #expect(second.output.labels == Self.expected(0..<43, [(23..<43, .verbatim), (33..<34, .changed)]))
    }

    // MARK: Segments

    /// "aa bb, cc dd ee": tokens aa [0,2) bb [3,5) cc [7,9) dd [10,12) ee [13,15).
    static let text = "aa bb, cc dd ee"
    static let tokens = DocumentTokens(starts: [0, 3, 7, 10, 13], ends: [2, 5, 9, 12, 15],
                                       boilerplate: [false, false, false, false, false], echo: [])
    static func labels(_ l: [TokenLabel]) -> TokenLabels {
        var t = TokenLabels(range: 0..<l.count)
        t.labels = l
        return t
    }

    @Test func gapsShareTheirNeighboursLabelOrArePlain() {
        let segs = StyledText.segments(text: Self.text, scalars: 0..<15, tokens: Self.tokens,
                                       labels: Self.labels([.verbatim, .verbatim, .changed, .changed, .outside]))
        #expect(segs.map(\.text) == ["aa bb", ", ", "cc dd", " ee"])
        #expect(segs.map(\.label) == [.verbatim, .outside, .changed, .outside])
        #expect(segs.map(\.scalars) == [0..<5, 5..<7, 7..<12, 12..<15])
    }

    @Test func aRangeInsideAGapOrAWordIsCutThere() {
        // From the comma to the middle of "dd": the leading gap has no left token: plain.
        let segs = StyledText.segments(text: Self.text, scalars: 5..<11, tokens: Self.tokens,
                                       labels: Self.labels([.verbatim, .verbatim, .verbatim, .verbatim, .verbatim]))
        #expect(segs.map(\.text) == [", ", "cc d"])
        #expect(segs.map(\.label) == [.outside, .verbatim])
        #expect(segs.map(\.scalars) == [5..<7, 7..<11])
        #expect(StyledText.tokenRange(covering: 5..<11, Self.tokens) == 2..<4)
        #expect(StyledText.segments(text: Self.text, scalars: 20..<30, tokens: Self.tokens, labels: Self.labels([])).isEmpty)
    }

    @Test func tokensSharingAClusterTakeTheStrongerLabel() {
        // "½" gives two tokens with the same one-scalar range.
        let tokens = DocumentTokens(starts: [0, 0], ends: [1, 1], boilerplate: [false, false], echo: [])
        let segs = StyledText.segments(text: "½", scalars: 0..<1, tokens: tokens, labels: Self.labels([.changed, .verbatim]))
        #expect(segs.map(\.label) == [.verbatim])
    }
}
