internal import CNcursesw
import ExhibitUI

// The pure half of input decoding: key codes, characters, function keys and mouse
// reports turned into `Event` parts. No terminal needed, so TerminalTests call these.
extension Terminal {
    /// Key codes ncurses reports for the start and end of a bracketed paste
    /// (`define_key`; above every `KEY_` code, which end at `KEY_MAX` 0777).
    static let pasteStartCode: Int32 = 0o1000 + 1
    static let pasteEndCode: Int32 = 0o1000 + 2
    /// Bytes of one paste after which what came is handed over as a part of it
    /// (the rest is read as the next part, still text).
    static let pasteLimit = 16_000_000
    /// Time without input after which an open paste is handed over and ended (a
    /// terminal that drops the end code would otherwise turn every key into text).
    static let pasteIdleLimit = Duration.seconds(3)
    /// How long a start code cut after its first bytes is waited for.
    static let splitStartCodeWait = Duration.milliseconds(500)
    /// A paste's start code after its `ESC [`: `200~`.
    static let pasteStartRest: [UInt8] = [0x32, 0x30, 0x30, 0x7E]

    /// Key code ncurses reports for the introducer `ESC [<` of an SGR (1006)
    /// mouse report, when we decode those ourselves.
    static let sgrMouseCode: Int32 = 0o1000 + 3

    /// Where a character stands in a CSI sequence after `ESC [` (ECMA-48 §5.4):
    /// parameter bytes 0x30–0x3F and intermediate bytes 0x20–0x2F go on, a final byte
    /// 0x40–0x7E ends it, anything else is not part of it.
    enum CSIStep: Equatable { case more, final, notPart }

    static func csiStep(_ c: UInt32) -> CSIStep {
        switch c {
        case 0x20...0x3F: return .more
        case 0x40...0x7E: return .final
        default: return .notPart
        }
    }

    /// An SGR (xterm 1006) mouse report `b;x;y` (x, y from 1), `release` for
    /// the final `m`: buttons 0–2 (+4 shift, +8 meta, +16 control), 64/65 the
    /// wheel; motion reports (+32) and other buttons give nil.
    static func sgrMouse(_ params: String, release: Bool) -> MouseEvent? {
        let parts = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let b = parts[0], let x = parts[1], let y = parts[2], x >= 1, y >= 1 else { return nil }
        let button = b & ~(4 | 8 | 16)
        let kind: MouseEvent.Kind
        switch (button, release) {
        case (64, false): kind = .wheelUp
        case (65, false): kind = .wheelDown
        case (0, false): kind = .press(button: 1)
        case (0, true): kind = .release(button: 1)
        case (2, false): kind = .press(button: 3)
        default: return nil
        }
        return MouseEvent(kind: kind, row: y - 1, col: x - 1)
    }

    /// The key for a character ncurses read (`wget_wch` status `OK`): control
    /// characters as keys, nil for those with no key and for a non-scalar.
    static func characterKey(_ c: UInt32) -> Key? {
        switch c {
        case 9: return .tab
        case 13: return .enter
        case 10: return .control("j") // a line feed: a line break in a note, Enter elsewhere
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(c + 96)!))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(c) else { return nil }
            return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    static func mouse(_ ev: MEVENT) -> MouseEvent? {
        let state = ev.bstate
        let kind: MouseEvent.Kind
        if state & SHIM_BUTTON4_PRESSED != 0 {
            kind = .wheelUp
        } else if state & SHIM_BUTTON5_PRESSED != 0 {
            kind = .wheelDown
        } else if state & SHIM_BUTTON1_PRESSED != 0 {
            kind = .press(button: 1)
        } else if state & SHIM_BUTTON1_RELEASED != 0 {
            kind = .release(button: 1)
        } else if state & SHIM_BUTTON3_PRESSED != 0 {
            kind = .press(button: 3)
        } else {
            return nil
        }
        return MouseEvent(kind: kind, row: Int(ev.y), col: Int(ev.x))
    }
}
