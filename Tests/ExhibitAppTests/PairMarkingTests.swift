import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// What the pair view marks, cell by cell, on `Cases/demo` (figures checked
/// by hand in ExhibitCoreTests/DemoCaseTests.swift).
@Suite struct PairMarkingTests {
    /// The demo model with the pair view of `output` open.
    static func pairView(_ output: String, theme: String = "default-dark") throws -> AppModel {
        var model = try AppFixture.scanned(theme: theme)
        model.press(.tab)
        let row = try #require(model.overview.pairRows.firstIndex { $0.outputId == output })
        for _ in 0..<row { model.press(.character("j")) }
        model.press(.enter)
        try #require(model.route == .pair)
        return model
    }

    static let leftPane = 0..<49
    static let rightPane = 50..<100

    @Test func lighthouseIsVerbatimOnBothSides() throws {
        let screen = try Self.pairView("o-extract-harbor").render()
        // Output: "the old lighthouse." copied word for word.
        let out = try #require(ScreenReading.find("lighthouse", in: screen, cols: Self.rightPane).first)
        for roles in ScreenReading.roles(screen, at: out, count: 10) {
            #expect(roles.has(.verbatim) && roles.has(.focused))
        }
        // Work: "light-⏎house" is one token (SPEC §2 rule 5), marked on both lines.
        let light = try #require(ScreenReading.find("light-", in: screen, cols: Self.leftPane).first)
        let house = try #require(ScreenReading.find("house.", in: screen, cols: Self.leftPane).first)
        #expect(house.row == light.row + 1)
        #expect(ScreenReading.roles(screen, at: light, count: 6).allSatisfy { $0.has(.verbatim) })
        #expect(ScreenReading.roles(screen, at: house, count: 5).allSatisfy { $0.has(.verbatim) })
    }

    @Test func suppliedAndBoilerplateAreDimmedNotVerbatim() throws {
        let model = try Self.pairView("o-extract-harbor")
        let screen = model.render()
        // The prompt held the article's first 11 words: supplied, not reproduced.
        let supplied = try #require(ScreenReading.find("Port Wren", in: screen, cols: Self.leftPane).first)
        let roles = ScreenReading.roles(screen, at: supplied, count: 9)
        #expect(roles.allSatisfy { $0.has(.supplied) && !$0.has(.verbatim) })
        let reprint = try #require(ScreenReading.find("Coastal", in: screen, cols: Self.leftPane).first)
        #expect(ScreenReading.roles(screen, at: reprint, count: 7).allSatisfy { $0.has(.boilerplate) })
        // Both dim in the theme, as SPEC §7 asks.
        let look = model.theme.resolve(screen[supplied.row, supplied.col].style, mode: .indexed256)
        #expect(look.attributes.contains(.dim))
        // Text after the passage in the output is plain.
        let after = try #require(ScreenReading.find("raising money", in: screen, cols: Self.rightPane).first)
        #expect(ScreenReading.roles(screen, at: after, count: 13).allSatisfy { $0.isEmpty })
    }

    @Test func promptEchoIsDimmedInTheOutput() throws {
        let model = try Self.pairView("o-echo")
        let screen = model.render()
        let echo = try #require(ScreenReading.find("A spokesman", in: screen, cols: Self.rightPane).first)
        let roles = ScreenReading.roles(screen, at: echo, count: 11)
        #expect(roles.allSatisfy { $0.has(.echo) && !$0.has(.verbatim) })
        #expect(model.theme.resolve(screen[echo.row, echo.col].style, mode: .indexed256).attributes.contains(.dim))
        // After the echo, the copied words are verbatim evidence.
        let copied = try #require(ScreenReading.find("because", in: screen, cols: Self.rightPane).first)
        #expect(ScreenReading.roles(screen, at: copied, count: 7).allSatisfy { $0.has(.verbatim) })
    }

