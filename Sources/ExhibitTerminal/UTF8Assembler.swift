/// Puts typed characters back together from the bytes ncurses hands over one at a
/// time (`wgetch`), across reads.
///
/// ncurses' own `wget_wch` drops a UTF-8 sequence whose bytes come in two reads
/// further apart than its wait (a slow link, a busy machine), and with it the
/// character read next; here the bytes of an unfinished character wait for the
/// next read. Follows the Unicode Standard's UTF-8 well-formedness table (§3.9,
/// table 3-7): a byte that cannot go on the sequence ends it unfinished (nothing
/// comes of it) and is then read as the start of the next one.
struct UTF8Assembler {
    private var pending: [UInt8] = []
    /// Bytes the pending sequence needs in all (2–4), 0 when none is pending.
    private var needed = 0

    /// Forgets an unfinished character (a key code came between its bytes).
    mutating func reset() {
        pending = []
        needed = 0
    }

    /// Takes one byte. Returns the character's scalar when `byte` completes one
    /// (an ASCII byte completes itself); nil while a sequence is unfinished, and
    /// for a byte that cannot start one (a stray continuation byte, 0xC0, 0xC1,
    /// 0xF5–0xFF: dropped).
    mutating func take(_ byte: UInt8) -> Unicode.Scalar? {
        if needed > 0 {
            if pending.count == 1 ? Self.secondByteFits(lead: pending[0], byte) : (0x80...0xBF).contains(byte) {
                pending.append(byte)
                guard pending.count == needed else { return nil }
                defer { pending = []; needed = 0 }
                var scalar: Unicode.Scalar?
                _ = transcode(pending.makeIterator(), from: UTF8.self, to: UTF32.self,
                              stoppingOnError: true) { scalar = Unicode.Scalar($0) }
                return scalar
            }
            pending = []
            needed = 0
        }
        switch byte {
        case 0x00...0x7F: return Unicode.Scalar(byte)
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return nil
        }
        pending = [byte]
        return nil
    }

    /// The second byte's range for each lead byte (table 3-7): no overlong forms,
    /// no surrogates, nothing above U+10FFFF.
    private static func secondByteFits(lead: UInt8, _ byte: UInt8) -> Bool {
        switch lead {
        case 0xE0: return (0xA0...0xBF).contains(byte)
        case 0xED: return (0x80...0x9F).contains(byte)
        case 0xF0: return (0x90...0xBF).contains(byte)
        case 0xF4: return (0x80...0x8F).contains(byte)
        default: return (0x80...0xBF).contains(byte)
        }
    }
}
