import ExhibitUI

/// Soft-wrapped panes of recently shown documents, so a long novel is
/// wrapped once per width, not every time a pair of it is opened.
struct PaneCache: Sendable {
    /// How many documents are kept.
    static let capacity = 12
    private var entries: [(key: String, pane: TextPane)] = []

    /// A pane of `text` wrapped to `width` cells, scrolled to the top.
    /// `key` names the document (e.g. `w3`, `o17`).
    mutating func pane(_ key: String, text: String, width: Int) -> TextPane {
        var pane: TextPane
        if let i = entries.firstIndex(where: { $0.key == key }) {
            pane = entries.remove(at: i).pane
            pane.layout(width: width)
        } else {
            pane = TextPane(text: text, width: width)
        }
        pane.scroll(to: 0, visibleRows: 1)
        store(key, pane)
        return pane
    }

    /// Remembers `pane` (e.g. after a re-wrap on resize).
    mutating func store(_ key: String, _ pane: TextPane) {
        entries.removeAll { $0.key == key }
        entries.append((key, pane))
        if entries.count > PaneCache.capacity { entries.removeFirst() }
    }
}
