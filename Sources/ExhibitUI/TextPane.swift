/// A scrollable, soft-wrapped view of one text (a work, an output, a
/// prompt). It keeps the wrap for the current width and the first visible
/// line; the caller decides the style of each scalar when drawing.
public struct TextPane: Sendable {
    /// The text shown (never modified).
    public let text: String
    /// Visual lines for ``wrapWidth``.
    public private(set) var lines: [WrappedLine]
    /// Width in cells the text is wrapped to.
    public private(set) var wrapWidth: Int
    /// Index of the first visible visual line.
    public private(set) var top: Int = 0

    /// A pane showing `text` wrapped to `width` cells.
    public init(text: String, width: Int = 80) {
        self.text = text
        self.wrapWidth = max(1, width)
        self.lines = SoftWrap.wrap(text, width: self.wrapWidth)
    }

    /// Re-wraps for a new width, keeping the scalar at the top visible.
    public mutating func layout(width: Int) {
        let w = max(1, width)
        guard w != wrapWidth else { return }
        let anchor = lines[min(top, lines.count - 1)].scalars.lowerBound
        wrapWidth = w
        lines = SoftWrap.wrap(text, width: w)
        top = SoftWrap.lineIndex(containing: anchor, in: lines)
    }

    /// Largest sensible ``top`` for `visibleRows` rows.
    public func maxTop(visibleRows: Int) -> Int {
        max(0, lines.count - max(1, visibleRows))
    }

    /// Scrolls by `delta` lines (negative: up), clamped.
    public mutating func scroll(by delta: Int, visibleRows: Int) {
        top = min(max(0, top + delta), maxTop(visibleRows: visibleRows))
    }

    /// Scrolls to line `line`, clamped.
    public mutating func scroll(to line: Int, visibleRows: Int) {
        top = min(max(0, line), maxTop(visibleRows: visibleRows))
    }

    /// Scrolls so the line showing scalar `offset` is `context` rows below
    /// the top (or as close as the ends allow). Used to bring both panes to
    /// the focused passage.
    public mutating func reveal(offset: Int, visibleRows: Int, context: Int = 2) {
        let line = SoftWrap.lineIndex(containing: offset, in: lines)
        scroll(to: line - context, visibleRows: visibleRows)
    }

    /// Index of the visual line showing scalar `offset`.
    public func lineIndex(of offset: Int) -> Int {
        SoftWrap.lineIndex(containing: offset, in: lines)
    }

    /// Draws the visible lines into `rect`, each cluster styled by
    /// `styleAt(scalar offset)`; rows below the text are blanked.
    public func draw(into screen: inout Screen, rect: Rect, styleAt: (Int) -> CellStyle) {
        screen.fill(rect)
        for r in 0..<rect.rows {
            let i = top + r
            guard i < lines.count else { break }
            screen.put(line: lines[i], of: text, row: rect.row + r, col: rect.col,
                       clip: rect.colRange, styleAt: styleAt)
        }
    }
}

/// Roles for scalar ranges of one text (verbatim tokens, the focused
/// passage, search hits...), queried per offset while drawing. Overlapping
/// ranges combine their roles.
public struct StyleSpans: Sendable {
    /// Piecewise-constant roles: `starts[i]..<starts[i+1]` has `roles[i]`.
    private var starts: [Int] = []
    private var roles: [Roles] = []

    /// Builds the spans from (half-open scalar range, role) pairs in any order.
    public init(_ spans: [(Range<Int>, Role)] = []) {
        var events: [(at: Int, role: Role, delta: Int)] = []
        for (range, role) in spans where !range.isEmpty {
            events.append((range.lowerBound, role, 1))
            events.append((range.upperBound, role, -1))
        }
        events.sort { $0.at < $1.at }
        var counts = Array(repeating: 0, count: Role.allCases.count)
        var i = 0
        while i < events.count {
            let at = events[i].at
            while i < events.count && events[i].at == at {
                counts[events[i].role.rawValue] += events[i].delta
                i += 1
            }
            var set: Roles = []
            for (r, n) in counts.enumerated() where n > 0 { set.insert(Roles(Role.allCases[r])) }
            if let last = roles.last, last == set { continue }
            starts.append(at)
            roles.append(set)
        }
    }

    /// The roles covering scalar `offset` (empty outside every span).
    public func roles(at offset: Int) -> Roles {
        var lo = 0
        var hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? [] : roles[lo - 1]
    }

    /// ``roles(at:)`` as a cell style.
    public func style(at offset: Int) -> CellStyle {
        CellStyle(roles: roles(at: offset))
    }
}
