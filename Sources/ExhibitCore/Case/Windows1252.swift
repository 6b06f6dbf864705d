/// Windows-1252, the legacy single-byte encoding of Western word processors (SPEC §1).
///
/// Bytes 0x00–0x7F and 0xA0–0xFF are the code points of the same value (as in
/// ISO 8859-1); 0x80–0x9F hold the 27 characters of `high` (Microsoft's code page
/// table, as in the WHATWG Encoding Standard's index), and 0x81, 0x8D, 0x8F, 0x90,
/// 0x9D are undefined.
public enum Windows1252 {
    /// Code points of bytes 0x80–0x9F, in order; 0 marks an undefined byte.
    static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,        // 88–8F
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,   // 90–97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,   // 98–9F
    ]

    /// The code point of `byte`, or nil when the byte is undefined.
    @inline(__always)
    public static func scalar(of byte: UInt8) -> UInt32? {
        guard (0x80...0x9F).contains(byte) else { return UInt32(byte) }
        let v = high[Int(byte - 0x80)]
        return v == 0 ? nil : v
    }

    /// The byte that encodes code point `value`, or nil when Windows-1252 has none.
    public static func byte(of value: UInt32) -> UInt8? {
        if value < 0x80 || (0xA0...0xFF).contains(value) { return UInt8(value) }
        if let i = high.firstIndex(of: value), value != 0 { return UInt8(0x80 + i) }
        return nil
    }

    /// SPEC §1's test for a legacy file that is not valid UTF-8: no byte 0xC2–0xF4 is
    /// followed by a byte 0x80–0xBF (nothing looks like a UTF-8 sequence), and every
    /// byte is defined in Windows-1252.
    public static func isLikely(_ bytes: [UInt8]) -> Bool {
        for i in 0..<bytes.count {
            let b = bytes[i]
            guard b >= 0x80 else { continue }
            if scalar(of: b) == nil { return false }
            if (0xC2...0xF4).contains(b), i + 1 < bytes.count, (0x80...0xBF).contains(bytes[i + 1]) { return false }
        }
        return true
    }

    /// Decodes `bytes`, one character per byte; an undefined byte becomes U+FFFD and is
    /// listed in `replaced`.
    static func decode(_ bytes: [UInt8]) -> DecodedText {
        var scalars = String.UnicodeScalarView()
        var replaced: [ReplacedSequence] = []
        var utf8Length = 0
        for (i, b) in bytes.enumerated() {
            let value: UInt32
            if let v = scalar(of: b) {
                value = v
            } else {
                value = 0xFFFD
                replaced.append(ReplacedSequence(bytes: i..<(i + 1), utf8Offset: utf8Length))
            }
            utf8Length += value < 0x80 ? 1 : value < 0x800 ? 2 : 3
            scalars.append(Unicode.Scalar(value)!)
        }
        let text = String(scalars)
        let checkpoints = TextDecoding.checkpoints(of: text, start: 0, width: TextDecoding.singleByteWidth(ofUTF8Byte:))
        return DecodedText(text: text, encoding: .windows1252, bomLength: 0, replaced: replaced,
                           fileByteCount: bytes.count, mapping: .singleByte(checkpoints: checkpoints))
    }
}
