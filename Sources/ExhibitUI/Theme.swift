/// How one role looks in a theme. A nil color leaves the color of the roles
/// beneath (ultimately the terminal default) in place.
public struct RoleStyle: Equatable, Sendable {
    /// Text color; nil keeps the color beneath.
    public var foreground: Color?
    /// Background color; nil keeps the color beneath.
    public var background: Color?
    /// Attributes this role adds.
    public var attributes: TextAttributes

    /// A role style; omitted colors are inherited.
    public init(foreground: Color? = nil, background: Color? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A concrete look for a cell: what the terminal backend draws.
public struct ResolvedStyle: Hashable, Sendable {
    /// Text color.
    public var foreground: Color
    /// Background color.
    public var background: Color
    /// Attributes to draw with.
    public var attributes: TextAttributes

    /// A look; colors default to the terminal's own.
    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A mapping from semantic roles to colors and attributes. Themes may change
/// colors and attributes, not meaning (SPEC §7): every role in
/// ``Role/markings`` keeps a non-color attribute (checked when loading).
public struct Theme: Equatable, Sendable {
    /// Short name, the theme file's name without `.toml` (e.g. `light`).
    public var name: String
    /// One line shown next to the name.
    public var summary: String
    private var styles: [RoleStyle]

    /// A theme with every role unstyled.
    public init(name: String, summary: String = "") {
        self.name = name
        self.summary = summary
        self.styles = Array(repeating: RoleStyle(), count: Role.allCases.count)
    }

    /// The style of one role.
    public subscript(role: Role) -> RoleStyle {
        get { styles[role.rawValue] }
        set { styles[role.rawValue] = newValue }
    }

    /// Resolves a cell style: `normal`, then each role of `style` in layering
    /// order (later colors win, attributes add up), then the style's own
    /// attributes; colors are then degraded to what `mode` can show (none at
    /// all for ``ColorMode/none``, which keeps every attribute).
    public func resolve(_ style: CellStyle, mode: ColorMode) -> ResolvedStyle {
        var out = ResolvedStyle()
        func apply(_ s: RoleStyle) {
            if let fg = s.foreground { out.foreground = fg }
            if let bg = s.background { out.background = bg }
            out.attributes.formUnion(s.attributes)
        }
        apply(self[.normal])
        var bits = style.roles.rawValue & ~1 // normal already applied
        while bits != 0 {
            let i = bits.trailingZeroBitCount
            bits &= bits - 1
            if i < styles.count { apply(styles[i]) }
        }
        out.attributes.formUnion(style.attributes)
        out.foreground = out.foreground.degraded(to: mode) ?? .terminalDefault
        out.background = out.background.degraded(to: mode) ?? .terminalDefault
        // An annotated span inside a passage must not look like the rest of the
        // passage: where the annotation role's colors cannot be shown (NO_COLOR,
        // xterm-mono, vt100, a theme without colors) its underline is the
        // focused passage's too, so it is drawn in reverse video as well.
        if style.roles.has(.annotation) {
            let own = self[.annotation]
            if own.background?.degraded(to: mode) == nil && own.foreground?.degraded(to: mode) == nil {
                out.attributes.insert(.reverse)
            }
        }
        return out
    }

    /// The theme used when no theme file can be read, and for roles a theme
    /// file leaves out. Equal to `Themes/default-dark.toml` (a test checks it).
    public static let builtinDefault: Theme = {
        var t = Theme(name: "default-dark", summary: "Red bold verbatim words on the terminal's own dark background")
        t[.chrome] = RoleStyle(foreground: .indexed(244))
        t[.title] = RoleStyle(attributes: .bold)
        t[.status] = RoleStyle(foreground: .indexed(252), background: .indexed(236))
        t[.bar] = RoleStyle(foreground: .indexed(74))
        t[.barTrack] = RoleStyle(foreground: .indexed(238))
        t[.referenceMark] = RoleStyle(foreground: .indexed(221), attributes: .bold)
        t[.boilerplate] = RoleStyle(foreground: .indexed(244), attributes: .dim)
        t[.echo] = RoleStyle(foreground: .indexed(244), attributes: .dim)
        t[.supplied] = RoleStyle(foreground: .indexed(109), attributes: .dim)
        t[.changed] = RoleStyle(foreground: .indexed(220), attributes: .italic)
        t[.verbatim] = RoleStyle(foreground: .indexed(203), attributes: .bold)
        t[.fragment] = RoleStyle(foreground: .indexed(216))
        t[.escape] = RoleStyle(foreground: .indexed(213))
        t[.annotation] = RoleStyle(background: .indexed(24), attributes: .underline)
        t[.searchMatch] = RoleStyle(foreground: .indexed(220), attributes: .reverse)
        t[.focused] = RoleStyle(attributes: .underline)
        t[.selection] = RoleStyle(attributes: .reverse)
        t[.error] = RoleStyle(foreground: .indexed(196), attributes: .bold)
        return t
    }()
}
