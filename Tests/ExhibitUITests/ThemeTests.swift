import Testing
@testable import ExhibitUI

/// `Themes/` of this package.
let themesDirectory: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3) // Tests/ExhibitUITests/ThemeTests.swift
    return parts.joined(separator: "/") + "/Themes"
}()

@Suite struct ThemeTests {
    @Test func shippedThemesAllLoad() throws {
        let catalog = ThemeCatalog.load(directory: themesDirectory)
        #expect(catalog.names == ["default-dark", "color-blind", "high-contrast", "light", "monochrome"])
        #expect(catalog.errors.isEmpty, "\(catalog.errors)")
    }

    @Test func defaultDarkFileEqualsBuiltinDefault() throws {
        var file = try Theme.load(file: themesDirectory + "/default-dark.toml")
        file.summary = Theme.builtinDefault.summary
        #expect(file == Theme.builtinDefault)
    }

    @Test func markingsKeepTheirAttributesInEveryTheme() throws {
        for name in ["default-dark", "light", "high-contrast", "monochrome", "color-blind"] {
            let t = try Theme.load(file: "\(themesDirectory)/\(name).toml")
            #expect(t[.verbatim].attributes.contains(.bold), "\(name)")
            #expect(t[.changed].attributes.contains(.italic), "\(name)")
            #expect(t[.echo].attributes.contains(.dim), "\(name)")
            #expect(t[.boilerplate].attributes.contains(.dim), "\(name)")
            #expect(t[.focused].attributes.contains(.underline), "\(name)")
        }
    }

    @Test func monochromeHasNoColors() throws {
        let t = try Theme.load(file: themesDirectory + "/monochrome.toml")
        for role in Role.allCases {
            #expect(t[role].foreground == nil && t[role].background == nil, "\(role)")
        }
    }

    @Test func colorBlindVerbatimIsNotRedOrGreen() throws {
        let t = try Theme.load(file: themesDirectory + "/color-blind.toml")
        guard case .indexed(let i)? = t[.verbatim].foreground else {
            Issue.record("verbatim has no color")
            return
        }
        let (r, g, b) = Color.rgb(ofIndex: i)
        // Orange: strong red *and* green components, so it does not hinge on
        // telling red from green; distinct from the sky-blue changed words.
        #expect(r > 200 && g > 120 && b < 60)
        guard case .indexed(let c)? = t[.changed].foreground else {
            Issue.record("changed has no color")
            return
        }
        #expect(Color.rgb(ofIndex: c).b > 200)
    }

    @Test func badColorNamesFileAndKey() {
        let source = """
        [roles.verbatim]
        fg = "redd"
        attrs = ["bold"]
        """
        #expect(throws: ThemeError.self) { try Theme.parse(source, file: "Themes/bad.toml") }
        do {
            _ = try Theme.parse(source, file: "Themes/bad.toml")
        } catch {
            #expect(error.file == "Themes/bad.toml")
            #expect(error.key == "roles.verbatim.fg")
            #expect(error.description.hasPrefix("Themes/bad.toml: key 'roles.verbatim.fg': unknown color"))
        }
    }

    @Test func otherBadValuesNameTheirKey() {
        func key(_ source: String) -> String? {
            do {
                _ = try Theme.parse(source, file: "t.toml")
                return "no error"
            } catch {
                return error.key
            }
        }
        #expect(key("[roles.verbatum]\nfg = 1") == "roles.verbatum")
        #expect(key("[roles.verbatim]\nfg = 300\nattrs = [\"bold\"]") == "roles.verbatim.fg")
        #expect(key("[roles.changed]\nattrs = [\"blink\"]") == "roles.changed.attrs")
        #expect(key("[roles.changed]\ncolour = 3") == "roles.changed.colour")
        #expect(key("colors = 1") == "colors")
        // A marking without any attribute would vanish without color.
        #expect(key("[roles.verbatim]\nfg = \"red\"") == "roles.verbatim.attrs")
    }

    @Test func syntaxErrorNamesTheLine() {
        do {
            _ = try Theme.parse("[roles.verbatim]\nfg = \n", file: "Themes/broken.toml")
            Issue.record("no error")
        } catch {
            #expect(error.line == 2)
            #expect(error.description.hasPrefix("Themes/broken.toml:2: invalid TOML"))
        }
    }

