import SafeTOML
import TOMLKit

/// A theme file that cannot be used. `description` names the file and the
/// key (or the line, for a TOML syntax error) so the user can fix it.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The theme file as given (e.g. `Themes/light.toml`).
    public var file: String
    /// Dotted key path of the bad value (e.g. `roles.verbatim.fg`), if any.
    public var key: String?
    /// 1-based line of a TOML syntax error, if known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// An error about `file`, at `key` or `line` when known.
    public init(file: String, key: String? = nil, line: Int? = nil, message: String) {
        self.file = file
        self.key = key
        self.line = line
        self.message = message
    }

    /// `file[:line]: key 'k': message`, for the status line.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let key { s += ": key '\(key)'" }
        return s + ": " + message
    }
}

extension Theme {
    /// Parses a theme file's text.
    ///
    /// Format: optional `name` and `description` strings, and a `[roles.<role>]`
    /// table per role (keys from ``Role/key``) with optional `fg` and `bg`
    /// (`"default"`, an ANSI name such as `"red"` or `"bright-red"`, a palette
    /// index 0–255, or `"#rrggbb"` mapped to the nearest palette index) and
    /// `attrs` (a list of `bold`, `italic`, `underline`, `dim`, `reverse`).
    /// Roles left out take their style from ``Theme/builtinDefault``.
    ///
    /// - Parameters:
    ///   - source: the TOML text.
    ///   - file: path used in errors; its last component without `.toml`
    ///     becomes the theme's ``name``.
    /// - Throws: ``ThemeError`` for invalid TOML, an unknown key, role,
    ///   color or attribute, a value of the wrong type, or a marking role
    ///   (``Role/markings``) left without any attribute.
    public static func parse(_ source: String, file: String) throws(ThemeError) -> Theme {
        // A header without a key would abort the bundled parser (see TOMLHeaderGuard).
        if let failure = TOMLHeaderGuard.check(source) {
            throw ThemeError(file: file, line: failure.line, message: "invalid TOML: \(failure.message)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ThemeError(file: file, line: error.source.begin.line, message: "invalid TOML: \(error.description)")
        } catch {
            throw ThemeError(file: file, message: "invalid TOML: \(error)")
        }

        var theme = Theme.builtinDefault
        theme.name = Theme.name(fromPath: file)
        theme.summary = ""
        for key in table.keys {
            let value = table[key]
            switch key {
            case "name", "description":
                guard let s = value?.string else {
                    throw ThemeError(file: file, key: key, message: "expected a string")
                }
                if key == "description" { theme.summary = s }
            case "roles":
                guard let roles = value?.table else {
                    throw ThemeError(file: file, key: key, message: "expected a table of roles")
                }
                for roleKey in roles.keys {
                    let path = "roles.\(roleKey)"
                    guard let role = Role(key: roleKey) else {
                        let known = Role.allCases.map(\.key).joined(separator: ", ")
                        throw ThemeError(file: file, key: path, message: "unknown role (known: \(known))")
                    }
                    guard let roleTable = roles[roleKey]?.table else {
                        throw ThemeError(file: file, key: path, message: "expected a table with fg, bg, attrs")
                    }
                    theme[role] = try parseRole(roleTable, path: path, file: file)
                }
            default:
                throw ThemeError(file: file, key: key, message: "unknown key (expected name, description, roles)")
            }
        }
        for role in Role.markings where theme[role].attributes.isEmpty {
            throw ThemeError(file: file, key: "roles.\(role.key).attrs",
                             message: "a marking needs at least one attribute so it still shows without color")
        }
        return theme
    }

    /// Reads and parses a theme file.
    /// - Throws: ``ThemeError`` when the file cannot be read or parsed.
    public static func load(file: String) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try FileAccess.readText(file)
        } catch {
            throw ThemeError(file: file, message: "cannot read: \(error.message)")
        }
        return try parse(text, file: file)
    }

    static func name(fromPath path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.hasSuffix(".toml") ? String(last.dropLast(5)) : last
    }

    private static func parseRole(_ table: TOMLTable, path: String, file: String) throws(ThemeError) -> RoleStyle {
        var style = RoleStyle()
        for key in table.keys {
            let keyPath = "\(path).\(key)"
            guard let value = table[key] else { continue }
            switch key {
            case "fg", "bg":
                let color = try parseColor(value, keyPath: keyPath, file: file)
                if key == "fg" { style.foreground = color } else { style.background = color }
            case "attrs":
                guard let array = value.array else {
                    throw ThemeError(file: file, key: keyPath, message: "expected a list such as [\"bold\"]")
                }
                for item in array {
                    guard let name = item.string,
                          let attr = TextAttributes.names.first(where: { $0.0 == name })?.1 else {
                        let known = TextAttributes.names.map(\.0).joined(separator: ", ")
                        throw ThemeError(file: file, key: keyPath,
                                         message: "unknown attribute \(item.debugDescription) (known: \(known))")
                    }
                    style.attributes.insert(attr)
                }
            default:
                throw ThemeError(file: file, key: keyPath, message: "unknown key (expected fg, bg, attrs)")
            }
        }
        return style
    }

    private static func parseColor(_ value: any TOMLValueConvertible, keyPath: String,
                                   file: String) throws(ThemeError) -> Color {
        if let i = value.int {
            guard (0...255).contains(i) else {
                throw ThemeError(file: file, key: keyPath, message: "palette index \(i) is outside 0–255")
            }
            return .indexed(UInt8(i))
        }
        if let s = value.string, let color = Color(parsing: s) {
            return color
        }
        throw ThemeError(file: file, key: keyPath,
                         message: "unknown color \(value.debugDescription) (use \"default\", an ANSI name such as \"red\", 0–255 or \"#rrggbb\")")
    }
}

