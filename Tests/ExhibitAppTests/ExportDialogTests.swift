import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// The export dialog (`x`): choices per view, the job it asks the shell to
/// run, the file in `CASE/exports/`, and the question before overwriting.
/// The shell's part (a thread) is replaced by `ExportWorker.perform`, run here.
@Suite struct ExportDialogTests {
    /// Runs the export effects of `effects` as the shell would, feeding the answers back.
    static func run(_ effects: [AppEffect], _ model: inout AppModel) throws {
        for case .export(let job) in effects {
            let (kase, result) = try #require(model.exportInputs)
            _ = model.update(.message(.exported(ExportWorker.perform(job, case: kase, result: result))))
        }
    }

    static func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    @Test func writesThePairAndAsksBeforeOverwriting() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("x"))
        let dialog = try #require(model.exportDialog)
        #expect(dialog.choices.map(\.label) == ["This pair, all 1 passage", "This pair, passage 1 only",
                                                 "Reconstruction of work harbor-lights", "Annotations, all tags"])
        // JSON carries annotations only, so a pair offers five formats.
        #expect(dialog.formats == [.text, .sideBySide, .markdown, .html, .csv])
        model.press(.tab, .character("j"), .character("j"), .character("j"))
        #expect(model.exportDialog?.format == .html)
        let path = demo.path + "/exports/pair-harbor-lights--o-extract-harbor.html"
        #expect(model.render().textSnapshot().contains("→ demo/exports/pair-harbor-lights--o-extract-harbor.html"))

        var effects = model.press(.enter)
        guard case .export(let job)? = effects.first else { Issue.record("no export effect"); return }
        #expect(job.request.selection == .pair(work: "harbor-lights", output: "o-extract-harbor", passage: nil))
        #expect(job.request.format == .html)
        #expect(!job.overwrite)
        #expect(model.exportDialog?.state == .writing(id: job.id))
        try Self.run(effects, &model)
        #expect(model.exportDialog == nil)
        #expect(model.notice?.text == "exported to " + path)
        let html = try #require(Self.read(path))
        #expect(html.contains("<html"))
        #expect(html.contains("lighthouse"))

        // Same export again: the file exists, so the dialog asks; n keeps it.
        try "counsel's copy".write(toFile: path, atomically: true, encoding: .utf8)
        model.press(.character("x"), .tab, .character("j"), .character("j"), .character("j"))
        effects = model.press(.enter)
        try Self.run(effects, &model)
        #expect(model.exportDialog?.state == .confirmOverwrite(path: path))
        #expect(model.render().textSnapshot().contains("Overwrite? y/n · pair-harbor-lights--o-extract-harbor.html exists"))
        model.press(.character("n"))
        #expect(model.exportDialog?.state == .choosing)
        #expect(Self.read(path) == "counsel's copy")
        // Enter asks again; y overwrites.
        try Self.run(model.press(.enter), &model)
        effects = model.press(.character("y"))
        guard case .export(let again)? = effects.first else { Issue.record("no export effect"); return }
        #expect(again.overwrite)
        try Self.run(effects, &model)
        #expect(model.exportDialog == nil)
        #expect(Self.read(path)?.contains("<html") == true)
        #expect(model.notice?.text == "exported to " + path)
    }

    @Test func focusedPassageAndReconstructionGoToTheirOwnFiles() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        try Self.run(model.press(.character("x"), .character("j"), .enter), &model)
        let passage = demo.path + "/exports/pair-harbor-lights--o-extract-harbor-passage-1.txt"
        #expect(model.notice?.text == "exported to " + passage)
        #expect(Self.read(passage)?.contains("for the first time") == true)

        model.press(.escape, .escape)
        try model.openReconstruction(work: "orchard-strike")
        model.press(.character("x"))
        #expect(model.exportDialog?.choices.first?.selection == .work("orchard-strike"))
        try Self.run(model.press(.tab, .character("j"), .enter), &model)
        let work = demo.path + "/exports/work-orchard-strike.side-by-side.txt"
        #expect(model.notice?.text == "exported to " + work)
        #expect(Self.read(work) != nil)
    }

    @Test func theListExportsAnnotationsByTagAsJSON() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        try demo.addFour()
        var model = try demo.scanned()
        model.press(.character("A"), .character("T"))  // list filtered to key-passage
        model.press(.character("x"))
        let dialog = try #require(model.exportDialog)
        #expect(dialog.choices.map(\.label) == ["Annotations, all tags", "Annotations tagged key-passage",
                                                 "Annotations tagged quotation-not-original", "Annotations tagged follow-up"])
        #expect(dialog.choice == 1)
        #expect(dialog.formats.last == .json)
        model.press(.tab, .character("G"))
        for _ in 0..<5 { model.press(.character("j")) }
        #expect(model.exportDialog?.format == .json)
        try Self.run(model.press(.enter), &model)
        let path = demo.path + "/exports/annotations-key-passage.json"
        #expect(model.notice?.text == "exported to " + path)
        let json = try #require(Self.read(path))
        #expect(json.contains("urn:uuid:00000000-0000-4000-8000-000000000001"))
        #expect(json.contains("urn:uuid:00000000-0000-4000-8000-000000000003"))
        #expect(!json.contains("urn:uuid:00000000-0000-4000-8000-000000000002"))
        // The list stays open under the dialog.
        #expect(model.tools.list != nil)
    }

    @Test func escapeCancelsAndNothingIsWritten() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        let effects = model.press(.character("x"), .escape)
        #expect(effects.isEmpty)
        #expect(model.exportDialog == nil)
        #expect(model.route == .pair)
        #expect(!FileManager.default.fileExists(atPath: demo.path + "/exports"))
    }
}
