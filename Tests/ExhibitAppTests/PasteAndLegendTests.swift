import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// Issue 9, points 3 and 4: a paste is text, never keys; an annotated span
/// keeps a non-color attribute where colors cannot be shown, and the pair
/// view names its markings in a legend.
@Suite struct PasteAndLegendTests {
    /// Five lines whose words are key commands of the views (q quits, x exports, A lists…).
    static let note = (1...5).map { "line \($0): q x A v a n N j k Tab \(String(repeating: "é", count: 580))" }
        .joined(separator: "\n")

    @Test func aMultiLinePasteIsSavedWholeAndRunsNothing() throws {
        #expect(Self.note.count >= 3_000)
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("a"))
        // Pasted while the tag list has the keys: it goes to the note all the same.
        #expect(model.update(.paste(Self.note)).isEmpty)
        #expect(model.annotateDialog?.field == .note)
        #expect(model.annotateDialog?.note.text == Self.note)
        #expect(model.route == .pair && model.exportDialog == nil && model.tools.list == nil)
        model.press(.enter)
        #expect(model.annotateDialog == nil)
        let records = try demo.records()
        #expect(records.count == 1)
        #expect(records.first?.body.note == Self.note)
    }

    @Test func aPasteWithNoFieldOpenIsSetAsideWithANotice() throws {
        var model = try AppFixture.scanned()
        let before = model.route
        #expect(model.update(.paste("q\nq\nx")).isEmpty)
        #expect(model.route == before)
        #expect(model.notice?.text.contains("not used: no text field is open") == true)
    }

    @Test func aNoteOverTheLimitIsKeptAndNotSaved() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("a"), .enter)
        let long = String(repeating: "x", count: TextInput.defaultLimit + 5)
        _ = model.update(.paste(long))
        model.press(.enter)
        #expect(model.annotateDialog?.note.text == long)
        #expect(model.annotateDialog?.error?.contains("at most 20,000 can be saved") == true)
        #expect(try demo.records().isEmpty)
        // Cut to the limit, it saves.
        for _ in 0..<5 { model.press(.backspace) }
        model.press(.enter)
        #expect(model.annotateDialog == nil)
        #expect(try demo.records().first?.body.note.count == TextInput.defaultLimit)
    }

    @Test func ctrlJTypesALineBreakInTheNoteAndIsEnterElsewhere() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("a"), .control("j"))   // Enter in the tag list: to the note
        #expect(model.annotateDialog?.field == .note)
        model.type("one")
        model.press(.control("j"))
        model.type("two")
        #expect(model.annotateDialog?.note.text == "one\ntwo")
    }

    @Test func annotationGetsReverseWhereItsColorsCannotBeShown() {
        let style = CellStyle(.verbatim, .focused, .annotation)
        let plainPassage = CellStyle(.verbatim, .focused)
        for theme in [Theme.builtinDefault] {
            let none = theme.resolve(style, mode: .none)
            #expect(none.attributes.contains(.reverse))
            #expect(none.attributes != theme.resolve(plainPassage, mode: .none).attributes)
            // With colors the background tells it apart: no reverse added.
            #expect(!theme.resolve(style, mode: .indexed256).attributes.contains(.reverse))
        }
        var mono = Theme(name: "mono")
        mono[.annotation] = RoleStyle(attributes: .underline)
        mono[.focused] = RoleStyle(attributes: .underline)
        #expect(mono.resolve(style, mode: .indexed256).attributes.contains(.reverse))
    }

    @Test func pairViewHasAOneLineLegendInTheMarkingsOwnStyles() throws {
        var model = try AppFixture.scanned(theme: "monochrome")
        try model.openPair(output: "o-extract-harbor")
        let screen = model.render()
        let hit = try #require(ScreenReading.find("annotated", in: screen, cols: 0..<100).first)
        #expect(hit.row == screen.rows - 4)
        #expect(screen[hit.row, hit.col].style.roles.has(.annotation))
        #expect(model.theme.resolve(screen[hit.row, hit.col].style, mode: .none).attributes.contains(.reverse))
        let key = try #require(ScreenReading.find("Key:", in: screen, cols: 0..<100).first)
        #expect(key.row == hit.row)
    }

    @Test func aNarrowPairViewStillNamesTheAnnotationInItsLegend() throws {
        var model = try AppFixture.scanned(size: Size(rows: 20, cols: 60), theme: "monochrome")
        try model.openPair(output: "o-extract-harbor")
        let screen = model.render()
        let hit = try #require(ScreenReading.find("annotated", in: screen, cols: 0..<60).first)
        #expect(hit.row == screen.rows - 4)
    }
}
