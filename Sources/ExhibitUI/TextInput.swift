/// A text field: printable input (any script, emoji, combining marks),
/// Backspace/Delete, ←/→, Home/End, and pasted text (``insert(_:)``). The
/// caller decides what Enter and Esc mean; ``key(_:)`` only reports whether
/// it used the key.
///
/// The text is kept as grapheme clusters (`Character`), so Backspace removes
/// what the user sees as one character (`é` typed as e + U+0301, a flag).
/// Control characters are refused: the field never carries terminal control
/// text. A ``multiline`` field (a note) also keeps line feeds and tabs —
/// Ctrl-J types a line break, a paste keeps its own; a one-line field (a
/// search) turns a pasted line break into a space.
///
/// ``limit`` is what may be saved, not what may be typed: text beyond it is
/// kept (``isOverLimit``) so the caller can say so and nothing typed or
/// pasted is ever cut.
public struct TextInput: Sendable, Equatable {
    /// The text typed so far.
    public private(set) var text: String
    /// Cursor position in grapheme clusters from the start, 0...count.
    public private(set) var cursor: Int
    /// Longest text that may be saved, in grapheme clusters.
    public let limit: Int
    /// Whether line feeds (and tabs) are part of the text.
    public let multiline: Bool

    /// Default ``limit``: a note of several pages (10,000 characters is the least asked for).
    public static let defaultLimit = 20_000

    /// A field holding `text` (cleaned as a paste would be), cursor at its end.
    public init(_ text: String = "", limit: Int = TextInput.defaultLimit, multiline: Bool = false) {
        self.limit = limit
        self.multiline = multiline
        let clean = Self.clean(text, multiline: multiline)
        self.text = clean
        self.cursor = clean.count
    }

    /// Whether the text is longer than ``limit`` (it is kept all the same).
    public var isOverLimit: Bool { text.count > limit }

    /// Whether `ch` may be typed: no control characters (C0, C1, DEL), no
    /// line or paragraph separators.
    public static func isPrintable(_ ch: Character) -> Bool {
        ch.unicodeScalars.allSatisfy { s in
            let v = s.value
            return v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v) && v != 0x2028 && v != 0x2029
        }
    }

    /// `text` as the field keeps it: CRLF, CR, U+2028 and U+2029 are line
    /// feeds (spaces in a one-line field), tabs kept in a multiline field
    /// (spaces otherwise), every other control character left out.
    static func clean(_ text: String, multiline: Bool) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for u in text.unicodeScalars {
            defer { previousCR = u == "\r" }
            switch u {
            case "\n" where previousCR: continue
            case "\r", "\n", "\u{2028}", "\u{2029}": out.append(multiline ? "\n" : " ")
            case "\t": out.append(multiline ? "\t" : " ")
            default:
                let v = u.value
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { continue }
                out.append(u)
            }
        }
        return String(out)
    }

    /// Inserts `pasted` at the cursor, whole (cleaned as ``clean(_:multiline:)``
    /// says), even beyond ``limit``.
    public mutating func insert(_ pasted: String) {
        let add = Self.clean(pasted, multiline: multiline)
        guard !add.isEmpty else { return }
        let i = text.index(text.startIndex, offsetBy: cursor)
        let after = text.count - cursor
        text.insert(contentsOf: add, at: i)
        // Clusters may merge at the seams (a pasted combining mark): count from the end.
        cursor = text.count - after
    }

    /// Applies an editing key; returns false for keys it does not use
    /// (Enter, Esc, Tab, ↑/↓ …), which are the caller's.
    @discardableResult
    public mutating func key(_ key: Key) -> Bool {
        switch key {
        case .control("j") where multiline:
            insert("\n")
        case .character(let c):
            guard Self.isPrintable(c) else { return false }
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

    /// Draws a multiline field in `rows` × `width` cells at (`row`, `col`):
    /// its lines broken at line feeds and wrapped at the width (between
    /// characters), scrolled so the cursor's line shows, the cursor cell in
    /// `selection` when `focused`.
    public func drawLines(into screen: inout Screen, row: Int, col: Int, width: Int, rows: Int,
                          style: CellStyle = .plain, focused: Bool = true) {
        guard width > 1, rows > 0 else { return }
        screen.fill(Rect(row: row, col: col, rows: rows, cols: width), style: style)
        // Visual lines as ranges of clusters; the cursor cell needs one column at the end.
        var lines: [Range<Int>] = []
        var start = 0, used = 0, cursorLine = 0
        let chars = Array(text)
        for (k, ch) in chars.enumerated() {
            if k == cursor { cursorLine = lines.count }
            if ch == "\n" {
                lines.append(start..<k)
                start = k + 1
                used = 0
                continue
            }
            let w = DisplayWidth.columns(of: ch)
            if used + w > width - 1 && k > start {
                lines.append(start..<k)
                start = k
                used = 0
                if k == cursor { cursorLine = lines.count }
            }
            used += w
        }
        if cursor == chars.count { cursorLine = lines.count }
        lines.append(start..<chars.count)
        let first = max(0, min(cursorLine - rows + 1, lines.count - rows))
        let clip = col..<(col + width)
        for (n, line) in lines[first..<min(lines.count, first + rows)].enumerated() {
            var x = col
            for k in line {
                let cellStyle = focused && k == cursor ? style.adding(.selection) : style
                x = screen.put(String(chars[k]), row: row + n, col: x, style: cellStyle, clip: clip)
            }
            if focused && cursor == line.upperBound && cursorLine == first + n && x < clip.upperBound {
                screen.put(" ", row: row + n, col: x, style: style.adding(.selection), clip: clip)
            }
        }
    }
}
