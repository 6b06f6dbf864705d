import ExhibitUI

/// What the fake engine thread posts.
enum DemoMessage: Sendable {
    /// Percent done, 0–100.
    case progress(Int)
}

/// The demo's whole state, changed only by `update` and drawn by `render`
/// (pure: the same state always gives the same screen).
struct DemoModel {
    struct Pane {
        var title: String
        var marked: Marked
        var view: TextPane
        var base: StyleSpans
        var hits: [Range<Int>] = []
        var hitSpans = StyleSpans()
    }

    let keymap = DemoKeys.keymap
    let catalog: ThemeCatalog
    var theme: Theme
    var themeMessage: String?
    var panes: [Pane]
    var focusedPane = 0
    var passageCount: Int
    var focusedPassage: Int? = nil
    var showHelp = false
    var searchInput: String? = nil
    var searchTerm = ""
    var progress = 0
    var lastKey = ""
    var size: Size
    let crashKey: Bool

    init(catalog: ThemeCatalog, themeName: String, size: Size, crashKey: Bool) {
        self.catalog = catalog
        let selection = catalog.select(themeName)
        theme = selection.theme
        themeMessage = selection.error?.description
        let work = Marked.parse(SampleText.work)
        let output = Marked.parse(SampleText.output)
        panes = [
            Pane(title: "Work · lighthouse-ledger", marked: work, view: TextPane(text: work.text), base: work.spans),
            Pane(title: "Output · demo-model #1", marked: output, view: TextPane(text: output.text), base: output.spans),
        ]
        passageCount = Set(work.verbatim.map(\.passage)).count
        self.size = size
        self.crashKey = crashKey
        layout()
    }

    // MARK: Geometry

    /// Rows of text visible in each pane (between header and status line).
    var textRows: Int { max(1, size.rows - 3) }

    func paneRect(_ i: Int) -> Rect {
        let leftCols = (size.cols - 1) / 2
        if i == 0 { return Rect(row: 2, col: 1, rows: textRows, cols: leftCols - 2) }
        return Rect(row: 2, col: leftCols + 2, rows: textRows, cols: size.cols - leftCols - 3)
    }

    mutating func layout() {
        guard !Layout.isTooSmall(size) else { return }
        for i in panes.indices { panes[i].view.layout(width: paneRect(i).cols) }
    }

    // MARK: Update

    mutating func update(_ event: Event<DemoMessage>) -> LoopAction {
        switch event {
        case .terminate:
            return .quit
        case .tick:
            return .continue
        case .message(.progress(let p)):
            progress = p
            return .continue
        case .resize(let newSize):
            size = newSize
            layout()
            return .continue
        case .mouse(let m):
            mouse(m)
            return .continue
        case .paste:
            return .continue
        case .key(let key):
            lastKey = key.displayName
            return self.key(key)
        }
    }

    mutating func mouse(_ m: MouseEvent) {
        guard !Layout.isTooSmall(size), !showHelp else { return }
        let pane = m.col <= (size.cols - 1) / 2 ? 0 : 1
        switch m.kind {
        case .wheelDown: panes[pane].view.scroll(by: 3, visibleRows: textRows)
        case .wheelUp: panes[pane].view.scroll(by: -3, visibleRows: textRows)
        case .press(button: 1): focusedPane = pane
        default: break
        }
    }

    mutating func key(_ key: Key) -> LoopAction {
        if searchInput != nil {
            searchKey(key)
            return .continue
        }
        if crashKey && key == .character("!") {
            fatalError("crash requested with --crash-key")
        }
        let action = keymap.action(for: key)
        if showHelp {
            switch action {
            case .help, .close: showHelp = false
            case .quit: return .quit
            default: break
            }
            return .continue
        }
        if Layout.isTooSmall(size) {
            return action == .quit ? .quit : .continue
        }
        let rows = textRows
        switch action {
        case .scrollDown: panes[focusedPane].view.scroll(by: 1, visibleRows: rows)
        case .scrollUp: panes[focusedPane].view.scroll(by: -1, visibleRows: rows)
        case .pageDown: panes[focusedPane].view.scroll(by: max(1, rows - 2), visibleRows: rows)
        case .pageUp: panes[focusedPane].view.scroll(by: -max(1, rows - 2), visibleRows: rows)
        case .top: panes[focusedPane].view.scroll(to: 0, visibleRows: rows)
        case .bottom: panes[focusedPane].view.scroll(to: Int.max / 2, visibleRows: rows)
        case .nextPassage: focusPassage(focusedPassage.map { ($0 + 1) % passageCount } ?? 0)
        case .previousPassage: focusPassage(focusedPassage.map { ($0 + passageCount - 1) % passageCount } ?? passageCount - 1)
        case .search: searchInput = ""
        case .nextMatch: jumpToMatch(after: true)
        case .focusNextPane: focusedPane = 1 - focusedPane
        case .focusLeftPane: focusedPane = 0
        case .focusRightPane: focusedPane = 1
        case .cycleTheme:
            let selection = catalog.select(catalog.name(after: theme.name))
            theme = selection.theme
            themeMessage = selection.error?.description
        case .help: showHelp = true
        case .close: break
        case .quit: return .quit
        default: break
        }
        return .continue
    }

    /// Focuses passage `i` and brings both panes to its start.
    mutating func focusPassage(_ i: Int) {
        guard passageCount > 0 else { return }
        focusedPassage = i
        for p in panes.indices {
            if let range = panes[p].marked.passageRange(i + 1) {
                panes[p].view.reveal(offset: range.lowerBound, visibleRows: textRows)
            }
        }
    }

