import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// Snapshots at 100×30 of the annotation tools on a copy of `Cases/demo`:
/// the annotate dialog over the pair view, a visual selection, and the
/// annotations list with fixed records (`DemoCopy.addFour`, an orphan).
/// Same files and update switch as `SnapshotTests`.
@Suite struct AnnotationSnapshotTests {
    @Test func annotateDialog() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("a"), .character("j"), .enter)
        model.type("Zoë’s note: copied 📋")
        try SnapshotTests.compare(model, name: "annotate-dialog-100x30-default-dark")
    }

    @Test func visualSelection() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("v"), .character(")"), .character("w"), .character("w"))
        try SnapshotTests.compare(model, name: "visual-selection-100x30-default-dark")
    }

    @Test(arguments: ["default-dark", "monochrome"])
    func annotationList(theme: String) throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        try demo.addFour()
        try demo.addOrphan()
        var model = try demo.scanned(theme: theme)
        model.press(.character("A"), .character("j"))
        try SnapshotTests.compare(model, name: "annotation-list-100x30-\(theme)")
    }

    @Test func exportDialog() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        model.press(.character("x"), .character("j"), .tab, .character("j"), .character("j"), .character("j"))
        try SnapshotTests.compare(model, name: "export-dialog-100x30-default-dark")
    }
}
