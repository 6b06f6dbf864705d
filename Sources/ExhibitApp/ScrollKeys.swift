import ExhibitUI

/// How far the scrolling actions move a list or text, in rows: the one rule every
/// view, overlay and layer follows (j/k a row, PgDn/PgUp a page, g/G to an end).
enum ScrollKeys {
    /// Rows `action` moves by with `page` rows to a page (positive is down); a move to
    /// an end is a large number the caller clamps. Nil for an action that does not scroll.
    static func delta(_ action: Action?, page: Int) -> Int? {
        switch action {
        case .scrollDown: 1
        case .scrollUp: -1
        case .pageDown: page
        case .pageUp: -page
        case .top: -Int.max / 2
        case .bottom: Int.max / 2
        default: nil
        }
    }
}
