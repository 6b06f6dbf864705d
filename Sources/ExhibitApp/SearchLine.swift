import ExhibitUI

/// The `/` line: what is typed shows in the status line (``Layer/statusLine``); the
/// overview filters as you type, texts are searched on Enter (``SearchStep``); Esc
/// cancels. It takes every key: `q` or `n` are typed, not commands.
struct SearchLine: Layer {
    /// What is typed so far.
    private(set) var text: String

    var takesEveryKey: Bool { true }
    var statusLine: String? { "/" + text + "▏" }

    /// The status row; the status line draws the text (it knows where its marker stands).
    func frame(in size: Size) -> Rect { Rect(row: max(0, size.rows - 1), col: 0, rows: 1, cols: size.cols) }

    mutating func key(_ key: Key, rect: Rect) -> LayerReply? {
        switch key {
        case .escape: return LayerReply(close: true, followUp: .search(.cancelled))
        case .enter: return LayerReply(close: true, followUp: .search(.done(text)))
        case .backspace, .delete: if !text.isEmpty { text.removeLast() }
        case .character(let c): text.append(c)
        default: return .stay
        }
        return LayerReply(followUp: .search(.typed(text)))
    }

    /// A paste is typed whole, on one line.
    mutating func paste(_ pasted: String) -> LayerReply? {
        text += TextInput(pasted).text
        return LayerReply(followUp: .search(.typed(text)))
    }

    /// The mouse does nothing while typing.
    mutating func update(_ action: Action?, rect: Rect) -> LayerReply { .stay }

    func render(into screen: inout Screen, rect: Rect) {}
}

/// What the `/` line asks of the view below it.
enum SearchStep: Sendable, Equatable {
    /// The text so far (the overview filters as you type).
    case typed(String)
    /// Enter: search for this text.
    case done(String)
    /// Esc: no search.
    case cancelled
}
