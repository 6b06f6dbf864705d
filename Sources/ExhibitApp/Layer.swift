import ExhibitCore
import ExhibitUI

/// A component of the review screen that sits on the layer stack (``LayerStack``):
/// a view, list or dialog drawn over the screen below it. It updates from an action
/// and answers with what follows (``LayerReply``), draws into the rectangle it is
/// given, and has its own key table, consulted before the global one (a view's
/// bindings first, then ``GlobalKeys/keymap``, as tig's `get_keybinding` resolves keys
/// per view before the generic ones).
protocol Layer: Sendable {
    /// Keys of this layer, resolved before the global table; empty by default.
    var keymap: Keymap<Action> { get }
    /// Where the layer draws on a screen of `size`, in cells. Computed when the
    /// layer is pushed and on each resize (``LayerStack/relayout(_:)``), not per frame.
    func frame(in size: Size) -> Rect
    /// Lays the layer's content out for its new frame `rect` (e.g. re-wraps text); called
    /// with the frame when pushed and on each resize. Nothing by default.
    mutating func layout(in rect: Rect)
    /// True for a layer that takes every key (a form, a text field): it gets them even
    /// below the minimum size, where other layers only close. False by default.
    var takesEveryKey: Bool { get }
    /// Text the layer shows in the status line instead of the view's (the `/` line); nil by default.
    var statusLine: String? { get }
    /// A bracketed paste; nil (the default) when the layer takes no text.
    mutating func paste(_ text: String) -> LayerReply?
    /// A layer that takes every key (a form, a text field) answers here; nil (the
    /// default) resolves the key through the key tables and calls ``update(_:rect:)``.
    mutating func key(_ key: Key, rect: Rect) -> LayerReply?
    /// Applies `action` (nil for a key bound to nothing); `rect` is the layer's frame.
    mutating func update(_ action: Action?, rect: Rect) -> LayerReply
    /// Draws the layer into `rect` of `screen` (nothing outside it).
    func render(into screen: inout Screen, rect: Rect)
}

extension Layer {
    var keymap: Keymap<Action> { Keymap(bindings: []) }
    mutating func layout(in rect: Rect) {}
    mutating func key(_ key: Key, rect: Rect) -> LayerReply? { nil }
    var takesEveryKey: Bool { false }
    var statusLine: String? { nil }
    mutating func paste(_ text: String) -> LayerReply? { nil }
}

/// What a layer's update asks of the screen.
struct LayerReply: Sendable, Equatable {
    /// Pop this layer.
    var close = false
    /// What the shell must do (I/O, quit), as ``AppModel/update(_:)`` returns it.
    var effects: [AppEffect] = []
    /// What the screen does next, below the layer.
    var followUp: LayerFollowUp?

    /// Nothing more: the layer stays, no effect.
    static let stay = LayerReply()
    /// Pop the layer.
    static let close = LayerReply(close: true)
}

/// What a layer asks of the screen below it once it has answered a key.
enum LayerFollowUp: Sendable, Equatable {
    /// Open the pair view of `PairKey` at passage `passage` (index into the pair's passages).
    case openPair(PairKey, passage: Int)
    /// Re-scan with these match parameters.
    case rescan(MatchParameters)
    /// The `/` line changed, ended or was cancelled.
    case search(SearchStep)
    /// Write the export the export dialog describes (`overwrite`: replace an existing file).
    case export(overwrite: Bool)
    /// The annotate dialog (as it stands) confirmed, was given the reviewer's name, or asks to reapply after a conflict.
    case annotate(AnnotateDialog, AnnotateDialog.Outcome)
}

/// The ordered stack of layers over the current view: rendered bottom-up, the top
/// one takes the keys and the mouse. Frames are laid out once per resize.
struct LayerStack: Sendable {
    private(set) var entries: [(layer: any Layer, rect: Rect)] = []

    /// True when no layer is open.
    var isEmpty: Bool { entries.isEmpty }

    /// The top layer, if any.
    var top: (any Layer)? { entries.last?.layer }

    /// Opens `layer` on top, laid out for `size`.
    mutating func push(_ layer: any Layer, size: Size) {
        entries.append(Self.laidOut(layer, size))
    }

    /// Closes every layer that `close` picks (e.g. those showing results just replaced).
    mutating func removeAll(where close: (any Layer) -> Bool) {
        entries.removeAll { close($0.layer) }
    }

    /// The topmost open layer of type `L`, if any.
    func first<L: Layer>(_ type: L.Type) -> L? {
        entries.reversed().lazy.compactMap { $0.layer as? L }.first
    }

    /// Changes the topmost open layer of type `L` (e.g. with the shell's answer to what it
    /// asked); nothing when none is open. Its frame stays.
    mutating func update<L: Layer>(_ type: L.Type, _ change: (inout L) -> Void) {
        guard let i = entries.lastIndex(where: { $0.layer is L }), var layer = entries[i].layer as? L else { return }
        change(&layer)
        entries[i].layer = layer
    }

    /// Closes the top layer.
    mutating func pop() { _ = entries.popLast() }

    /// Lays every layer out again for a new terminal `size`.
    mutating func relayout(_ size: Size) {
        entries = entries.map { Self.laidOut($0.layer, size) }
    }

    private static func laidOut(_ layer: any Layer, _ size: Size) -> (layer: any Layer, rect: Rect) {
        var layer = layer
        let rect = layer.frame(in: size)
        layer.layout(in: rect)
        return (layer, rect)
    }

    /// Gives `key` to the top layer: as a key when it takes every key, else resolved with
    /// its own table, then `global`, as an action; nil when no layer is open.
    mutating func key(_ key: Key, global: Keymap<Action>) -> LayerReply? {
        guard let last = entries.last else { return nil }
        var layer = last.layer
        let rect = last.rect
        let reply = layer.key(key, rect: rect)
            ?? layer.update(layer.keymap.action(for: key) ?? global.action(for: key), rect: rect)
        entries[entries.count - 1] = (layer, rect)
        if reply.close { pop() }
        return reply
    }

    /// A paste goes to the top layer; nil when none is open or it takes no text.
    mutating func paste(_ text: String) -> LayerReply? {
        guard let last = entries.last else { return nil }
        var layer = last.layer
        let reply = layer.paste(text)
        entries[entries.count - 1] = (layer, last.rect)
        return reply
    }

    /// The mouse goes to the top layer: the wheel scrolls it three lines (as it does the
    /// views), other buttons do nothing below it. Returns false when no layer is open.
    mutating func mouse(_ m: MouseEvent) -> Bool {
        guard let last = entries.last else { return false }
        var layer = last.layer
        let rect = last.rect
        let action: Action? = m.kind == .wheelDown ? .scrollDown : m.kind == .wheelUp ? .scrollUp : nil
        if action != nil { for _ in 0..<3 { _ = layer.update(action, rect: rect) } }
        entries[entries.count - 1] = (layer, rect)
        return true
    }

    /// Draws the layers bottom-up.
    func render(into screen: inout Screen) {
        for e in entries { e.layer.render(into: &screen, rect: e.rect) }
    }
}
