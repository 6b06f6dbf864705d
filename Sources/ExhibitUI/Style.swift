/// A semantic role of a piece of the screen. Themes map roles to colors and
/// attributes; views only ever say what a cell *means*.
///
/// Roles layer in declaration order: when a cell has several roles, the
/// later role's colors win and all attributes add up. So `verbatim` text in
/// the `focused` passage is red (verbatim) and underlined (focused), and a
/// `selection` on top of it changes its background.
public enum Role: Int, CaseIterable, Sendable, Hashable {
    /// Plain text and the screen background; applied under every other role.
    case normal
    /// Borders, dividers, pane frames.
    case chrome
    /// Pane and overlay titles.
    case title
    /// The status line.
    case status
    /// The filled part of a coverage bar.
    case bar
    /// The empty part of a coverage bar.
    case barTrack
    /// A reference mark on a coverage bar (300 words, 10 %, 50 %, 90 %).
    case referenceMark
    /// Boilerplate tokens (SPEC §3): dimmed, never counted.
    case boilerplate
    /// Prompt echo tokens (SPEC §3): dimmed, never counted.
    case echo
    /// Work tokens supplied by the prompt.
    case supplied
    /// Changed words inside a passage: yellow and italic.
    case changed
    /// Verbatim words: red and bold, as in court exhibits.
    case verbatim
    /// Reconstruction view: work text reproduced only by passages under 40
    /// matched words (loose but not strict coverage). Layered over
    /// `verbatim`/`changed`, it changes their color only; the view also marks
    /// such lines in its gutter, so themes without color lose nothing.
    case fragment
    /// A control character of the case text shown as a visible escape.
    case escape
    /// Text covered by one of counsel's annotations.
    case annotation
    /// A hit of the current `/` search.
    case searchMatch
    /// The focused passage: underlined.
    case focused
    /// The user's selection.
    case selection
    /// Error messages.
    case error

    /// The key used in theme files (`reference_mark`, `search_match`, ...).
    public var key: String {
        switch self {
        case .barTrack: return "bar_track"
        case .referenceMark: return "reference_mark"
        case .searchMatch: return "search_match"
        default: return String(describing: self)
        }
    }

    /// Looks a role up by its theme-file key.
    public init?(key: String) {
        guard let role = Role.allCases.first(where: { $0.key == key }) else { return nil }
        self = role
    }

    /// Roles that carry meaning in the evidence and must therefore keep a
    /// non-color attribute in every theme, so monochrome, `NO_COLOR`, a
    /// printout and a color-blind reader lose nothing (SPEC §7). (`escape`
    /// is not among them: its glyphs, such as ␛, are the mark.)
    public static let markings: [Role] = [
        .verbatim, .changed, .echo, .boilerplate, .supplied,
        .annotation, .searchMatch, .focused, .selection,
    ]
}

/// A set of ``Role``s.
public struct Roles: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    /// The set holding exactly `role`.
    public init(_ role: Role) { self.rawValue = 1 << UInt32(role.rawValue) }

    /// Whether `role` is in the set.
    public func has(_ role: Role) -> Bool { contains(Roles(role)) }

    /// Members in layering order.
    public var members: [Role] { Role.allCases.filter { has($0) } }
}

/// Non-color text attributes.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Bold (verbatim words).
    public static let bold = TextAttributes(rawValue: 1 << 0)
    /// Italic (changed words).
    public static let italic = TextAttributes(rawValue: 1 << 1)
    /// Underline (the focused passage).
    public static let underline = TextAttributes(rawValue: 1 << 2)
    /// Dim (prompt echo, boilerplate).
    public static let dim = TextAttributes(rawValue: 1 << 3)
    /// Reverse video (selection, search hits).
    public static let reverse = TextAttributes(rawValue: 1 << 4)

    /// Names as used in theme files, in a fixed order.
    public static let names: [(String, TextAttributes)] = [
        ("bold", .bold), ("italic", .italic), ("underline", .underline), ("dim", .dim), ("reverse", .reverse),
    ]

    /// Attribute names, e.g. `bold+underline`; empty for none.
    public var description: String {
        TextAttributes.names.filter { contains($0.1) }.map(\.0).joined(separator: "+")
    }
}

/// How one cell should look, semantically: its roles plus any attributes the
/// view adds directly. The theme turns it into colors at presentation time.
public struct CellStyle: Hashable, Sendable {
    /// What the cell means.
    public var roles: Roles
    /// Attributes added on top of the theme's.
    public var attributes: TextAttributes

    /// A style of `roles` plus `attributes`.
    public init(roles: Roles, attributes: TextAttributes = []) {
        self.roles = roles
        self.attributes = attributes
    }

    /// A style with the given roles.
    public init(_ roles: Role...) {
        self.roles = []
        for r in roles { self.roles.insert(Roles(r)) }
        self.attributes = []
    }

    /// Plain text (only the `normal` role).
    public static let plain = CellStyle(roles: [])

    /// This style with `role` added.
    public func adding(_ role: Role) -> CellStyle {
        var copy = self
        copy.roles.insert(Roles(role))
        return copy
    }

    /// This style with `attributes` added.
    public func adding(_ attributes: TextAttributes) -> CellStyle {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }

    /// Compact name for snapshots: `verbatim+focused`, `normal` when no role,
    /// followed by ` [bold]` when attributes were added directly.
    public var description: String {
        let names = roles.members.map(\.key)
        var s = names.isEmpty ? "normal" : names.joined(separator: "+")
        if !attributes.isEmpty { s += " [\(attributes.description)]" }
        return s
    }
}
