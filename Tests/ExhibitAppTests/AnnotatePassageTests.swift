import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// `a` in the pair view annotates the focused passage of the focused pane
/// (SPEC §5), through the dialog, on a copy of `Cases/demo`.
///
/// The demo's pair harbor-lights × o-extract-harbor has one passage: output
/// scalars 0..<219 ("for the first time … to guide them home", the output's
/// first 219 characters, all ASCII) and work scalars 58..<279 of
/// `works/harbor-lights.txt` (`exhibit scan Cases/demo --json -` gives both).
@Suite struct AnnotatePassageTests {
    @Test func annotatingTheFocusedOutputPassageAppendsOneRecord() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        #expect(model.route == .pair)
        #expect(model.pair?.active == 1)

        model.press(.character("a"))
        #expect(model.annotateDialog != nil)
        // Tags in case order: key-passage, quotation-not-original, exclude, follow-up.
        model.press(.character("j"), .character("j"), .character("j"), .character("k"), .enter)
        #expect(model.annotateDialog?.tag == "exclude")
        #expect(model.annotateDialog?.field == .note)
        model.type("Copiée mot à mot 🙂 (Exhibit J)")
        model.press(.backspace)
        model.type(")")
        model.press(.enter)
        #expect(model.annotateDialog == nil)

        let records = try demo.records()
        #expect(records.count == 1)
        let a = try #require(records.first)
        #expect(a.target.source == "outputs/demo-runs.jsonl#o-extract-harbor")
        #expect(a.target.position == TextPositionSelector(start: 0, end: 219))
        let text = try DemoText.extractHarbor
        #expect(a.target.quote.exact == DemoText.slice(text, 0..<219))
        #expect(a.target.quote.exact.hasPrefix("for the first time in ninety years"))
        #expect(a.target.quote.exact.hasSuffix("to guide them home"))
        #expect(a.target.quote.prefix == "")
        // TextQuoteSelector context: 32 scalars a side.
        #expect(a.target.quote.suffix == ". The town is now raising money ")
        #expect(a.target.sha256 == ScalarText(text).sha256)
        #expect(a.body == AnnotationBody(tag: "exclude", note: "Copiée mot à mot 🙂 (Exhibit J)"))
        #expect(model.notice?.text.contains("annotated output o-extract-harbor · passage 1") == true)

        // The span is marked at once, and the model's annotations were re-read.
        #expect(model.annotations?.current.count == 1)
        let screen = model.render()
        let hits = ScreenReading.find("lighthouse", in: screen, cols: 50..<100)
        let at = try #require(hits.first)
        #expect(screen[at.row, at.col].style.roles.has(.annotation))
        // The work pane shows the same words, not annotated (the note is on the output).
        let left = try #require(ScreenReading.find("ninety", in: screen, cols: 0..<49).first)
        #expect(!screen[left.row, left.col].style.roles.has(.annotation))
    }

    @Test func theWorkPaneAnnotatesTheWorkAndTheReconstructionShowsIt() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        model.press(.tab)
        #expect(model.pair?.active == 0)
        model.press(.character("a"), .enter)
        model.type("key")
        model.press(.enter)
        let a = try #require(try demo.records().first)
        #expect(a.target.source == "works/harbor-lights.txt")
        #expect(a.target.position == TextPositionSelector(start: 58, end: 279))
        #expect(a.body.tag == "key-passage")
        #expect(a.target.quote.exact.hasPrefix("for the first time"))
        #expect(a.target.quote.prefix == "Wren went dark on Tuesday night ")

        var screen = model.render()
        let work = try #require(ScreenReading.find("ninety", in: screen, cols: 0..<49).first)
        #expect(screen[work.row, work.col].style.roles.has(.annotation))

        // Back to the overview, then the work's reconstruction: marked there too.
        model.press(.escape, .tab)
        try model.openReconstruction(work: "harbor-lights")
        #expect(model.route == .reconstruction)
        screen = model.render()
        let hit = try #require(ScreenReading.find("ninety", in: screen).first)
        #expect(screen[hit.row, hit.col].style.roles.has(.annotation))
    }

    @Test func escCancelsAndNothingIsWritten() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("a"), .enter)
        model.type("never saved")
        model.press(.escape)
        #expect(model.annotateDialog == nil)
        #expect(model.route == .pair)
        #expect(try demo.records().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: demo.path + "/annotations.jsonl"))
    }

    @Test func aWriteFailureKeepsTheDialogAndTheNote() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        // A folder where the file should be: open(2) fails with EISDIR.
        try FileManager.default.createDirectory(atPath: demo.path + "/annotations.jsonl", withIntermediateDirectories: true)
        model.press(.character("a"), .enter)
        model.type("kept")
        model.press(.enter)
        let dialog = try #require(model.annotateDialog)
        #expect(dialog.note.text == "kept")
        #expect(dialog.error?.hasPrefix("not saved:") == true)
    }

    /// An `exclude` annotation on the work feeds back into the figures
    /// (SPEC §4): the screen asks for a re-scan with the span excluded; the
    /// pair, whose only passage is that span, is then no longer listed.
    @Test func excludingTheWorkPassageRescansWithoutIt() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        let before = try #require(model.pair?.pair.workCoverage)
        #expect(before > 0.4)
        model.press(.tab, .character("a"), .character("j"), .character("j"), .enter)
        let effects = model.press(.enter)
        guard case .scan(let request)? = effects.first else { Issue.record("no re-scan: \(effects)"); return }
        #expect(request.options.exclusions.map(\.scalars) == [58..<279])
        #expect(request.options.exclusions.first?.source == "works/harbor-lights.txt")
        #expect(model.notice?.text.hasSuffix("re-scanning: the exclude annotations changed") == true)
        let kase = try #require(model.kase)
        let run = try AppFixture.run(kase, request)
        _ = model.update(.message(.finished(generation: request.generation, run.result, seconds: 1)))
        model.settle()
        // Its one passage now copies only excluded work text, so the pair is no
        // longer listed and the view goes back to the overview, saying why.
        #expect(model.route == .overview)
        #expect(model.notice?.text.contains("o-extract-harbor × harbor-lights: no passage") == true)
        #expect(!(model.results?.pairs ?? []).contains { kase.outputs[model.results!.outputDocs[$0.output]].id == "o-extract-harbor" })
        #expect(model.results?.figures(work: 0, model: nil).figures.strictCoverage ?? 1 < 0.01)
        // Deleting the exclusion asks for a re-scan without it.
        model.press(.character("A"), .character("d"))
        let again = model.press(.character("y"))
        guard case .scan(let second)? = again.first else { Issue.record("no re-scan after delete"); return }
        #expect(second.options.exclusions.isEmpty)
    }
}
