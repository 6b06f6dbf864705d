import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// Issue 9, point 9: a concurrent edit is shown whole with a key to re-apply,
/// nothing typed is lost; the creator is asked once and stored.
@Suite struct ConflictAndCreatorTests {
    @Test func anEditRacedByAnotherProcessKeepsTheTextAndReappliesOnCtrlR() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try AnnotationListTests.listed(demo)
        model.press(.character("j"), .character("j"), .character("e"))
        let first = "urn:uuid:00000000-0000-4000-8000-000000000001"
        #expect(model.annotateDialog?.purpose == .edit(id: first, span: try #require(model.annotateDialog?.span)))
        // Meanwhile another process edits the same annotation.
        let theirs = try AnnotationEditing.revise(try CaseLoader.load(path: demo.path), id: first, note: "their change",
                                                  creator: "colleague")
        model.press(.enter)
        model.type(" — mine")
        model.press(.enter)
        let dialog = try #require(model.annotateDialog, "the dialog stays open")
        #expect(dialog.note.text == "the opening, near verbatim — mine")
        #expect(dialog.error?.contains("another process changed this annotation") == true)
        #expect(dialog.error?.contains(theirs.id) == true)
        #expect(dialog.error?.contains("Ctrl-R reloads and applies") == true)
        // Shown whole: every line of the message is on screen.
        let screen = model.render().textSnapshot()
        for line in dialog.messageLines(width: 72) { #expect(screen.contains(line.trimmingCharacters(in: .whitespaces))) }
        #expect(try demo.records().count == 6)   // theirs only
        model.press(.control("r"))
        #expect(model.annotateDialog == nil)
        let records = try demo.records()
        #expect(records.count == 7)
        #expect(records.last?.supersedes == theirs.id)
        #expect(records.last?.body.note == "the opening, near verbatim — mine")
    }

    @Test func theCreatorIsAskedOnceAndStored() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-xdg-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: config) }
        var model = try demo.scanned()
        model.tools.environment = ["XDG_CONFIG_HOME": config]   // no $USER, no $EXHIBIT_USER
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("a"), .enter)
        model.type("first")
        model.press(.enter)
        #expect(model.annotateDialog?.field == .creator)
        #expect(try demo.records().isEmpty)
        model.press(.enter)   // empty: refused
        #expect(model.annotateDialog?.error?.contains("type your name") == true)
        model.type("Zoë Counsel")
        model.press(.enter)
        #expect(model.annotateDialog == nil)
        #expect(try demo.records().last?.creator == "Zoë Counsel")
        #expect(UserConfig.load(environment: ["XDG_CONFIG_HOME": config]).creator == "Zoë Counsel")
        // A new session does not ask again.
        var next = try demo.scanned()
        next.tools.environment = ["XDG_CONFIG_HOME": config]
        try next.openPair(output: "o-extract-harbor")
        next.press(.character("a"), .enter)
        next.type("second")
        next.press(.enter)
        #expect(next.annotateDialog == nil)
        #expect(try demo.records().last?.creator == "Zoë Counsel")
    }
}
