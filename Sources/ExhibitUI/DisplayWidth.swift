internal import ExhibitCore

/// The policy that turns a grapheme cluster into terminal cells, on top of the
/// core's one width rule (`ExhibitCore.DisplayWidth`, glibc `wcwidth`): the same
/// scalar widths as the exports, plus how clusters, joiners, controls and tabs are
/// drawn.
public enum DisplayWidth {
    /// Columns a tab occupies. Fixed (not tab stops) so that soft wrap and
    /// drawing agree without knowing the column a text segment starts at.
    public static let tabWidth = 4

    /// Most combining marks kept on one cell: ncurses' `cchar_t` holds
    /// `CCHARW_MAX` (5) wide characters, one spacing plus four marks.
    public static let maxMarksPerCell = 4

    /// glibc `wcwidth` of one scalar: -1 (not printable), 0, 1 or 2 columns: the
    /// core's one width rule (`ExhibitCore.DisplayWidth.wcwidth`), which the exports use too.
    public static func wcwidth(_ scalar: Unicode.Scalar) -> Int {
        ExhibitCore.DisplayWidth.wcwidth(scalar)
    }

    /// Columns one grapheme cluster takes on screen under the drawing policy
    /// of ``glyphs(of:)`` (the sum of its glyph widths).
    public static func columns(of character: Character) -> Int {
        // Fast path: printable ASCII is by far the most common case.
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        var sink: [Glyph]? = nil
        return layout(character, into: &sink)
    }

    /// Columns a whole string takes on one line (no wrapping).
    public static func columns(of text: some StringProtocol) -> Int {
        var total = 0
        for ch in text { total += columns(of: ch) }
        return total
    }

    /// The cells one grapheme cluster is drawn as, in order.
    ///
    /// Policy (each rule keeps ncurses' cursor and the terminal's in step):
    /// - one cell per spacing scalar, carrying its combining marks (at most
    ///   ``maxMarksPerCell``); a mark with no base is drawn on U+25CC ◌;
    /// - a ZERO WIDTH JOINER is not drawn and every emoji it joins gets its
    ///   own cells, so a family 👨‍👩‍👧 shows all three people (glibc counts the
    ///   sequence as 6 columns, tmux draws it joined in 2: without the joiner
    ///   both agree on 6); variation selectors and emoji skin tone modifiers
    ///   are dropped; other zero-width format characters (tags, ZWSP) are
    ///   invisible and produce no cell;
    /// - control and bidirectional characters become visible escapes
    ///   (``Glyph/isEscape``) by the core's rule for case text
    ///   (`VisibleText.mark(for:)`, the one the exports use): C0 as Control
    ///   Pictures (ESC → ␛), DEL → ␡, C1 and bidi controls as `⟨U+202E⟩`; line
    ///   breaks too, since a cell never holds a raw control;
    /// - a tab becomes ``tabWidth`` spaces;
    /// - a scalar glibc calls unprintable (unassigned, noncharacter) → U+FFFD.
    public static func glyphs(of character: Character) -> [Glyph] {
        var sink: [Glyph]? = []
        _ = layout(character, into: &sink)
        return sink ?? []
    }

    /// Walks one cluster under the policy above; appends glyphs when `sink`
    /// is non-nil and always returns the total width (one code path for
    /// measuring and drawing, so they cannot disagree).
    static func layout(_ character: Character, into sink: inout [Glyph]?) -> Int {
        var total = 0
        var current: [Unicode.Scalar] = []
        var currentWidth = 0
        var marks = 0

        func flush(_ sink: inout [Glyph]?) {
            guard !current.isEmpty else { return }
            if sink != nil {
                var s = String.UnicodeScalarView()
                s.append(contentsOf: current)
                sink!.append(Glyph(text: String(s), width: currentWidth, isEscape: false))
            }
            total += currentWidth
            current.removeAll(keepingCapacity: true)
            currentWidth = 0
            marks = 0
        }
        func emit(_ text: String, width: Int, escape: Bool, _ sink: inout [Glyph]?) {
            flush(&sink)
            if sink != nil {
                // Escapes are drawn one cell per scalar so every cell stays 1 wide.
                if escape {
                    for u in text.unicodeScalars {
                        sink!.append(Glyph(text: String(Character(u)), width: 1, isEscape: true))
                    }
                } else {
                    sink!.append(Glyph(text: text, width: width, isEscape: false))
                }
            }
            total += width
        }

        for scalar in character.unicodeScalars {
            let v = scalar.value
            if v == 0x09 {
                for _ in 0..<tabWidth { emit(" ", width: 1, escape: false, &sink) }
                continue
            }
            if let escape = visibleEscape(scalar) {
                emit(escape, width: escape.unicodeScalars.count, escape: true, &sink)
                continue
            }
            if v == 0x200D { continue } // ZWJ: the joined scalars follow as cells of their own
            if isVariationSelector(v) { continue }
            if v >= 0x1F3FB && v <= 0x1F3FF && !current.isEmpty { continue } // skin tone
            let w = wcwidth(scalar)
            if w > 0 {
                flush(&sink)
                current = [scalar]
                currentWidth = w
            } else if w == 0 {
                guard isAttachable(scalar) else { continue }
                if current.isEmpty {
                    current = ["\u{25CC}"]
                    currentWidth = 1
                }
                if marks < maxMarksPerCell {
                    current.append(scalar)
                    marks += 1
                }
            } else {
                emit("\u{FFFD}", width: 1, escape: false, &sink)
            }
        }
        flush(&sink)
        return total
    }

    /// The visible replacement for a control or bidirectional scalar, or nil
    /// when `scalar` is drawn as itself. Tab is not handled here (it becomes
    /// spaces). Line feed and the Unicode line and paragraph separators get
    /// marks of their own (soft wrap breaks lines there, so they only reach a
    /// cell inside a one-line field); everything else is the core's rule.
    public static func visibleEscape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x0A:
            return "\u{240A}" // ␊
        case 0x2028:
            return "\u{2424}" // ␤ LINE SEPARATOR shown as "newline"
        case 0x2029:
            return "\u{00B6}" // ¶ PARAGRAPH SEPARATOR
        default:
            return VisibleText.mark(for: scalar)
        }
    }

    static func isVariationSelector(_ v: UInt32) -> Bool {
        (v >= 0xFE00 && v <= 0xFE0F) || (v >= 0xE0100 && v <= 0xE01EF) || (v >= 0x180B && v <= 0x180D)
    }

    /// Zero-width scalars that ride on the previous cell: marks and conjoining
    /// Hangul jamo; format characters (bidi controls, tags, ZWSP) are dropped.
    static func isAttachable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .otherLetter:
            return true
        default:
            return false
        }
    }
}

/// One terminal cell's worth of a grapheme cluster.
public struct Glyph: Equatable, Sendable {
    /// What the cell holds: one spacing scalar plus its combining marks.
    public var text: String
    /// Columns: 1 or 2.
    public var width: Int
    /// True when the glyph stands for a control character of the source text
    /// (drawn with the `escape` role so it is not mistaken for real text).
    public var isEscape: Bool

    /// A glyph of `width` cells (1 or 2).
    public init(text: String, width: Int, isEscape: Bool) {
        self.text = text
        self.width = width
        self.isEscape = isEscape
    }
}
