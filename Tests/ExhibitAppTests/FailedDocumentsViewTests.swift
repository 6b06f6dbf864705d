import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// The `E` layer: the documents that failed to load, with file, line, byte offset and
/// message; Esc closes it; it takes the keys while open.
@Suite struct FailedDocumentsViewTests {
    @Test func listsTheDocumentsThatFailedToLoad() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        // A second record that is not JSON: line 2, after the first line's bytes.
        let path = dir + "/outputs/o.jsonl"
        let first = try String(contentsOfFile: path, encoding: .utf8)
        try (first + "{\"id\": \"o2\", \"output\": \n").write(toFile: path, atomically: true, encoding: .utf8)
        var (model, kase, _) = try AppFixture.loaded(dir)
        let issue = try #require(kase.errors.first)
        #expect(issue.path == "outputs/o.jsonl" && issue.line == 2)

        model.press(.character("E"))
        #expect(model.layers.top is FailedDocumentsView)
        let text = model.render().textSnapshot()
        #expect(text.contains("Documents that failed to load (\(kase.errors.count))"))
        let row = try #require(text.split(separator: "\n").first { $0.contains("outputs/o.jsonl") })
        #expect(row.contains(" 2 ") && row.contains(Format.count(issue.offset ?? -1)))
        // The top layer takes the keys: `s` does not sort the overview behind it.
        let sort = model.overview.workSort
        model.press(.character("s"))
        #expect(model.overview.workSort == sort)
        // Laid out again on resize, inside the screen.
        _ = model.update(.resize(Size(rows: 20, cols: 70)))
        let frame = try #require(model.layers.entries.last?.rect)
        #expect(frame.row >= 0 && frame.row + frame.rows <= 20 && frame.cols <= 70)
        model.press(.escape)
        #expect(model.layers.isEmpty)
    }

    @Test func aCaseThatLoadedWhollySaysSo() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        var (model, kase, _) = try AppFixture.loaded(dir)
        #expect(kase.errors.isEmpty)
        model.press(.character("E"))
        #expect(model.render().textSnapshot().contains("Every document of the case was read."))
        model.press(.escape)
        #expect(model.layers.isEmpty && !model.render().textSnapshot().contains("failed to load"))
    }
}
