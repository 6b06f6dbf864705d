import Testing
@testable import ExhibitUI

/// A theme file whose table header has no key aborted the bundled TOML parser; it is
/// now a `ThemeError` naming the line (issue 17).
@Suite struct ThemeHostileTomlTests {
    @Test(arguments: [("[\\", 1), ("[roles.verbatim]\nfg = \"red\"\n[#x]\n", 3), ("[[[a]]]", 1)])
    func headerWithoutAKeyIsAThemeError(source: String, line: Int) {
        do {
            _ = try Theme.parse(source, file: "Themes/bad.toml")
            Issue.record("no error")
        } catch {
            #expect(error.line == line)
            #expect(error.message.hasPrefix("invalid TOML: table header"))
        }
    }
}
