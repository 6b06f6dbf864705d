/// Case text is data (SPEC §6): before it reaches a terminal, a spreadsheet, a report or
/// a printed exhibit, every character that could act instead of being read is made
/// visible. The one implementation behind the summary, the CSV report, error messages,
/// the annotation listing and every export format; format-specific escaping (HTML,
/// Markdown, text markers, CSV formulas) comes on top of it.
///
/// Marks: C0 controls as Unicode control pictures (ESC `␛`, NUL `␀`, U+2400 + code),
/// DEL `␡`, C1 controls and
/// bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, which
/// could show text in another order than the file holds it) as `⟨U+202E⟩`.
///
/// Line ends: CRLF and a lone CR are line breaks, as on the review screen (old Mac
/// files end lines with CR): a line feed where layout is kept, a space otherwise. A raw
/// CR never reaches the output (in a terminal it would return to the line start and
/// let later text overwrite earlier text). `mark(for:)` still names a CR `␍` for the
/// screen's one-line fields.
public enum VisibleText {
    /// A piece of visible text: original characters, or a mark standing for one.
    enum Piece {
        /// Original text (never a control character).
        case text(String)
        /// A mark Exhibit wrote for an invisible or control character.
        case mark(String)
    }

    /// `text` with every mark written in place. Line feeds and tabs are kept when
    /// `keepLayout`; otherwise each run of whitespace (line breaks included) becomes one
    /// space, for one-line fields and cells.
    public static func escaped(_ text: some StringProtocol, keepLayout: Bool = false) -> String {
        var out = ""
        forEachPiece(text, keepLayout: keepLayout) { p in
            switch p {
            case .text(let s), .mark(let s): out += s
            }
        }
        return out
    }

    /// Calls `body` with the visible pieces of `text`, in order, so a format can style
    /// marks apart from text. Line feeds and tabs are kept as text when `keepLayout`;
    /// otherwise each run of whitespace (line breaks included) becomes one space.
    static func forEachPiece(_ text: some StringProtocol, keepLayout: Bool, _ body: (Piece) -> Void) {
        var run = String.UnicodeScalarView()
        func flush() {
            if !run.isEmpty { body(.text(String(run))); run = String.UnicodeScalarView() }
        }
        var lastSpace = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            i += 1
            if u == "\r" && i < scalars.count && scalars[i] == "\n" { continue }  // CRLF: keep the LF
            if u == "\r" && keepLayout {  // a lone CR: a line break
                lastSpace = false
                run.append("\n")
                continue
            }
            if !keepLayout && u.properties.isWhitespace {
                if !lastSpace { run.append(" ") }
                lastSpace = true
                continue
            }
            lastSpace = false
            if let m = mark(u, keepLayout: keepLayout) {
                flush()
                body(.mark(m))
            } else {
                run.append(u)
            }
        }
        flush()
    }

    /// The mark that stands for `u` wherever case text is shown with its layout (the
    /// review screen draws it in the escape style), or nil when `u` is shown as itself or
    /// is layout (line feed, tab). The screen and every export use this one rule.
    public static func mark(for u: Unicode.Scalar) -> String? {
        mark(u, keepLayout: true)
    }

    /// The mark for `u`, or nil when `u` is shown as itself.
    static func mark(_ u: Unicode.Scalar, keepLayout: Bool) -> String? {
        let v = u.value
        if u == "\n" || u == "\t" { return keepLayout ? nil : " " }
        if u == "\r" { return "\u{240D}" }
        if v < 0x20 { return String(Unicode.Scalar(0x2400 + v)!) }
        if v == 0x7F { return "\u{2421}" }
        if (0x80..<0xA0).contains(v) || isBidiControl(u) {
            let hex = String(v, radix: 16, uppercase: true)
            return "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
        }
        return nil
    }

    /// The ASCII abbreviation a control-picture mark depicts and the code point it stands
    /// for (`␛` → `ESC`, `U+001B`); nil for other marks (`⟨U+202E⟩` is ASCII already but
    /// for its brackets). Formats that box marks use it, because the Control Pictures
    /// block is missing from common fonts (none of Debian's default fonts has it, so a
    /// browser draws empty boxes where the evidence should be).
    static func abbreviation(ofMark m: String) -> (name: String, codePoint: String)? {
        guard m.unicodeScalars.count == 1, let u = m.unicodeScalars.first else { return nil }
        let v: UInt32
        switch u.value {
        case 0x2400..<0x2420: v = u.value - 0x2400
        case 0x2421: v = 0x7F
        default: return nil
        }
        let hex = String(v, radix: 16, uppercase: true)
        return (v == 0x7F ? "DEL" : c0Names[Int(v)], "U+" + String(repeating: "0", count: 4 - hex.count) + hex)
    }

    /// Names of the C0 control characters U+0000–U+001F (ISO 6429), as control pictures show them.
    private static let c0Names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF",
                                  "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
                                  "SUB", "ESC", "FS", "GS", "RS", "US"]

    /// Explicit bidirectional formatting characters (UAX #9).
    static func isBidiControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Characters that look like marks: control pictures (U+2400–U+2426) and the angle
    /// brackets of `⟨U+…⟩`. Formats that can tell marks from text by markup or escapes
    /// use this to escape such characters when the original holds them literally.
    static func looksLikeMark(_ u: Unicode.Scalar) -> Bool {
        (0x2400...0x2426).contains(u.value) || u == "⟨" || u == "⟩"
    }

    /// A substring of `text` by Unicode scalar offsets `range` (half-open), clamped to the text.
    public static func slice(_ text: String, scalars range: Range<Int>) -> Substring {
        let scalars = text.unicodeScalars
        let n = scalars.count
        let lo = min(max(0, range.lowerBound), n), hi = min(max(lo, range.upperBound), n)
        let a = scalars.index(scalars.startIndex, offsetBy: lo)
        let b = scalars.index(a, offsetBy: hi - lo)
        return Substring(scalars[a..<b])
    }
}
