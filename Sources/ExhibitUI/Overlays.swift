/// Screen-size rules shared by every view.
public enum Layout {
    /// Below this size the review screen shows only ``TooSmallNotice``: two
    /// panes of prose and a status line are unreadable in less.
    public static let minimum = Size(rows: 16, cols: 60)

    /// True when `size` is below ``minimum`` in either direction.
    public static func isTooSmall(_ size: Size) -> Bool {
        size.rows < minimum.rows || size.cols < minimum.cols
    }

    /// Draws `text` centered in `row` (clipped to the screen).
    public static func center(_ text: String, row: Int, in screen: inout Screen, style: CellStyle = .plain) {
        let w = DisplayWidth.columns(of: text)
        screen.put(text, row: row, col: max(0, (screen.cols - w) / 2), style: style)
    }

    /// Draws a single-line box border around `rect` with an optional title
    /// in its top edge. The inside is left as is.
    public static func box(_ rect: Rect, title: String? = nil, in screen: inout Screen,
                           style: CellStyle = CellStyle(.chrome)) {
        guard rect.rows >= 2, rect.cols >= 2 else { return }
        let top = rect.row
        let bottom = rect.row + rect.rows - 1
        let left = rect.col
        let right = rect.col + rect.cols - 1
        let horizontal = String(repeating: "─", count: rect.cols - 2)
        screen.put("┌" + horizontal + "┐", row: top, col: left, style: style)
        screen.put("└" + horizontal + "┘", row: bottom, col: left, style: style)
        for r in (top + 1)..<bottom {
            screen.put("│", row: r, col: left, style: style)
            screen.put("│", row: r, col: right, style: style)
        }
        if let title, rect.cols > 4 {
            screen.put(" \(title) ", row: top, col: left + 2, style: CellStyle(.chrome, .title),
                       clip: (left + 1)..<right)
        }
    }
}

/// The notice shown instead of the UI when the terminal is below
/// ``Layout/minimum``.
public enum TooSmallNotice {
    /// Clears `screen` and draws the notice, centered, as far as it fits.
    public static func draw(into screen: inout Screen, minimum: Size = Layout.minimum) {
        screen.clear()
        let lines: [(String, CellStyle)] = [
            ("Terminal too small", CellStyle(.title, .error)),
            ("\(screen.cols)×\(screen.rows), needs \(minimum.cols)×\(minimum.rows)", CellStyle.plain),
            ("Enlarge the window, or press q to quit", CellStyle(.chrome)),
        ]
        let first = max(0, (screen.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() where first + i < screen.rows {
            Layout.center(line.0, row: first + i, in: &screen, style: line.1)
        }
    }
}

/// The `?` overlay: a centered box listing ``Keymap/helpLines()``.
public enum HelpOverlay {
    /// Footer line of the overlay.
    public static let footer = "? or Esc closes this help"

    /// Draws the help box over whatever `screen` holds. When the lines do
    /// not fit in one column but do in two (split between groups), two
    /// columns are drawn. Lines that still do not fit are cut, and the last
    /// visible line then says so. `note`, when given, follows the footer
    /// (e.g. where the figures are defined).
    /// `area` (default: the whole screen) is where the box is centered and cut.
    public static func draw<A>(into screen: inout Screen, keymap: Keymap<A>, note: String? = nil, in area: Rect? = nil) {
        let area = area ?? Rect(row: 0, col: 0, rows: screen.rows, cols: screen.cols)
        let footer = note.map { "\(Self.footer) · \($0)" } ?? Self.footer
        let lines = keymap.helpLines()
        // Blank lines between groups go first when two columns would not hold the table.
        let columns = twoColumns(lines, rows: area.rows - 4, cols: area.cols - 4)
            ?? twoColumns(compact(lines), rows: area.rows - 4, cols: area.cols - 4, atHeadings: true) ?? [lines]
        let widths = columns.map { $0.map { DisplayWidth.columns(of: $0) }.max() ?? 0 }
        let gap = 3
        let contentWidth = max(DisplayWidth.columns(of: footer), widths.reduce(0, +) + gap * (columns.count - 1))
        let tallest = columns.map(\.count).max() ?? 0
        let boxCols = min(area.cols, contentWidth + 4)
        let boxRows = min(area.rows, tallest + 4)
        guard boxCols >= 6, boxRows >= 4 else { return }
        let rect = Rect(row: area.row + (area.rows - boxRows) / 2, col: area.col + (area.cols - boxCols) / 2,
                        rows: boxRows, cols: boxCols)
        screen.fill(rect)
        Layout.box(rect, title: "Keys", in: &screen)
        let inner = (rect.col + 2)..<(rect.col + rect.cols - 2)
        let capacity = boxRows - 4 // border rows, blank row, footer row
        var left = inner.lowerBound
        for (c, column) in columns.enumerated() {
            let clip = left..<min(inner.upperBound, left + widths[c] + (c == columns.count - 1 ? inner.count : 0))
            for (i, line) in column.prefix(capacity).enumerated() {
                let isHeading = Self.isHeading(line)
                let cut = i == capacity - 1 && column.count > capacity
                screen.put(cut ? "… (enlarge the window for more)" : line, row: rect.row + 1 + i, col: left,
                           style: isHeading ? CellStyle(.title) : .plain, clip: cut ? inner : clip)
            }
            left += widths[c] + gap
        }
        screen.put(footer, row: rect.row + rect.rows - 2, col: inner.lowerBound, style: CellStyle(.chrome), clip: inner)
    }

    /// `lines` split into two columns at the group boundary that balances
    /// them best, when one column is taller than `rows` and two fit in
    /// `rows` × `cols`; nil otherwise.
    /// `atHeadings`: split before a group's heading (for ``compact(_:)`` lines, which have
    /// no blank line between groups) instead of at a blank line.
    static func twoColumns(_ lines: [String], rows: Int, cols: Int, atHeadings: Bool = false) -> [[String]]? {
        guard lines.count > rows else { return nil }
        var best: (Int, Int)? = nil // (taller column, split index)
        let skip = atHeadings ? 0 : 1 // the blank line itself is in neither column
        for (i, line) in lines.enumerated() where atHeadings ? i > 0 && isHeading(line) : line.isEmpty {
            let taller = max(i, lines.count - i - skip)
            if best == nil || taller < best!.0 { best = (taller, i) }
        }
        guard let (taller, split) = best, taller <= rows else { return nil }
        let columns = [Array(lines[..<split]), Array(lines[(split + skip)...])]
        let width = columns.map { $0.map { DisplayWidth.columns(of: $0) }.max() ?? 0 }.reduce(0, +) + 3
        return width <= cols ? columns : nil
    }

    /// `lines` without the blank lines between groups.
    static func compact(_ lines: [String]) -> [String] { lines.filter { !$0.isEmpty } }

    /// A group's heading (``Keymap/helpLines()`` indents the bindings).
    static func isHeading(_ line: String) -> Bool { !line.isEmpty && !line.hasPrefix(" ") }
}
