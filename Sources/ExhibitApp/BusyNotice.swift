import ExhibitUI

/// What the screen says while the UI thread does slow work that a key or a
/// resize started: re-wrapping a long document, opening a pair. The shell
/// draws ``AppModel/render(busy:)`` before handing the event to
/// ``AppModel/update(_:)``, so the screen never freezes without a word.
extension AppModel {
    /// Characters of open text above which a resize says it is re-wrapping.
    static let busyTextLength = 1_000_000

    /// The notice for `event` when it starts slow work, else nil.
    public func busyNotice(for event: Event<AppMessage>) -> String? {
        if Layout.isTooSmall(size) { return nil }
        switch event {
        case .resize:
            let texts = (pair?.panes.map(\.text) ?? []) + (reconstruction.map { [$0.pane.text] } ?? [])
            let length = texts.reduce(0) { $0 + $1.utf8.count }
            guard length >= Self.busyTextLength else { return nil }
            return "re-wrapping \(Format.count(length / 1_000_000)) MB of text for the new size…"
        case .key(let k):
            guard tools.list == nil, layers.isEmpty,
                  route == .overview, keymap.action(for: k) == .open else { return nil }
            return "opening… (long documents take a moment to lay out)"
        default:
            return nil
        }
    }

    /// The current screen with `busy` in the status line.
    public func render(busy: String) -> Screen {
        var screen = render()
        let row = size.rows - 1
        screen.fill(Rect(row: row, col: 0, rows: 1, cols: size.cols), style: CellStyle(.status))
        screen.put(Format.fit(" " + busy, size.cols - 8), row: row, col: 0, style: CellStyle(.status))
        screen.put("[busy]", row: row, col: size.cols - 7, style: CellStyle(.status))
        return screen
    }
}
