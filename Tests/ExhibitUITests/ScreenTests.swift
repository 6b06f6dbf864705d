import Testing
@testable import ExhibitUI

@Suite struct ScreenTests {
    @Test func plainTextAndStyleRuns() {
        var s = Screen(rows: 3, cols: 12)
        var col = s.put("copied ", row: 0, col: 0, style: CellStyle(.verbatim))
        col = s.put("word", row: 0, col: col, style: CellStyle(.changed, .focused))
        #expect(col == 11)
        s.put("status", row: 2, col: 0, style: CellStyle(.status))
        #expect(s.textSnapshot() == "copied word\n\nstatus")
        #expect(s.styleSnapshot() == """
        0:0..<7 verbatim
        0:7..<11 changed+focused
        2:0..<6 status
        """)
    }

    @Test func wideCharactersTakeLeadAndContinuation() {
        var s = Screen(rows: 1, cols: 8)
        let end = s.put("a中😀b", row: 0, col: 0)
        #expect(end == 6)
        #expect(s[0, 1].text == "中" && s[0, 1].width == 2)
        #expect(s[0, 2].isContinuation)
        #expect(s[0, 3].text == "😀" && s[0, 4].isContinuation)
        #expect(s[0, 5].text == "b")
        #expect(s.textSnapshot() == "a中😀b")
    }

    @Test func combiningAndEmojiSequences() {
        var s = Screen(rows: 1, cols: 22)
        let end = s.put("e\u{301}👨‍👩‍👧❤️🇯🇵\u{202E}", row: 0, col: 0)
        // é 1 + the whole family 👨👩👧 2+2+2 + ❤ 1 + two regional indicators 1+1
        // + RLO shown as the exports show it, ⟨U+202E⟩ 8.
        #expect(end == 18)
        #expect(s[0, 0].text == "e\u{301}")
        #expect(s[0, 1].text == "👨" && s[0, 3].text == "👩" && s[0, 5].text == "👧")
        #expect(s[0, 7].text == "❤")
        #expect(s[0, 8].text == "🇯" && s[0, 9].text == "🇵")
        #expect(s.textSnapshot() == "e\u{301}👨👩👧❤🇯🇵⟨U+202E⟩")
        #expect(s[0, 10].style.roles.has(.escape))
    }

    @Test func controlCharactersAreVisibleEscapes() {
        var s = Screen(rows: 1, cols: 20)
        s.put("a\u{1B}[31mb\u{7}", row: 0, col: 0, style: CellStyle(.verbatim))
        #expect(s.textSnapshot() == "a␛[31mb␇")
        #expect(!s.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
        #expect(s.styleSnapshot() == """
        0:0..<1 verbatim
        0:1..<2 verbatim+escape
        0:2..<7 verbatim
        0:7..<8 verbatim+escape
        """)
    }

    @Test func wideCharacterStraddlingRightClipBecomesPadding() {
        var s = Screen(rows: 1, cols: 10)
        let end = s.put("ab中", row: 0, col: 0, style: CellStyle(.verbatim), clip: 0..<3)
        #expect(end >= 3)
        #expect(s.textSnapshot(trimTrailing: false) == "ab        ")
        #expect(s[0, 2] == Cell.blank(CellStyle(.verbatim)))
        #expect(s[0, 3] == Cell.blank()) // outside the clip: untouched
    }

    @Test func wideCharacterStraddlingLeftClipBecomesPadding() {
        var s = Screen(rows: 1, cols: 10)
        s.put("中ab", row: 0, col: 0, clip: 1..<10)
        #expect(s[0, 0] == Cell.blank())
        #expect(s[0, 1] == Cell.blank())
        #expect(s.textSnapshot() == "  ab")
    }

    @Test func wideCharacterAtScreenEdge() {
        var s = Screen(rows: 1, cols: 5)
        s.put("abcd中", row: 0, col: 0)
        #expect(s.textSnapshot() == "abcd")
        #expect(s.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func overwritingHalfAWideGlyphRepairsTheOtherHalf() {
        var s = Screen(rows: 1, cols: 6)
        s.put("中中", row: 0, col: 0)
        s.put("x", row: 0, col: 1) // right half of the first 中
        #expect(s.textSnapshot() == " x中")
        s.put("y", row: 0, col: 2) // left half of the second 中
        #expect(s.textSnapshot() == " xy")
        #expect(s.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func putOutsideTheScreenIsIgnored() {
        var s = Screen(rows: 2, cols: 4)
        s.put("hello", row: 5, col: 0)
        s.put("hello", row: -1, col: 0)
        s.put("hello", row: 0, col: -3)
        #expect(s.textSnapshot() == "lo\n")
    }

    @Test func putLineStylesByScalarOffset() {
        let text = "One two three four"
        let lines = SoftWrap.wrap(text, width: 9)
        let spans = StyleSpans([(4..<7, .verbatim), (8..<13, .changed), (0..<13, .focused)])
        var s = Screen(rows: 3, cols: 10)
        for (i, line) in lines.enumerated() {
            s.put(line: line, of: text, row: i, col: 0) { spans.style(at: $0) }
        }
        #expect(s.textSnapshot() == "One two\nthree\nfour")
        #expect(s.styleSnapshot() == """
        0:0..<4 focused
        0:4..<7 verbatim+focused
        0:7..<8 focused
        1:0..<5 changed+focused
        """)
    }

    @Test func fixedSizeDemoLikeSnapshot() {
        var s = Screen(rows: 4, cols: 20)
        s.fill(Rect(row: 3, col: 0, rows: 1, cols: 20), style: CellStyle(.status))
        s.put("│", row: 0, col: 9, style: CellStyle(.chrome))
        s.put("中文ab", row: 0, col: 0, clip: 0..<9)
        s.put("x😀", row: 0, col: 10)
        s.put(" ok", row: 3, col: 0, style: CellStyle(.status))
        #expect(s.textSnapshot() == "中文ab   │x😀\n\n\n ok")
        #expect(s.styleSnapshot() == "0:9..<10 chrome\n3:0..<20 status")
    }
}
