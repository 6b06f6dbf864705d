/// SPEC §2 step 1: terminal control text is not text. Recognizes, on UTF-8 bytes,
/// C0 and C1 control characters and the escape sequences of ECMA-48 that terminals
/// interpret, so that they separate tokens and their parameters never become tokens.
///
/// Recognized (ECMA-48 / ISO 6429, as xterm reads them):
/// - CSI: `ESC [` or U+009B, parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F,
///   one final byte 0x40–0x7E (`ESC[31m`). A byte outside those ranges ends the
///   sequence and is not part of it.
/// - Control strings: OSC (`ESC ]`, U+009D), DCS (`ESC P`, U+0090), SOS (`ESC X`,
///   U+0098), PM (`ESC ^`, U+009E), APC (`ESC _`, U+009F), up to and including BEL or
///   ST (`ESC \` or U+009C). Any other C0 or C1 control (a line break, say) ends an
///   unterminated string without being part of it, so a stray `ESC ]` never swallows
///   more than its line.
/// - Other escapes: `ESC` + intermediates 0x20–0x2F + a final 0x30–0x7E (`ESC ( B`), and
///   two-character escapes `ESC` + 0x30–0x7E (`ESC 7`, `ESC c`).
/// - A lone `ESC` (followed by anything else) is a control like any other.
///
/// Tab is a blank; LF, CR, CRLF (one break) and NEL are line breaks; every other
/// C0/C1 control, DEL included, is a separator.
enum ControlSequences {
    /// A control item: its length in bytes and in Unicode scalars, and what it is to
    /// the token rules (`.blank`, `.lineBreak` or `.separator`).
    struct Item {
        var byteCount: Int
        var scalarCount: Int32
        var kind: UnitKind
    }

    /// Whether the byte at `p` starts a C0 control, DEL or a C1 control (U+0080–U+009F,
    /// UTF-8 `C2 80`–`C2 9F`).
    @inline(__always)
    static func startsControl(_ bytes: UnsafeBufferPointer<UInt8>, at p: Int) -> Bool {
        let b = bytes[p]
        if b < 0x20 || b == 0x7F { return true }
        return b == 0xC2 && p + 1 < bytes.count && bytes[p + 1] < 0xA0
    }

    /// The control item starting at byte `p`, which must satisfy `startsControl`.
    static func item(_ bytes: UnsafeBufferPointer<UInt8>, at p: Int) -> Item {
        let b = bytes[p]
        switch b {
        case 0x09:
            return Item(byteCount: 1, scalarCount: 1, kind: .blank)
        case 0x0A:
            return Item(byteCount: 1, scalarCount: 1, kind: .lineBreak)
        case 0x0D:
            if p + 1 < bytes.count && bytes[p + 1] == 0x0A {
                return Item(byteCount: 2, scalarCount: 2, kind: .lineBreak)
            }
            return Item(byteCount: 1, scalarCount: 1, kind: .lineBreak)
        case 0x1B:
            return escape(bytes, at: p)
        case 0xC2:
            switch bytes[p + 1] {
            case 0x85:
                return Item(byteCount: 2, scalarCount: 1, kind: .lineBreak)
            case 0x9B:
                return csi(bytes, from: p + 2, consumed: Item(byteCount: 2, scalarCount: 1, kind: .separator))
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                return controlString(bytes, from: p + 2, consumed: Item(byteCount: 2, scalarCount: 1, kind: .separator))
            default:
                return Item(byteCount: 2, scalarCount: 1, kind: .separator)
            }
        default:
            return Item(byteCount: 1, scalarCount: 1, kind: .separator)
        }
    }

    /// An escape sequence starting with ESC at `p`.
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, at p: Int) -> Item {
        let lone = Item(byteCount: 1, scalarCount: 1, kind: .separator)
        guard p + 1 < bytes.count else { return lone }
        let next = bytes[p + 1]
        let two = Item(byteCount: 2, scalarCount: 2, kind: .separator)
        switch next {
        case UInt8(ascii: "["):
            return csi(bytes, from: p + 2, consumed: two)
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
            return controlString(bytes, from: p + 2, consumed: two)
        case 0x20...0x2F:
            // nF escape: intermediates, then one final byte.
            var q = p + 2
            while q < bytes.count && (0x20...0x2F).contains(bytes[q]) { q += 1 }
            if q < bytes.count && (0x30...0x7E).contains(bytes[q]) { q += 1 }
            return Item(byteCount: q - p, scalarCount: Int32(q - p), kind: .separator)
        case 0x30...0x7E:
            return two
        default:
            return lone
        }
    }

    /// The rest of a CSI sequence from byte `q`; `consumed` is its introducer.
    private static func csi(_ bytes: UnsafeBufferPointer<UInt8>, from q: Int, consumed: Item) -> Item {
        var q = q
        var item = consumed
        while q < bytes.count && (0x20...0x3F).contains(bytes[q]) {
            q += 1
            item.byteCount += 1
            item.scalarCount += 1
        }
        if q < bytes.count && (0x40...0x7E).contains(bytes[q]) {
            item.byteCount += 1
            item.scalarCount += 1
        }
        return item
    }

    /// The rest of a control string (OSC, DCS, SOS, PM, APC) from byte `q`, through its
    /// terminator; `consumed` is its introducer.
    private static func controlString(_ bytes: UnsafeBufferPointer<UInt8>, from q: Int, consumed: Item) -> Item {
        var q = q
        var item = consumed
        while q < bytes.count {
            let b = bytes[q]
            if b == 0x07 {                                      // BEL
                item.byteCount += 1
                item.scalarCount += 1
                break
            }
            if b == 0x1B {                                      // ST is ESC \; any other ESC ends it
                if q + 1 < bytes.count && bytes[q + 1] == UInt8(ascii: "\\") {
                    item.byteCount += 2
                    item.scalarCount += 2
                }
                break
            }
            if b == 0xC2 && q + 1 < bytes.count && bytes[q + 1] == 0x9C {   // ST, C1 form
                item.byteCount += 2
                item.scalarCount += 1
                break
            }
            if startsControl(bytes, at: q) { break }
            // One scalar of the string's text.
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            q += length
            item.byteCount += length
            item.scalarCount += 1
        }
        return item
    }
}
