import ExhibitUI

/// The `?` help: a box listing the keys of the screen, generated from the key tables
/// (``AppModel/helpKeymap``: the global table and the layers that can open now), so it
/// cannot drift from what the keys do. `?` or Esc closes it, q quits; other keys do
/// nothing under it.
struct HelpLayer: Layer {
    /// The table listed, taken when the help opens.
    let listing: Keymap<Action>

    /// Where the figures are defined, after the footer.
    static let note = "every figure is defined in docs/figures.md"

    func frame(in size: Size) -> Rect { Rect(row: 0, col: 0, rows: size.rows, cols: size.cols) }

    mutating func update(_ action: Action?, rect: Rect) -> LayerReply {
        switch action {
        case .help, .close: return .close
        case .quit: return LayerReply(effects: [.quit])
        default: return .stay
        }
    }

    func render(into screen: inout Screen, rect: Rect) {
        HelpOverlay.draw(into: &screen, keymap: listing, note: Self.note, in: rect)
    }
}

extension AppModel {
    /// What the help lists: the global table, then the keys of the layers that can open
    /// now (``LayerRegistry``), each under its group.
    var helpKeymap: Keymap<Action> {
        Keymap(bindings: keymap.bindings + LayerRegistry.openers.filter { $0.offered(self) }.map(\.binding))
    }
}