    @Test func badFileInCatalogFallsBackToDefault() {
        let bad = ThemeCatalog.Entry(name: "bad", path: "Themes/bad.toml",
                                     result: .failure(ThemeError(file: "Themes/bad.toml", key: "roles.verbatim.fg",
                                                                 message: "unknown color")))
        let catalog = ThemeCatalog(entries: [bad])
        #expect(catalog.names == ["default-dark", "bad"])
        let selection = catalog.select("bad")
        #expect(selection.theme == Theme.builtinDefault)
        #expect(selection.error?.key == "roles.verbatim.fg")
        #expect(catalog.select("nope").error != nil)
        #expect(catalog.name(after: "bad") == "default-dark")
    }

    @Test func missingDirectoryGivesBuiltinDefault() {
        let catalog = ThemeCatalog.load(directory: "/nonexistent/themes")
        #expect(catalog.names == ["default-dark"])
        #expect(catalog.select("default-dark").theme == Theme.builtinDefault)
    }

    @Test func noColorKeepsAttributesOnly() {
        #expect(ColorMode.detect(terminalColors: 256, noColor: "1") == .none)
        #expect(ColorMode.detect(terminalColors: 256, noColor: "") == .indexed256)
        #expect(ColorMode.detect(terminalColors: 256, noColor: nil) == .indexed256)
        #expect(ColorMode.detect(terminalColors: 8, noColor: nil) == .ansi8)
        #expect(ColorMode.detect(terminalColors: 0, noColor: nil) == .none)
        let style = CellStyle(.verbatim, .focused)
        let plain = Theme.builtinDefault.resolve(style, mode: .none)
        #expect(plain == ResolvedStyle(attributes: [.bold, .underline]))
        let colored = Theme.builtinDefault.resolve(style, mode: .indexed256)
        #expect(colored == ResolvedStyle(foreground: .indexed(203), attributes: [.bold, .underline]))
    }

    @Test func layeringLaterRolesWinColors() {
        let t = Theme.builtinDefault
        let r = t.resolve(CellStyle(.verbatim, .searchMatch), mode: .indexed256)
        #expect(r.foreground == .indexed(220))
        #expect(r.attributes == [.bold, .reverse])
        let extra = t.resolve(CellStyle(roles: Roles(.changed), attributes: .underline), mode: .indexed256)
        #expect(extra.attributes == [.italic, .underline])
    }

    @Test func eightColorDegradePicksNearestAnsi() {
        #expect(Color.indexed(203).degraded(to: .ansi8) == .indexed(1))   // #ff5f5f → red
        #expect(Color.indexed(220).degraded(to: .ansi8) == .indexed(3))   // #ffd700 → yellow
        #expect(Color.indexed(74).degraded(to: .ansi8) == .indexed(6))    // #5fafd7 → cyan
        #expect(Color.indexed(196).degraded(to: .ansi8) == .indexed(1))
        #expect(Color.indexed(9).degraded(to: .ansi8) == .indexed(1))     // bright red → red
        #expect(Color.indexed(244).degraded(to: .ansi8) == .indexed(7))   // mid gray → white, not black
        #expect(Color.indexed(4).degraded(to: .ansi8) == .indexed(4))
        #expect(Color.terminalDefault.degraded(to: .ansi8) == .terminalDefault)
        #expect(Color.indexed(203).degraded(to: .none) == nil)
        #expect(Color.indexed(203).degraded(to: .indexed256) == .indexed(203))
        #expect(Color.indexed(203).degraded(to: .ansi16) == .indexed(9))
        let r = Theme.builtinDefault.resolve(CellStyle(.verbatim), mode: .ansi8)
        #expect(r == ResolvedStyle(foreground: .indexed(1), attributes: .bold))
    }

    @Test func colorParsing() {
        #expect(Color(parsing: "default") == .terminalDefault)
        #expect(Color(parsing: "red") == .indexed(1))
        #expect(Color(parsing: "Bright-Red") == .indexed(9))
        #expect(Color(parsing: "#ff5f5f") == .indexed(203))
        #expect(Color(parsing: "#E69F00") != nil)
        #expect(Color(parsing: "#12345") == nil)
        #expect(Color(parsing: "mauve") == nil)
    }
}
