/// A size in terminal cells.
public struct Size: Hashable, Sendable {
    /// Height in cells.
    public var rows: Int
    /// Width in cells.
    public var cols: Int
    /// A size of `rows` × `cols` cells.
    public init(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
    }
}

/// A rectangle of cells: `rows` × `cols` starting at (`row`, `col`).
public struct Rect: Hashable, Sendable {
    /// Top row.
    public var row: Int
    /// Left column.
    public var col: Int
    /// Height in cells.
    public var rows: Int
    /// Width in cells.
    public var cols: Int
    /// A rectangle; negative sizes count as 0.
    public init(row: Int, col: Int, rows: Int, cols: Int) {
        self.row = row
        self.col = col
        self.rows = max(0, rows)
        self.cols = max(0, cols)
    }
    /// Columns covered, half-open.
    public var colRange: Range<Int> { col..<(col + cols) }
    /// Rows covered, half-open.
    public var rowRange: Range<Int> { row..<(row + rows) }
}

/// One terminal cell.
public struct Cell: Equatable, Sendable {
    /// The glyph: one spacing scalar plus combining marks; empty for the
    /// continuation cell right of a wide glyph.
    public var text: String
    /// Columns the glyph takes: 1, 2 (lead of a wide glyph) or 0 (continuation).
    public var width: UInt8
    /// What the cell means; the theme decides its look.
    public var style: CellStyle

    /// A cell; keep the lead/continuation invariant of ``Screen``.
    public init(text: String, width: UInt8, style: CellStyle) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A blank cell with `style`.
    public static func blank(_ style: CellStyle = .plain) -> Cell {
        Cell(text: " ", width: 1, style: style)
    }

    /// True for the right half of a wide glyph; the backend skips these.
    public var isContinuation: Bool { width == 0 }
}

/// An in-memory grid of cells: the whole UI renders into one, tests snapshot
/// it, and the terminal backend copies it to ncurses.
///
/// Invariant: a cell of width 2 is always followed by a continuation cell in
/// the same row, and a continuation cell always follows a width-2 cell.
public struct Screen: Equatable, Sendable {
    /// Height in cells.
    public let rows: Int
    /// Width in cells.
    public let cols: Int
    /// Row-major cells, `rows * cols` of them.
    public private(set) var cells: [Cell]

    /// A blank screen of the given size (negative sizes count as 0).
    public init(rows: Int, cols: Int, style: CellStyle = .plain) {
        self.rows = max(0, rows)
        self.cols = max(0, cols)
        self.cells = Array(repeating: .blank(style), count: self.rows * self.cols)
    }

    /// A blank screen of `size`.
    public init(size: Size, style: CellStyle = .plain) {
        self.init(rows: size.rows, cols: size.cols, style: style)
    }

    /// The screen's size.
    public var size: Size { Size(rows: rows, cols: cols) }

    /// The cell at (`row`, `col`); both must be in range.
    public subscript(row: Int, col: Int) -> Cell {
        cells[row * cols + col]
    }

    /// Writes one cell, repairing any wide glyph it cuts in half (the other
    /// half becomes a blank in that glyph's style).
    mutating func set(_ row: Int, _ col: Int, _ cell: Cell) {
        guard row >= 0, row < rows, col >= 0, col < cols else { return }
        let i = row * cols + col
        let old = cells[i]
        if old.isContinuation, col > 0 {
            cells[i - 1] = .blank(cells[i - 1].style)
        }
        if old.width == 2, col + 1 < cols, cell.width != 2 {
            cells[i + 1] = .blank(old.style)
        }
        cells[i] = cell
    }

    /// Fills `rect` (clipped to the screen) with blanks of `style`.
    public mutating func fill(_ rect: Rect, style: CellStyle = .plain) {
        for r in rect.rowRange where r >= 0 && r < rows {
            for c in rect.colRange where c >= 0 && c < cols {
                set(r, c, .blank(style))
            }
        }
    }

    /// Blanks the whole screen with `style`.
    public mutating func clear(style: CellStyle = .plain) {
        cells = Array(repeating: .blank(style), count: rows * cols)
    }

    /// Changes the style of the cells in `rect` without changing their text
    /// (e.g. to add `selection` to a region already drawn).
    public mutating func restyle(_ rect: Rect, _ transform: (CellStyle) -> CellStyle) {
        for r in rect.rowRange where r >= 0 && r < rows {
            for c in rect.colRange where c >= 0 && c < cols {
                cells[r * cols + c].style = transform(cells[r * cols + c].style)
            }
        }
    }

