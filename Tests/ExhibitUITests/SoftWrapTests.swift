import Testing
@testable import ExhibitUI

@Suite struct SoftWrapTests {
    /// The text each line shows, from its scalar range (trailing hanging spaces kept).
    func shown(_ text: String, _ lines: [WrappedLine]) -> [String] {
        let scalars = Array(text.unicodeScalars)
        return lines.map { line in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[line.scalars])
            return String(v)
        }
    }

    @Test func breaksAtSpacesAndReportsScalarRanges() {
        let text = "The quick brown fox jumps"
        let lines = SoftWrap.wrap(text, width: 10)
        #expect(shown(text, lines) == ["The quick ", "brown fox ", "jumps"])
        #expect(lines.map(\.scalars) == [0..<10, 10..<20, 20..<25])
        #expect(lines.map(\.columns) == [9, 9, 5])
        #expect(lines.map(\.startsHardLine) == [true, false, false])
        // Indices slice the same text as the scalar ranges.
        #expect(lines.map { String(text[$0.indices]) } == shown(text, lines))
    }

    @Test func neverCutsAWordThatFits() {
        let text = "aa bbbbbbbbbb cc"
        let lines = SoftWrap.wrap(text, width: 10)
        #expect(shown(text, lines) == ["aa ", "bbbbbbbbbb ", "cc"])
        for line in lines { #expect(line.columns <= 10) }
    }

    @Test func cutsOnlyAWordLongerThanTheWidth() {
        let text = "x abcdefghijkl y"
        let lines = SoftWrap.wrap(text, width: 5)
        #expect(shown(text, lines) == ["x ", "abcde", "fghij", "kl y"])
    }

    @Test func hardBreaksAndEmptyLines() {
        let text = "one\n\ntwo\r\nthree\rfour"
        let lines = SoftWrap.wrap(text, width: 20)
        #expect(shown(text, lines) == ["one", "", "two", "three", "four"])
        #expect(lines.map(\.scalars) == [0..<3, 4..<4, 5..<8, 10..<15, 16..<20])
        #expect(lines.allSatisfy { $0.startsHardLine })
    }

    @Test func emptyTextGivesOneEmptyLine() {
        #expect(SoftWrap.wrap("", width: 10).map(\.scalars) == [0..<0])
        #expect(SoftWrap.wrap("a\n", width: 10).map(\.scalars) == [0..<1, 2..<2])
    }

    @Test func wideCharactersBreakAnywhereAndCountTwoColumns() {
        let text = "日本語の文章です"
        let lines = SoftWrap.wrap(text, width: 7)
        #expect(shown(text, lines) == ["日本語", "の文章", "です"])
        #expect(lines.map(\.columns) == [6, 6, 4])
    }

    @Test func rangesCountScalarsNotCharacters() {
        // é as e + U+0301 is one character but two scalars.
        let text = "cafe\u{301} noir"
        let lines = SoftWrap.wrap(text, width: 5)
        #expect(lines.map(\.scalars) == [0..<6, 6..<10])
        #expect(lines.map(\.columns) == [4, 4])
    }

    @Test func leadingIndentationIsKept() {
        let text = "    indented text"
        let lines = SoftWrap.wrap(text, width: 12)
        #expect(shown(text, lines) == ["    indented ", "text"])
    }

    @Test func lineAndColumnLookup() {
        let text = "alpha beta\ngamma delta"
        let lines = SoftWrap.wrap(text, width: 6)
        #expect(shown(text, lines) == ["alpha ", "beta", "gamma ", "delta"])
        #expect(SoftWrap.lineIndex(containing: 0, in: lines) == 0)
        #expect(SoftWrap.lineIndex(containing: 7, in: lines) == 1)
        #expect(SoftWrap.lineIndex(containing: 10, in: lines) == 1) // the hard break
        #expect(SoftWrap.lineIndex(containing: 17, in: lines) == 3)
        #expect(SoftWrap.lineIndex(containing: 999, in: lines) == 3)
        #expect(SoftWrap.column(of: 8, on: lines[1], in: text) == 2)
    }

    @Test func noLineIsWiderThanTheWidth() {
        let text = String(repeating: "Some 語 text with 😀 and e\u{301} plus longerwordsthanthewidth ", count: 20)
        for width in 1...30 {
            let lines = SoftWrap.wrap(text, width: width)
            for line in lines {
                #expect(line.columns <= max(width, 2), "width \(width)")
            }
            // Ranges are ascending and cover every scalar (no hard breaks here).
            #expect(lines.first?.scalars.lowerBound == 0)
            #expect(lines.last?.scalars.upperBound == text.unicodeScalars.count)
            for (a, b) in zip(lines, lines.dropFirst()) { #expect(a.scalars.upperBound == b.scalars.lowerBound) }
        }
    }

    @Test func textPaneRevealKeepsPassageInView() {
        let text = (1...50).map { "Line \($0) of the work." }.joined(separator: "\n")
        var pane = TextPane(text: text, width: 30)
        let offset = text.unicodeScalars.count - 10
        pane.reveal(offset: offset, visibleRows: 10)
        #expect(pane.top == 40) // clamped to the last page
        let middle = Array(text.unicodeScalars).count / 2
        pane.reveal(offset: middle, visibleRows: 10, context: 2)
        #expect(pane.top == pane.lineIndex(of: middle) - 2)
        // Re-wrapping keeps the top scalar visible.
        let topScalar = pane.lines[pane.top].scalars.lowerBound
        pane.layout(width: 8)
        #expect(pane.lines[pane.top].scalars.contains(topScalar) || pane.lines[pane.top].scalars.lowerBound == topScalar)
    }

    @Test func styleSpansUnionOverlaps() {
        let spans = StyleSpans([(0..<5, .verbatim), (3..<8, .focused), (10..<12, .changed)])
        #expect(spans.roles(at: 0) == Roles(.verbatim))
        #expect(spans.roles(at: 4) == [Roles(.verbatim), Roles(.focused)])
        #expect(spans.roles(at: 6) == Roles(.focused))
        #expect(spans.roles(at: 9) == [])
        #expect(spans.roles(at: 11) == Roles(.changed))
        #expect(spans.roles(at: 12) == [])
        #expect(spans.roles(at: -1) == [])
    }
}
