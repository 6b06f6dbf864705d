/// One visual line of soft-wrapped text.
public struct WrappedLine: Equatable, Sendable {
    /// The Unicode scalars of the source text this line shows, as a half-open
    /// range of scalar offsets from the start of the text. Includes the
    /// spaces the line was broken at (they hang past the right edge and are
    /// not drawn); excludes hard line breaks.
    public var scalars: Range<Int>
    /// The same range as string indices, to slice the text in O(1).
    public var indices: Range<String.Index>
    /// Columns (cells) of visible content, trailing hanging spaces excluded.
    public var columns: Int
    /// True for the first visual line of a hard line (paragraph or line of
    /// the source), false for a continuation made by wrapping.
    public var startsHardLine: Bool

    /// A visual line; `scalars` and `indices` must cover the same text.
    public init(scalars: Range<Int>, indices: Range<String.Index>, columns: Int, startsHardLine: Bool) {
        self.scalars = scalars
        self.indices = indices
        self.columns = columns
        self.startsHardLine = startsHardLine
    }
}

/// Soft wrap of prose for a pane of a given width.
public enum SoftWrap {
    /// Wraps `text` into lines of at most `width` cells (values below 1 count
    /// as 1).
    ///
    /// Lines break at spaces, and before or after a wide (CJK, emoji)
    /// glyph, since those scripts do not separate words with spaces. A word
    /// is never cut unless it alone is wider than `width`; then it is cut
    /// between grapheme clusters. LF, CR, CRLF, U+2028 and U+2029 are hard
    /// breaks; an empty source line gives one empty visual line. Widths are
    /// those of ``DisplayWidth/columns(of:)-(Character)``, the same the
    /// drawing uses.
    ///
    /// - Returns: the visual lines in order; their scalar ranges are
    ///   ascending and disjoint, and the only scalars between two of them
    ///   are hard line breaks. An empty text gives one empty line.
    public static func wrap(_ text: String, width: Int) -> [WrappedLine] {
        var wrapper = Wrapper(text: text, width: max(1, width))
        wrapper.run()
        return wrapper.lines
    }

    /// Index of the line showing scalar `offset` (a hard break belongs to the
    /// line before it; offsets past the end belong to the last line).
    public static func lineIndex(containing offset: Int, in lines: [WrappedLine]) -> Int {
        var lo = 0
        var hi = lines.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lines[mid].scalars.lowerBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        return max(0, lo - 1)
    }

    /// Column (cells from the line start) at which scalar `offset` is drawn
    /// on `line` of `text`; offsets past the line's end give its end column.
    public static func column(of offset: Int, on line: WrappedLine, in text: String) -> Int {
        var col = 0
        var at = line.scalars.lowerBound
        for ch in text[line.indices] {
            let n = ch.unicodeScalars.count
            if at + n > offset { break }
            col += DisplayWidth.columns(of: ch)
            at += n
        }
        return col
    }
}

private struct Wrapper {
    enum Kind { case word, space, wide, hardBreak }
    struct Piece {
        var kind: Kind
        var offset: Int
        var index: String.Index
        var endOffset: Int
        var endIndex: String.Index
        var cols: Int
    }

    let text: String
    let width: Int
    var lines: [WrappedLine] = []

    // State of the line being built.
    var lineOffset = 0
    var lineIndex: String.Index
    var lineCols = 0
    var hanging = 0
    var hasContent = false
    var startsHardLine = true

    init(text: String, width: Int) {
        self.text = text
        self.width = width
        self.lineIndex = text.startIndex
    }

    static func isHardBreak(_ ch: Character) -> Bool {
        ch == "\n" || ch == "\r\n" || ch == "\r" || ch == "\u{2028}" || ch == "\u{2029}"
    }

    static func isBreakingSpace(_ ch: Character) -> Bool {
        if ch == " " || ch == "\t" { return true }
        guard ch.unicodeScalars.count == 1, let s = ch.unicodeScalars.first else { return false }
        // No-break spaces keep their words together.
        if s.value == 0xA0 || s.value == 0x2007 || s.value == 0x202F { return false }
        return s.properties.isWhitespace && s.value >= 0x80
    }

    mutating func run() {
        var offset = 0
        var index = text.startIndex
        var piece: Piece? = nil
        while index < text.endIndex {
            let ch = text[index]
            let next = text.index(after: index)
            let n = ch.unicodeScalars.count
            let kind: Kind
            let cols: Int
            if Wrapper.isHardBreak(ch) {
                kind = .hardBreak
                cols = 0
            } else if Wrapper.isBreakingSpace(ch) {
                kind = .space
                cols = DisplayWidth.columns(of: ch)
            } else {
                cols = DisplayWidth.columns(of: ch)
                kind = cols == 2 ? .wide : .word
            }
            if var p = piece, p.kind == kind, kind == .word || kind == .space {
                p.endOffset = offset + n
                p.endIndex = next
                p.cols += cols
                piece = p
            } else {
                if let p = piece { place(p) }
                piece = Piece(kind: kind, offset: offset, index: index, endOffset: offset + n,
                              endIndex: next, cols: cols)
            }
            offset += n
            index = next
        }
        if let p = piece { place(p) }
        emit(endOffset: offset, endIndex: text.endIndex)
    }

    mutating func emit(endOffset: Int, endIndex: String.Index) {
        lines.append(WrappedLine(scalars: lineOffset..<endOffset, indices: lineIndex..<endIndex,
                                 columns: lineCols, startsHardLine: startsHardLine))
    }

    mutating func startLine(at offset: Int, _ index: String.Index, hard: Bool) {
        lineOffset = offset
        lineIndex = index
        lineCols = 0
        hanging = 0
        hasContent = false
        startsHardLine = hard
    }

    mutating func place(_ p: Piece) {
        switch p.kind {
        case .hardBreak:
            emit(endOffset: p.offset, endIndex: p.index)
            startLine(at: p.endOffset, p.endIndex, hard: true)
        case .space where hasContent:
            // Spaces after content hang: a break here costs no column.
            hanging += p.cols
        case .word, .wide, .space:
            if hasContent {
                if lineCols + hanging + p.cols <= width {
                    lineCols += hanging + p.cols
                    hanging = 0
                    return
                }
                emit(endOffset: p.offset, endIndex: p.index)
                startLine(at: p.offset, p.index, hard: false)
            }
            if p.cols <= width {
                lineCols = p.cols
                hasContent = true
            } else {
                placeCut(p)
            }
        }
    }

    /// A piece wider than the whole line: cut between grapheme clusters.
    mutating func placeCut(_ p: Piece) {
        var offset = p.offset
        var index = p.index
        while index < p.endIndex {
            let ch = text[index]
            let cols = DisplayWidth.columns(of: ch)
            if hasContent && lineCols + cols > width {
                emit(endOffset: offset, endIndex: index)
                startLine(at: offset, index, hard: false)
            }
            lineCols += cols
            hasContent = true
            offset += ch.unicodeScalars.count
            index = text.index(after: index)
        }
    }
}
