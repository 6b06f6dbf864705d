/// A one-line text field: printable input (any script, emoji, combining
/// marks), Backspace/Delete, ←/→, Home/End. The caller decides what Enter
/// and Esc mean; ``key(_:)`` only reports whether it used the key.
///
/// The text is kept as grapheme clusters (`Character`), so Backspace removes
/// what the user sees as one character (`é` typed as e + U+0301, a flag).
/// Control characters and line breaks are refused: a note is one line and
/// never carries terminal control text.
public struct TextInput: Sendable, Equatable {
    /// The text typed so far.
    public private(set) var text: String
    /// Cursor position in grapheme clusters from the start, 0...count.
    public private(set) var cursor: Int
    /// Longest text accepted, in grapheme clusters.
    public let limit: Int

    /// A field holding `text`, cursor at its end.
    public init(_ text: String = "", limit: Int = 2000) {
        let clean = String(text.filter(Self.isPrintable).prefix(limit))
        self.text = clean
        self.cursor = clean.count
        self.limit = limit
    }

    /// Whether `ch` may be typed: no control characters (C0, C1, DEL), no
    /// line or paragraph separators.
    public static func isPrintable(_ ch: Character) -> Bool {
        ch.unicodeScalars.allSatisfy { s in
            let v = s.value
            return v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v) && v != 0x2028 && v != 0x2029
        }
    }

    /// Applies an editing key; returns false for keys it does not use
    /// (Enter, Esc, Tab, ↑/↓ …), which are the caller's.
    @discardableResult
    public mutating func key(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            guard Self.isPrintable(c), text.count < limit else { return Self.isPrintable(c) }
            let i = text.index(text.startIndex, offsetBy: cursor)
            let before = text.count
            text.insert(c, at: i)
            // A combining mark joins the cluster before it: the count may not grow.
            cursor += text.count - before
        case .backspace:
            guard cursor > 0 else { return true }
            let i = text.index(text.startIndex, offsetBy: cursor - 1)
            text.remove(at: i)
            cursor -= 1
        case .delete:
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"):
            text = String(text.dropFirst(cursor))
            cursor = 0
        default:
            return false
        }
        return true
    }

    /// Draws the field in `width` cells at (`row`, `col`): the text in
    /// `style`, scrolled so the cursor shows, the cursor cell in `selection`
    /// (reverse video in every theme) when `focused`.
    public func draw(into screen: inout Screen, row: Int, col: Int, width: Int, style: CellStyle = .plain,
                     focused: Bool = true) {
        guard width > 0 else { return }
        screen.fill(Rect(row: row, col: col, rows: 1, cols: width), style: style)
        let chars = Array(text)
        // First cluster shown: as far left as lets the cursor cell fit.
        var first = 0
        var used = 1
        var i = cursor
        while i > 0 {
            let w = DisplayWidth.columns(of: chars[i - 1])
            if used + w > width { break }
            used += w
            i -= 1
        }
        first = i
        var x = col
        let clip = col..<(col + width)
        for k in first..<chars.count {
            let cellStyle = focused && k == cursor ? style.adding(.selection) : style
            let next = screen.put(String(chars[k]), row: row, col: x, style: cellStyle, clip: clip)
            if next >= clip.upperBound { return }
            x = next
        }
        if focused && cursor == chars.count && x < clip.upperBound {
            screen.put(" ", row: row, col: x, style: style.adding(.selection), clip: clip)
        }
    }
}