/// The themes found in a directory, in cycling order: `default-dark` first,
/// then by name. A file that does not parse stays listed with its error, so
/// selecting it reports the error and falls back to the default theme.
public struct ThemeCatalog: Sendable {
    /// One theme file (or the built-in default).
    public struct Entry: Sendable {
        /// Theme name (file name without `.toml`).
        public var name: String
        /// Path of the file; nil for the built-in default.
        public var path: String?
        /// The parsed theme, or why the file is unusable.
        public var result: Result<Theme, ThemeError>
    }

    /// The result of choosing a theme by name.
    public struct Selection: Sendable {
        /// The theme to use: the one asked for, or the default when it is bad.
        public var theme: Theme
        /// Why the theme asked for could not be used, if so.
        public var error: ThemeError?
    }

    /// Entries in cycling order.
    public private(set) var entries: [Entry]

    /// A catalog of the given entries, ordered and completed with the
    /// built-in default when no `default-dark` entry is present.
    public init(entries: [Entry]) {
        var all = entries
        if !all.contains(where: { $0.name == Theme.builtinDefault.name }) {
            all.append(Entry(name: Theme.builtinDefault.name, path: nil, result: .success(.builtinDefault)))
        }
        let first = Theme.builtinDefault.name
        self.entries = all.sorted { a, b in
            if (a.name == first) != (b.name == first) { return a.name == first }
            return a.name < b.name
        }
    }

    /// Loads every `*.toml` file of `directory`; a missing directory gives a
    /// catalog with only the built-in default.
    public static func load(directory: String) -> ThemeCatalog {
        let files = (FileAccess.list(directory) ?? []).filter { $0.hasSuffix(".toml") }
        var entries: [Entry] = []
        for file in files {
            let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
            let result: Result<Theme, ThemeError>
            do { result = .success(try Theme.load(file: path)) } catch { result = .failure(error) }
            entries.append(Entry(name: Theme.name(fromPath: file), path: path, result: result))
        }
        return ThemeCatalog(entries: entries)
    }

    /// Theme names in cycling order.
    public var names: [String] { entries.map(\.name) }

    /// Errors of all files that did not load.
    public var errors: [ThemeError] {
        entries.compactMap { if case .failure(let e) = $0.result { return e } else { return nil } }
    }

    /// The theme called `name`, or the default theme with the reason it was
    /// not usable (bad file, or no such theme).
    public func select(_ name: String) -> Selection {
        let fallback = entries.first(where: { $0.name == Theme.builtinDefault.name })
            .flatMap { try? $0.result.get() } ?? .builtinDefault
        guard let entry = entries.first(where: { $0.name == name }) else {
            let error = ThemeError(file: "\(name).toml",
                                   message: "no such theme (have: \(names.joined(separator: ", ")))")
            return Selection(theme: fallback, error: error)
        }
        switch entry.result {
        case .success(let theme): return Selection(theme: theme, error: nil)
        case .failure(let error): return Selection(theme: fallback, error: error)
        }
    }

    /// The name after `name` in cycling order (wrapping around).
    public func name(after name: String) -> String {
        guard let i = names.firstIndex(of: name) else { return names.first ?? Theme.builtinDefault.name }
        return names[(i + 1) % names.count]
    }
}