    mutating func searchKey(_ key: Key) {
        switch key {
        case .escape: searchInput = nil
        case .enter:
            searchTerm = searchInput ?? ""
            searchInput = nil
            for p in panes.indices { findHits(p) }
            jumpToMatch(after: false)
        case .backspace: if searchInput?.isEmpty == false { searchInput?.removeLast() }
        case .character(let c): searchInput?.append(c)
        default: break
        }
    }

    /// Case-insensitive (ASCII) substring search by Unicode scalars.
    mutating func findHits(_ p: Int) {
        let needle = Array(searchTerm.lowercased().unicodeScalars)
        var hits: [Range<Int>] = []
        if !needle.isEmpty {
            let hay = panes[p].marked.text.unicodeScalars.map { s -> Unicode.Scalar in
                s.isASCII ? Unicode.Scalar(UInt8(ascii: s).lowercasedASCII) : s
            }
            var i = 0
            while i + needle.count <= hay.count {
                if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle {
                    hits.append(i..<(i + needle.count))
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
        panes[p].hits = hits
        panes[p].hitSpans = StyleSpans(hits.map { ($0, Role.searchMatch) })
    }

    /// Scrolls the focused pane to the first hit below its top line
    /// (`after`: strictly below, for "next match"), wrapping around.
    mutating func jumpToMatch(after: Bool) {
        let pane = panes[focusedPane]
        guard !pane.hits.isEmpty else { return }
        let top = pane.view.top
        let target = pane.hits.first { h in
            let line = pane.view.lineIndex(of: h.lowerBound)
            return after ? line > top + 2 : line >= top
        } ?? pane.hits[0]
        panes[focusedPane].view.reveal(offset: target.lowerBound, visibleRows: textRows)
    }

    // MARK: Render

    func render() -> Screen {
        var screen = Screen(size: size)
        if Layout.isTooSmall(size) {
            TooSmallNotice.draw(into: &screen)
            return screen
        }
        let header = CellStyle(.status)
        screen.fill(Rect(row: 0, col: 0, rows: 1, cols: size.cols), style: header)
        screen.put(" Exhibit demo — two panes, no case loaded", row: 0, col: 0, style: header)
        let engine = progress >= 100 ? "engine done" : "engine \(progress)%"
        let right = "\(engine) "
        screen.put(right, row: 0, col: size.cols - DisplayWidth.columns(of: right), style: header)

        let divider = (size.cols - 1) / 2
        for r in 1..<(size.rows - 1) {
            screen.put("│", row: r, col: divider, style: CellStyle(.chrome))
        }
        for p in panes.indices { drawPane(p, into: &screen) }
        drawStatus(into: &screen)
        if showHelp { HelpOverlay.draw(into: &screen, keymap: keymap) }
        return screen
    }

    func drawPane(_ p: Int, into screen: inout Screen) {
        let pane = panes[p]
        let rect = paneRect(p)
        let focused = p == focusedPane
        let marker = focused ? "▶ " : "  "
        let position = "\(min(pane.view.top + 1, pane.view.lines.count))/\(pane.view.lines.count)"
        let headerClip = (rect.col - 1)..<(rect.col + rect.cols + 1)
        screen.put(marker + pane.title, row: 1, col: rect.col - 1,
                   style: focused ? CellStyle(.title) : CellStyle(.chrome), clip: headerClip)
        screen.put(position, row: 1, col: rect.col + rect.cols - DisplayWidth.columns(of: position),
                   style: CellStyle(.chrome), clip: headerClip)
        let focus = focusedPassage.flatMap { pane.marked.passageRange($0 + 1) }
        pane.view.draw(into: &screen, rect: rect) { offset in
            var roles = pane.base.roles(at: offset)
            roles.formUnion(pane.hitSpans.roles(at: offset))
            if let focus, focus.contains(offset) { roles.insert(Roles(.focused)) }
            return CellStyle(roles: roles)
        }
    }

    func drawStatus(into screen: inout Screen) {
        let row = size.rows - 1
        let style = CellStyle(.status)
        screen.fill(Rect(row: row, col: 0, rows: 1, cols: size.cols), style: style)
        if let input = searchInput {
            screen.put("/" + input + "▏", row: row, col: 0, style: style)
            return
        }
        var left = " "
        if let i = focusedPassage {
            let words = panes[1].marked.verbatim.filter { $0.passage == i + 1 }
                .map { panes[1].marked.text.unicodeScalars.dropFirst($0.range.lowerBound).prefix($0.range.count) }
                .reduce(0) { $0 + String(String.UnicodeScalarView($1)).split(separator: " ").count }
            left += "passage \(i + 1)/\(passageCount) · \(words) verbatim words"
        } else {
            left += "\(passageCount) passages · n/N to visit"
        }
        if !searchTerm.isEmpty {
            left += " · /\(searchTerm): \(panes[focusedPane].hits.count) hits"
        }
        if let message = themeMessage {
            screen.put(left + " · ", row: row, col: 0, style: style)
            screen.put(message, row: row, col: DisplayWidth.columns(of: left) + 3, style: CellStyle(.status, .error))
            return
        }
        let right = "key \(lastKey.isEmpty ? "-" : lastKey) · theme \(theme.name) · ? help · q quit "
        screen.put(left, row: row, col: 0, style: style)
        let rightCol = max(DisplayWidth.columns(of: left) + 1, size.cols - DisplayWidth.columns(of: right))
        screen.put(right, row: row, col: rightCol, style: style)
    }
}

private extension UInt8 {
    var lowercasedASCII: UInt8 { (65...90).contains(self) ? self + 32 : self }
}
