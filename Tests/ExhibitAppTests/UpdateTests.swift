import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// The update function driven by key sequences, as a reviewer would press them.
@Suite struct UpdateTests {
    @Test func nextAndPreviousPassageMoveBothPanes() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        var model = try AppFixture.scanned(dir, size: Size(rows: 20, cols: 80))
        model.press(.tab, .enter)
        let view = try #require(model.pair)
        #expect(view.pair.passages.count == 3)
        // Passages go in output order; the work side jumps back and forth.
        #expect(view.pair.passages.map(\.workTokens.lowerBound) == [60, 5, 30])
        #expect(view.focused == 0)
        model.press(.character("n"))
        #expect(model.pair?.focused == 1)
        let p = try #require(model.pair)
        for side in 0..<2 {
            // The focused passage's first line is on screen in both panes.
            let line = p.panes[side].lineIndex(of: p.ranges[side][1].lowerBound)
            #expect((p.panes[side].top...(p.panes[side].top + 14)).contains(line))
        }
        #expect(model.render().textSnapshot().contains("Passage 2/3"))
        model.press(.character("n"), .character("n"))
        #expect(model.pair?.focused == 0) // wraps around
        model.press(.character("N"))
        #expect(model.pair?.focused == 2)
        // Focused passage cells are underlined (focused role) in both panes.
        let screen = model.render()
        let w30 = try #require(ScreenReading.find("w30", in: screen, cols: 0..<39).first)
        #expect(screen[w30.row, w30.col].style.roles.has(.focused))
        let out30 = try #require(ScreenReading.find("w30", in: screen, cols: 40..<80).first)
        #expect(screen[out30.row, out30.col].style.roles.has(.focused))
        let w60 = ScreenReading.find("w60", in: screen)
        #expect(w60.allSatisfy { !screen[$0.row, $0.col].style.roles.has(.focused) })
    }

    @Test func scrollingKeysMoveTheActivePane() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        var model = try AppFixture.scanned(dir, size: Size(rows: 16, cols: 60))
        model.press(.tab, .enter)
        #expect(model.pair?.active == 1)
        model.press(.character("h"), .character("g"))
        #expect(model.pair?.active == 0 && model.pair?.panes[0].top == 0)
        model.press(.character("j"))
        #expect(model.pair?.panes[0].top == 1)
        model.press(.character("G"))
        let work = try #require(model.pair?.panes[0])
        #expect(work.top == work.maxTop(visibleRows: PairGeometry(size: model.size, passages: 3).textRows))
        _ = model.update(.mouse(MouseEvent(kind: .wheelUp, row: 5, col: 5)))
        #expect(model.pair?.panes[0].top == work.top - 3)
        _ = model.update(.mouse(MouseEvent(kind: .press(button: 1), row: 5, col: 50)))
        #expect(model.pair?.active == 1)
    }

    @Test func sortCyclesTheFocusedTable() throws {
        var model = try AppFixture.scanned()
        #expect(model.overview.workRows.map(\.id) == ["kyoto-bridge", "orchard-strike", "harbor-lights"]) // strict
        model.press(.character("s"), .character("s"))
        #expect(model.overview.workSort == .words)
        #expect(model.overview.workRows.map(\.id) == ["harbor-lights", "orchard-strike", "kyoto-bridge"])
        model.press(.character("s"))
        #expect(model.overview.workRows.map(\.id) == ["harbor-lights", "kyoto-bridge", "orchard-strike"]) // title
        #expect(model.render().textSnapshot().contains("sort: title"))
        model.press(.tab)
        #expect(model.overview.pairRows.map(\.outputId) == ["o-kyoto", "o-orchard-edit", "o-extract-harbor", "o-echo"])
        model.press(.character("s"))
        #expect(model.overview.pairSort == .outputCoverage)
        #expect(model.overview.pairRows.first?.outputId == "o-orchard-edit")
    }

    @Test func filtersAndSearchNarrowTheTables() throws {
        var model = try AppFixture.scanned()
        model.press(.character("f"))
        #expect(!model.overview.pairRows.contains { $0.outputId == "o-echo" }) // not flagged
        #expect(model.overview.pairRows.count == 3)
        model.press(.character("f"), .character("M"))
        let models = try #require(model.results?.models)
        #expect(model.overview.query.model == models.first)
        #expect(model.overview.pairRows.allSatisfy { $0.model == models.first })
        for _ in models { model.press(.character("M")) }
        #expect(model.overview.query.model == nil) // back to all
        model.press(.character("/"))
        model.type("harb")
        // The overview filters as you type.
        #expect(model.overview.workRows.map(\.id) == ["harbor-lights"])
        #expect(model.overview.pairRows.map(\.outputId) == ["o-extract-harbor", "o-harbor-paraphrase"].filter { id in
            model.overview.pairRows.contains { $0.outputId == id } })
        model.press(.enter)
        #expect(model.searchInput == nil && model.overview.query.search == "harb")
        model.press(.escape)
        #expect(model.overview.query == OverviewQuery())
    }

    @Test func enterOpensViewsAndEscGoesBack() throws {
        var model = try AppFixture.scanned()
        model.press(.enter)
        #expect(model.route == .reconstruction)
        #expect(model.reconstruction?.title == "kyoto-bridge")
        model.press(.character("o"))
        guard let list = model.layers.top as? SourcesList else { Issue.record("no outputs list"); return }
        #expect(list.rows.map(\.outputId) == ["o-kyoto"])
        model.press(.enter)
        #expect(model.routes == [.overview, .reconstruction, .pair])
        #expect(model.pair?.outputId == "o-kyoto" && model.pair?.focused == 0)
        model.press(.escape)
        #expect(model.route == .reconstruction)
        model.press(.backspace)
        #expect(model.route == .overview)
        model.press(.tab, .enter)
        #expect(model.route == .pair && model.pair?.outputId == "o-kyoto")
        model.press(.escape)
        #expect(model.route == .overview && model.pair == nil)
    }

    @Test func reconstructionCyclesModelsAndListsTheOutputsOfASpan() throws {
        var model = try AppFixture.scanned()
        let row = try #require(model.overview.workRows.firstIndex { $0.id == "orchard-strike" })
        for _ in 0..<row { model.press(.character("j")) }
        model.press(.enter)
        let all = try #require(model.reconstruction)
        #expect(all.model == nil && all.spans.count == 2)
        #expect(all.spans.map(\.strictWords) == [47, 0]) // the second span only by the 13-word fragment
        model.press(.character("N"), .character("o"))
        guard let list = model.layers.top as? SourcesList else { Issue.record("no outputs list"); return }
        #expect(list.rows.map(\.outputId) == ["o-echo"] && list.rows.first?.words == 13)
        model.press(.escape)
        // A click on a line of the first span selects it.
        let first = try #require(model.reconstruction?.pane.lineIndex(of: all.spans[0].scalars.lowerBound))
        let top = try #require(model.reconstruction?.pane.top)
        // The text starts on row 5, below the coverage strip.
        _ = model.update(.mouse(MouseEvent(kind: .press(button: 1), row: 5 + first - top, col: 10)))
        #expect(model.reconstruction?.cursor == 0)
        // A click on the strip near the work's end selects the span nearest to it (the second).
        _ = model.update(.mouse(MouseEvent(kind: .press(button: 1), row: CoverageStripRow.row, col: 100 - CoverageStripRow.key.count - 1)))
        #expect(model.reconstruction?.cursor == 1)
        model.press(.character("N"))
        #expect(model.reconstruction?.cursor == 0)
        model.press(.character("M"))
        #expect(model.reconstruction?.model == "model-a")
        #expect(model.reconstruction?.spans.count == 1)
        #expect(model.render().textSnapshot().contains("model: model-a"))
    }

    @Test func parametersFormEditsAndRequestsARescan() throws {
        var model = try AppFixture.scanned()
        model.press(.character("m"))
        guard model.layers.top is ParametersForm else { Issue.record("no form"); return }
        // Keys go to the form: q is not quit here, digits edit.
        #expect(model.press(.backspace, .character("0"), .enter).isEmpty)
        guard let bad = model.layers.top as? ParametersForm else { Issue.record("form closed on a bad value"); return }
        #expect(bad.error?.contains("min_words") == true)
        let effects = model.press(.backspace, .character("8"), .tab, .backspace, .character("3"), .enter)
        #expect(model.layers.isEmpty)
        guard case .scan(let request)? = effects.first else { Issue.record("no re-scan: \(effects)"); return }
        #expect(request.generation == 2)
        #expect(request.options.match.minWords == 8 && request.options.match.maxGap == 3)
        #expect(request.options.match.minIdentity == 0.8)
        #expect(model.scanning && !model.isIdle)
        // Esc leaves everything as it was.
        model.press(.character("m"), .character("9"), .escape)
        #expect(model.layers.isEmpty && model.options?.match.minWords == 8)
    }

    @Test func themeCyclesAndHelpComesFromTheKeyTable() throws {
        var model = try AppFixture.scanned()
        model.press(.character("t"))
        #expect(model.theme.name == "color-blind")
        model.press(.character("?"))
        let text = model.render().textSnapshot()
        for b in model.keymap.bindings { #expect(text.contains(b.help), "\(b.action)") }
        model.press(.character("j"))
        #expect(model.showHelp) // keys other than ?/Esc/q do nothing under the help
        model.press(.character("?"))
        #expect(!model.showHelp)
        #expect(model.press(.character("q")) == [.quit])
        #expect(model.update(.terminate(signal: 15)) == [.quit])
    }

    @Test func resizeRewrapsAndTooSmallOnlyQuits() throws {
        var model = try AppFixture.scanned()
        model.press(.tab, .enter)
        let before = try #require(model.pair?.panes[0].wrapWidth)
        _ = model.update(.resize(Size(rows: 24, cols: 70)))
        let after = try #require(model.pair?.panes[0].wrapWidth)
        #expect(after < before)
        #expect(model.render().textSnapshot().contains("Passage 1/1"))
        _ = model.update(.resize(Size(rows: 10, cols: 40)))
        #expect(model.render().textSnapshot().contains("Terminal too small"))
        #expect(model.press(.escape).isEmpty && model.route == .pair)
        #expect(model.press(.character("q")) == [.quit])
    }

    @Test func overviewMouseSelectsAndOpens() throws {
        var model = try AppFixture.scanned()
        let g = OverviewGeometry(size: model.size, works: 3)
        _ = model.update(.mouse(MouseEvent(kind: .press(button: 1), row: g.pairRange.lowerBound + 1, col: 5)))
        #expect(model.overview.focus == .pairs && model.overview.selectedPair?.outputId == "o-orchard-edit")
        _ = model.update(.mouse(MouseEvent(kind: .press(button: 1), row: g.pairRange.lowerBound + 1, col: 5)))
        #expect(model.route == .pair && model.pair?.outputId == "o-orchard-edit")
    }
}
