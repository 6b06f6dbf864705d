import Foundation
import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// Visual mode: `v`, then `w`/`b`, `)`/`(`, `}`/`{`, then `a`.
///
/// Hand-computed on the output of `o-extract-harbor` (ASCII, so scalars are
/// characters):
///
///     for the first time in ninety years, after a storm cut the cable that
///     feeds the old lighthouse. Fishermen who were still at sea used their
///     phones to find the channel, and the coast guard sent two boats to
///     guide them home. The town is now raising money for repairs.
///
/// "for" is 0..<3, "the" ends at 7, "first" at 13; the first sentence ends
/// after "lighthouse." at 94, the second after "home." at 220; the pair's
/// one passage ends after "home" at 219; "The" after it ends at 224.
@Suite struct VisualModeTests {
    static func harborPair(_ demo: DemoCopy) throws -> AppModel {
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        return model
    }

    @Test func extendsAndShrinksByWordSentenceAndPassage() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try Self.harborPair(demo)
        func range() -> Range<Int>? { model.visualSelection?.range }

        model.press(.character("v"))
        #expect(range() == 0..<3)
        model.press(.character("w"))
        #expect(range() == 0..<7)
        model.press(.character("w"))
        #expect(range() == 0..<13)
        model.press(.character("b"))
        #expect(range() == 0..<7)
        model.press(.character(")"))
        #expect(range() == 0..<94)
        model.press(.character(")"))
        #expect(range() == 0..<220)
        model.press(.character("("))
        #expect(range() == 0..<94)
        model.press(.character("}"))
        #expect(range() == 0..<219)
        // No passage ends before 219 after the start: the selection stays.
        model.press(.character("{"))
        #expect(range() == 0..<219)
        model.press(.character("w"))
        #expect(range() == 0..<224)
        // Shrinking never drops the first word.
        for _ in 0..<60 { model.press(.character("b")) }
        #expect(range() == 0..<3)
        model.press(.character("("))
        #expect(range() == 0..<3)
        model.press(.escape)
        #expect(model.visualSelection == nil)
        #expect(model.route == .pair)
    }

    @Test func theSelectionIsDrawnAndAnnotated() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try Self.harborPair(demo)
        model.press(.character("v"), .character(")"), .character("w"))
        #expect(model.visualSelection?.range == 0..<104)  // "lighthouse. Fishermen"
        let screen = model.render()
        let fish = try #require(ScreenReading.find("Fishermen", in: screen, cols: 50..<100).first)
        #expect(screen[fish.row, fish.col].style.roles.has(.selection))
        let who = try #require(ScreenReading.find("who", in: screen, cols: fish.col..<100).first { $0.row == fish.row })
        #expect(!screen[who.row, who.col].style.roles.has(.selection))
        #expect(screen.textSnapshot().contains(" VISUAL 0..<104 (19 words) · w/b word"))

        model.press(.character("a"), .character("j"), .enter)
        model.type("two sentences")
        model.press(.enter)
        let a = try #require(try demo.records().first)
        #expect(a.target.position == TextPositionSelector(start: 0, end: 104))
        #expect(a.target.quote.exact == "for the first time in ninety years, after a storm cut the cable that feeds the old lighthouse. Fishermen")
        #expect(a.body == AnnotationBody(tag: "quotation-not-original", note: "two sentences"))
        #expect(model.visualSelection == nil)
    }

    @Test func switchingPanesLeavesVisualModeAndTheWorkSideStartsAtItsPassage() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try Self.harborPair(demo)
        model.press(.character("v"), .tab)
        #expect(model.visualSelection == nil)
        #expect(model.pair?.active == 0)
        // The work's passage starts at 58 ("for" of "for the first time").
        model.press(.character("v"))
        #expect(model.visualSelection?.range == 58..<61)
        model.press(.character(")"))
        #expect(model.visualSelection?.range == 58..<154)  // "for the first time\n … the old light-\nhouse."
    }

    @Test func reconstructionViewSelectsFromTheCursorSpan() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openReconstruction(work: "harbor-lights")
        model.press(.character("n"), .character("v"))
        let v = try #require(model.visualSelection)
        #expect(v.range == 58..<61)
        model.press(.character("}"))
        #expect(model.visualSelection?.range == 58..<279)
    }

    @Test func sentenceRulesOnMixedText() {
        let text = "He said \"Stop.\" Then 3.5 kilos… went.\n\nHeading\n\nBody text 東京。次"
        let tokens = Tokenizer().tokenize(text)
        let doc = DocumentTokens(starts: tokens.starts, ends: tokens.ends, boilerplate: [], echo: [])
        let b = TextBoundaries(text: text, tokens: doc, passages: [])
        let count = text.unicodeScalars.count
        /// Scalar offset just after the first occurrence of `needle`.
        func at(_ needle: String) -> Int { text.unicodeScalars[..<text.range(of: needle)!.upperBound].count }
        // Closing quote after the period belongs to the sentence.
        #expect(b.sentenceEnd(after: 0) == at("\"Stop.\""))
        // 3.5 is not a sentence end (no space after the period); "kilos… went." holds one.
        let second = b.sentenceEnd(after: at("\"Stop.\""))
        #expect(second == at("kilos…"))
        #expect(b.sentenceEnd(after: second!) == at("went."))
        // A heading without a period ends at the blank line.
        #expect(b.sentenceEnd(after: at("went.")) == at("Heading"))
        // 。 needs no space; the end of the text ends the last sentence.
        #expect(b.sentenceEnd(after: at("Heading")) == at("東京。"))
        #expect(b.sentenceEnd(after: at("東京。")) == count)
        #expect(b.sentenceEnd(before: at("went."), above: 0) == at("kilos…"))
    }
}
