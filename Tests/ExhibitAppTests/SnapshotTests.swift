import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// Whole-screen snapshots of each view of `Cases/demo` at 100×30 under two
/// themes: the text, the roles of each run of cells, and how the theme
/// resolves them (colors and attributes). Expected files live in
/// `Tests/ExhibitAppTests/Snapshots/`; run with `EXHIBIT_UPDATE_SNAPSHOTS=1`
/// to rewrite them, then read the diff before committing.
@Suite struct SnapshotTests {
    static let directory = AppFixture.root.appendingPathComponent("Tests/ExhibitAppTests/Snapshots")

    static func compare(_ model: AppModel, name: String) throws {
        let screen = model.render()
        let text = """
        # \(name): text
        \(screen.textSnapshot())
        # roles
        \(screen.styleSnapshot())
        # resolved by theme \(model.theme.name)
        \(ScreenReading.resolvedSnapshot(screen, theme: model.theme))

        """
        let file = directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["EXHIBIT_UPDATE_SNAPSHOTS"] != nil {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if expected != text {
            let a = expected.components(separatedBy: "\n"), b = text.components(separatedBy: "\n")
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("""
                snapshot \(name) differs at line \(first + 1):
                expected: \(first < a.count ? a[first] : "(end)")
                actual:   \(first < b.count ? b[first] : "(end)")
                """)
        }
    }

    @Test(arguments: ["default-dark", "monochrome"])
    func overview(theme: String) throws {
        let model = try AppFixture.scanned(theme: theme)
        try Self.compare(model, name: "overview-100x30-\(theme)")
    }

    @Test(arguments: ["default-dark", "monochrome"])
    func pairView(theme: String) throws {
        var model = try AppFixture.scanned(theme: theme)
        model.press(.tab)
        let row = try #require(model.overview.pairRows.firstIndex { $0.outputId == "o-extract-harbor" })
        for _ in 0..<row { model.press(.character("j")) }
        model.press(.enter)
        #expect(model.route == .pair)
        try Self.compare(model, name: "pair-harbor-lights--o-extract-harbor-100x30-\(theme)")
    }

    @Test(arguments: ["default-dark", "monochrome"])
    func reconstructionView(theme: String) throws {
        var model = try AppFixture.scanned(theme: theme)
        let row = try #require(model.overview.workRows.firstIndex { $0.id == "orchard-strike" })
        for _ in 0..<row { model.press(.character("j")) }
        model.press(.enter, .character("n"))
        #expect(model.route == .reconstruction)
        try Self.compare(model, name: "reconstruction-orchard-strike-100x30-\(theme)")
    }

    @Test func promptOverlay() throws {
        var model = try AppFixture.scanned()
        model.press(.tab)
        let row = try #require(model.overview.pairRows.firstIndex { $0.outputId == "o-echo" })
        for _ in 0..<row { model.press(.character("j")) }
        model.press(.enter, .character("p"))
        try Self.compare(model, name: "prompt-o-echo-100x30-default-dark")
    }

    @Test func helpAndTooSmall() throws {
        var model = try AppFixture.scanned()
        model.press(.character("?"))
        try Self.compare(model, name: "help-100x30-default-dark")
        model.press(.escape)
        _ = model.update(.resize(Size(rows: 12, cols: 50)))
        #expect(model.render().textSnapshot().contains("Terminal too small"))
    }
}
