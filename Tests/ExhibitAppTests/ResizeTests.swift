import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// Issue 9, point 5: a resize keeps the reader's place.
@Suite struct ResizeTests {
    @Test func resizeKeepsTheFocusedPassageAndTheScrollPosition() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        var model = try AppFixture.scanned(dir, size: Size(rows: 16, cols: 60))
        model.press(.tab, .enter, .character("n"), .character("n"))
        #expect(model.pair?.focused == 2)
        // Scroll the output pane one line down: the place is now the reader's own.
        model.press(.character("j"))
        let before = try #require(model.pair)
        let topScalar = before.panes[1].lines[before.panes[1].top].scalars.lowerBound
        for size in [Size(rows: 22, cols: 90), Size(rows: 16, cols: 60)] {
            _ = model.update(.resize(size))
            let p = try #require(model.pair)
            let rows = PairGeometry(size: size, passages: 3).textRows
            for side in 0..<2 { #expect(p.isShown(2, side: side, rows: rows), "passage 3, pane \(side), at \(size)") }
            // The output pane's top line still holds the scalar that was at its top.
            let line = p.panes[1].lines[p.panes[1].top]
            #expect(line.scalars.lowerBound <= topScalar && topScalar < max(line.scalars.upperBound, line.scalars.lowerBound + 1),
                    "top \(line.scalars) lost \(topScalar) at \(size)")
            #expect(model.render().textSnapshot().contains("Passage 3/3"))
        }
    }

    @Test func aPassageScrolledAwayFromIsNotForcedBackByAResize() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        var model = try AppFixture.scanned(dir, size: Size(rows: 16, cols: 60))
        model.press(.tab, .enter)   // passage 1: work tokens 60…, near the end of the work
        model.press(.character("h"), .character("g"))   // work pane to its first line
        #expect(model.pair?.panes[0].top == 0)
        _ = model.update(.resize(Size(rows: 18, cols: 70)))
        #expect(model.pair?.panes[0].top == 0)
    }
}

/// Issue 9, point 5: slow work started by a key says what it is doing.
@Suite struct BusyNoticeTests {
    @Test func openingAPairAndReWrappingLongTextsSayWhatTheyDo() throws {
        var model = try AppFixture.scanned()
        model.press(.tab)
        let busy = try #require(model.busyNotice(for: .key(.enter)))
        #expect(busy.hasPrefix("opening"))
        let screen = model.render(busy: busy)
        #expect(screen.textSnapshot().components(separatedBy: "\n").last?.contains("opening") == true)
        #expect(screen.textSnapshot().contains("[busy]"))
        #expect(model.busyNotice(for: .key(.character("j"))) == nil)
        model.press(.enter)
        // The demo's texts are short: a resize re-wraps at once, nothing to say.
        #expect(model.busyNotice(for: .resize(Size(rows: 20, cols: 70))) == nil)
    }
}
