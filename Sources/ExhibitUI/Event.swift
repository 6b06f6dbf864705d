/// A key press, decoded by the terminal backend.
public enum Key: Hashable, Sendable {
    /// A printable character (including space).
    case character(Character)
    /// Ctrl plus a letter, e.g. `.control("f")` for Ctrl-F (lowercase).
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case tab, backTab, enter, escape, backspace, delete, insert
    /// Function key F1–F63.
    case function(Int)

    /// How the key is written in the help overlay.
    public var displayName: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .control(let c): return "C-\(c)"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .function(let n): return "F\(n)"
        }
    }
}

/// A mouse report. Rows and columns are screen cells, 0-based.
public struct MouseEvent: Hashable, Sendable {
    /// What happened.
    public enum Kind: Hashable, Sendable {
        /// Button 1 (left), 2 (middle) or 3 (right) pressed.
        case press(button: Int)
        /// Button released.
        case release(button: Int)
        case wheelUp
        case wheelDown
    }

    /// What happened.
    public var kind: Kind
    /// Screen row of the pointer, 0-based.
    public var row: Int
    /// Screen column (cell) of the pointer, 0-based.
    public var col: Int

    /// A report of `kind` at (`row`, `col`).
    public init(kind: Kind, row: Int, col: Int) {
        self.kind = kind
        self.row = row
        self.col = col
    }
}

/// Everything the UI loop reacts to, as values. `Message` is what the
/// background engine posts (the views will define it; the demo posts progress).
public enum Event<Message: Sendable>: Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// Text pasted into the terminal, whole, as the terminal bracketed it
    /// (xterm bracketed paste, mode 2004): line breaks are `\n`, and none of
    /// it is a key.
    case paste(String)
    /// The terminal now has this size (cells).
    case resize(Size)
    /// The periodic tick the loop was asked for.
    case tick
    /// A message posted from another thread through the mailbox.
    case message(Message)
    /// SIGINT, SIGTERM or SIGHUP arrived: save, then quit.
    case terminate(signal: Int32)
}

/// What the run loop should do after an event.
public enum LoopAction: Sendable {
    case `continue`
    case quit
}
