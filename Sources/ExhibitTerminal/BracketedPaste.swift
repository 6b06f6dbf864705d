/// The text of one bracketed paste (xterm mode 2004) while it is being read,
/// between its start code `ESC [200~` and end code `ESC [201~`, taken a byte at a
/// time.
///
/// A paste may arrive over several reads, and a busy machine can leave more than
/// `ESCDELAY` between two of them (a paste of a few kilobytes fills the pty's
/// buffer). Reading whole characters, ncurses drops a UTF-8 sequence cut by such a
/// gap, and the pasted note lost every character from there on. So the paste is
/// kept as bytes and decoded once, when it ends. And when the gap falls inside the
/// end code, ncurses hands over its six bytes one by one: ``append(_:)`` recognises
/// them at the end of the text, so the paste still ends there and the Enter typed
/// after it is a key, not more text.
struct BracketedPaste {
    /// The end code's bytes (ECMA-48 CSI `201~`).
    static let endCode: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]

    private var bytes: [UInt8] = []
    /// How many bytes at the end of `bytes` are a prefix of ``endCode``.
    private var endCodeMatched = 0
    /// The last byte taken was a CR (so an LF right after it is the same line break).
    private var afterCR = false
    /// Bytes after which the paste is handed over even without its end code.
    let limit: Int

    /// - Parameter limit: bytes (≥ 1) after which ``append(_:)`` hands the paste
    ///   over without its end code (a terminal that drops it would otherwise turn
    ///   every later key into text).
    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// True once ``append(_:)`` found the end code (false when it handed the paste over at its limit).
    private(set) var endedByCode = false

    /// Bytes of the paste so far.
    var byteCount: Int { bytes.count }

    /// Adds one pasted byte: a CR (how tmux and most terminals send a pasted line
    /// break) becomes LF, and so does CR LF (text copied from a Windows file).
    /// Returns the whole paste when this byte completes an end code that came as
    /// plain bytes (the code is not part of the text) or reaches ``limit``;
    /// otherwise nil.
    mutating func append(_ byte: UInt8) -> String? {
        defer { afterCR = byte == 0x0D }
        if byte == 0x0A && afterCR {
            endCodeMatched = 0
            return nil
        }
        bytes.append(byte == 0x0D ? 0x0A : byte)
        if byte == Self.endCode[endCodeMatched] {
            endCodeMatched += 1
        } else {
            // The code's bytes are all different, so only its first byte can restart a match.
            endCodeMatched = byte == Self.endCode[0] ? 1 : 0
        }
        if endCodeMatched == Self.endCode.count {
            bytes.removeLast(Self.endCode.count)
            endedByCode = true
            return finished
        }
        return bytes.count >= limit ? finished : nil
    }

    /// The paste so far as text; bytes that are not UTF-8 become U+FFFD.
    var finished: String { String(decoding: bytes, as: UTF8.self) }
}