    /// Draws `text` on one row starting at column `col`.
    ///
    /// Each grapheme cluster becomes cells under ``DisplayWidth/glyphs(of:)``:
    /// wide glyphs take a lead cell and a continuation cell, combining marks
    /// ride on their base, control characters and escape sequences appear as
    /// visible escapes (styled with the `escape` role added), never raw.
    /// Only columns inside `clip` (half-open, in cells; default: the whole
    /// row) are written; a wide glyph that would straddle either clip edge
    /// is replaced by a blank in its style, never split. Line breaks are not
    /// interpreted (they show as escapes): wrap first with ``SoftWrap``.
    ///
    /// - Returns: the column after the last glyph drawn; when the text was cut
    ///   at the right clip edge, a value ≥ `clip.upperBound`.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, row: Int, col: Int,
                             style: CellStyle = .plain, clip: Range<Int>? = nil) -> Int {
        var x = col
        let bounds = effectiveClip(clip)
        guard row >= 0, row < rows else { return col }
        for ch in text {
            if x >= bounds.upperBound { return x }
            x = putCharacter(ch, row: row, x: x, style: style, clip: bounds)
        }
        return x
    }

    /// Draws the part of `text` that a soft-wrapped `line` shows, styling
    /// each grapheme cluster with `styleAt(offset)` where `offset` is the
    /// Unicode scalar offset (into all of `text`) of the cluster's first
    /// scalar. This is how views mark tokens given as scalar ranges.
    ///
    /// - Returns: as ``put(_:row:col:style:clip:)``.
    @discardableResult
    public mutating func put(line: WrappedLine, of text: String, row: Int, col: Int,
                             clip: Range<Int>? = nil, styleAt: (Int) -> CellStyle) -> Int {
        var x = col
        let bounds = effectiveClip(clip)
        guard row >= 0, row < rows else { return col }
        var offset = line.scalars.lowerBound
        for ch in text[line.indices] {
            if x >= bounds.upperBound { return x }
            x = putCharacter(ch, row: row, x: x, style: styleAt(offset), clip: bounds)
            offset += ch.unicodeScalars.count
        }
        return x
    }

    private func effectiveClip(_ clip: Range<Int>?) -> Range<Int> {
        let whole = 0..<cols
        guard let clip else { return whole }
        return clip.clamped(to: whole)
    }

    private mutating func putCharacter(_ ch: Character, row: Int, x start: Int, style: CellStyle,
                                       clip: Range<Int>) -> Int {
        var x = start
        // Fast path: printable ASCII is one cell and needs no glyph analysis.
        if let ascii = ch.asciiValue, ascii >= 0x20, ascii < 0x7F {
            if x >= clip.lowerBound { set(row, x, Cell(text: String(ch), width: 1, style: style)) }
            return x + 1
        }
        for glyph in DisplayWidth.glyphs(of: ch) {
            if x >= clip.upperBound { return x }
            let cellStyle = glyph.isEscape ? style.adding(.escape) : style
            if glyph.width == 2 {
                let leadInside = x >= clip.lowerBound
                let tailInside = x + 1 < clip.upperBound && x + 1 >= clip.lowerBound
                if leadInside && tailInside {
                    set(row, x, Cell(text: glyph.text, width: 2, style: cellStyle))
                    let next = row * cols + x + 1
                    if cells[next].width == 2, x + 2 < cols { cells[next + 1] = .blank(cells[next].style) }
                    cells[next] = Cell(text: "", width: 0, style: cellStyle)
                } else {
                    // Straddles a clip edge: pad the visible half instead of splitting.
                    if leadInside { set(row, x, .blank(cellStyle)) }
                    if tailInside { set(row, x + 1, .blank(cellStyle)) }
                }
                x += 2
            } else {
                if x >= clip.lowerBound {
                    set(row, x, Cell(text: glyph.text, width: 1, style: cellStyle))
                }
                x += 1
            }
        }
        return x
    }

    /// The screen as text, one line per row, each wide glyph once (as
    /// `tmux capture-pane` shows it); trailing blanks of each row are trimmed
    /// unless `trimTrailing` is false.
    public func textSnapshot(trimTrailing: Bool = true) -> String {
        var lines: [String] = []
        lines.reserveCapacity(rows)
        for r in 0..<rows {
            var line = ""
            for c in 0..<cols {
                let cell = cells[r * cols + c]
                if !cell.isContinuation { line += cell.text }
            }
            if trimTrailing {
                while line.last == " " { line.removeLast() }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// Runs of equally styled cells, one per line as
    /// `row:start..<end style`, columns half-open, skipping plain runs
    /// (unless `includePlain`). Compact enough to compare in tests.
    public func styleSnapshot(includePlain: Bool = false) -> String {
        var out: [String] = []
        for r in 0..<rows {
            var c = 0
            while c < cols {
                let style = cells[r * cols + c].style
                var end = c + 1
                while end < cols && cells[r * cols + end].style == style { end += 1 }
                if includePlain || style != .plain {
                    out.append("\(r):\(c)..<\(end) \(style.description)")
                }
                c = end
            }
        }
        return out.joined(separator: "\n")
    }
}