    @Test func changedWordsAreMarkedAndItalic() throws {
        // o-orchard-edit: "saying the owners" for the work's "saying that the owners".
        let model = try Self.pairView("o-orchard-edit")
        let screen = model.render()
        let that = try #require(ScreenReading.find(" that ", in: screen, cols: Self.leftPane).first)
        let roles = ScreenReading.roles(screen, at: (that.row, that.col + 1), count: 4)
        #expect(roles.allSatisfy { $0.has(.changed) })
        #expect(model.theme.resolve(screen[that.row, that.col + 1].style, mode: .indexed256).attributes.contains(.italic))
    }

    @Test func monochromeKeepsEveryMarkingWithoutColor() throws {
        let model = try Self.pairView("o-extract-harbor", theme: "monochrome")
        let screen = model.render()
        let out = try #require(ScreenReading.find("lighthouse", in: screen, cols: Self.rightPane).first)
        let look = model.theme.resolve(screen[out.row, out.col].style, mode: .indexed256)
        #expect(look.foreground == .terminalDefault && look.attributes.contains(.bold) && look.attributes.contains(.underline))
        let dark = try Self.pairView("o-extract-harbor").theme
        #expect(dark.resolve(screen[out.row, out.col].style, mode: .indexed256).foreground == .indexed(203))
    }

    @Test func statusLinesGiveThePassageAndPairFigures() throws {
        let text = try Self.pairView("o-extract-harbor").render().textSnapshot()
        #expect(text.contains("Passage 1/1 · 42 words matched · identity 1 · verbatim · extraction-scale"))
        #expect(text.contains("Pair · work 45.2% · strict 45.2% · output 84.0% · 42 matched · extraction · supplied 11 work words"))
        #expect(text.contains("⚑ substantial-passage: passage of 42 words at identity 1"))
    }

    @Test func promptOverlayMarksSuppliedAndEchoedText() throws {
        var model = try Self.pairView("o-echo")
        model.press(.character("p"))
        let screen = model.render()
        let rows = ScreenReading.rows(screen)
        let r = try #require(rows.firstIndex { $0.contains("Continue: A spokesman") })
        let c = try #require(ScreenReading.find("A spokesman", in: screen).first { $0.row == r })
        #expect(ScreenReading.roles(screen, at: c, count: 11).allSatisfy { $0.has(.supplied) && $0.has(.echo) })
        let cont = try #require(ScreenReading.find("Continue:", in: screen).first { $0.row == r })
        #expect(ScreenReading.roles(screen, at: cont, count: 8).allSatisfy { $0.isEmpty })
        #expect(rows.contains { $0.contains("temperature: 0.7") }) // unknown fields are shown
        model.press(.escape)
        #expect(!model.render().textSnapshot().contains("Prompt and metadata"))
    }

    @Test func annotationsAreShownInThePairView() throws {
        let dir = try TempCase.copyDemo()
        defer { TempCase.remove(dir) }
        let kase = try CaseLoader.load(path: dir)
        let work = try #require(kase.works.first { $0.id == "harbor-lights" })
        // "Fishermen" in the work: scalars of its first occurrence.
        let start = try #require(work.text.unicodeScalars.indices(of: "Fishermen").first)
        _ = try AnnotationEditing.annotate(kase, source: work.source, range: start..<(start + 9), tag: "key-passage", note: "")
        var model = try AppFixture.scanned(dir)
        model.press(.tab)
        let row = try #require(model.overview.pairRows.firstIndex { $0.outputId == "o-extract-harbor" })
        for _ in 0..<row { model.press(.character("j")) }
        model.press(.enter)
        let screen = model.render()
        let at = try #require(ScreenReading.find("Fishermen", in: screen, cols: Self.leftPane).first)
        #expect(ScreenReading.roles(screen, at: at, count: 9).allSatisfy { $0.has(.annotation) && $0.has(.verbatim) })
        let other = try #require(ScreenReading.find("Fishermen", in: screen, cols: Self.rightPane).first)
        #expect(!screen[other.row, other.col].style.roles.has(.annotation))
    }
}

extension String.UnicodeScalarView {
    /// Scalar offsets where `needle` starts.
    func indices(of needle: String) -> [Int] {
        let hay = Array(self), n = Array(needle.unicodeScalars)
        guard n.count <= hay.count else { return [] }
        return (0...(hay.count - n.count)).filter { hay[$0..<($0 + n.count)].elementsEqual(n) }
    }
}
