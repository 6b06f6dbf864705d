/// Finds double-encoded text ("mojibake"): UTF-8 that was once read as Windows-1252 and
/// written out again, so that `’` (E2 80 99) reads `â€™` (SPEC §1). Exhibit reports it
/// and never repairs it: the text stays as the file has it.
///
/// A double-encoded sequence is a run of characters whose Windows-1252 bytes form one
/// well-formed multi-byte UTF-8 sequence (Unicode Table 3-7): a lead character
/// U+00C2–U+00F4 followed by the one to three continuation characters its lead byte
/// calls for, each encoding a byte 0x80–0xBF (undefined Windows-1252 bytes count as
/// their C1 code points, as decoders that keep them produce).
public enum DoubleEncoding {
    /// A double-encoded sequence found: its half-open Unicode scalar range in the text.
    public struct Sequence: Sendable, Hashable {
        /// Where it is: half-open Unicode scalar offsets into the text.
        public var scalars: Range<Int>
        /// UTF-8 byte offset of its first character in the text.
        public var utf8Offset: Int
    }

    /// The double-encoded sequences of `text`, in order, without overlaps.
    public static func sequences(in text: String) -> [Sequence] {
        // Every lead character (U+00C2–U+00F4) is C3 xx in UTF-8: most texts have none.
        guard withUTF8(text, { $0.contains(0xC3) }) else { return [] }
        var found: [Sequence] = []
        let scalars = Array(text.unicodeScalars)
        var utf8Offsets: [Int] = []
        utf8Offsets.reserveCapacity(scalars.count)
        var utf8 = 0
        for s in scalars {
            utf8Offsets.append(utf8)
            utf8 += UTF8.width(s)
        }
        var i = 0
        while i < scalars.count {
            let lead = scalars[i].value
            guard (0xC2...0xF4).contains(lead) else { i += 1; continue }
            let needed = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xE0: low = 0xA0
            case 0xED: high = 0x9F
            case 0xF0: low = 0x90
            case 0xF4: high = 0x8F
            default: break
            }
            var ok = i + needed < scalars.count
            var k = 1
            while ok && k <= needed {
                if let b = continuationByte(scalars[i + k].value) {
                    ok = k == 1 ? (low...high).contains(b) : true
                } else {
                    ok = false
                }
                k += 1
            }
            if ok {
                found.append(Sequence(scalars: i..<(i + needed + 1), utf8Offset: utf8Offsets[i]))
                i += needed + 1
            } else {
                i += 1
            }
        }
        return found
    }

    /// The byte 0x80–0xBF that scalar `value` stands for in text read as Windows-1252,
    /// or nil.
    static func continuationByte(_ value: UInt32) -> UInt8? {
        if (0x80...0xBF).contains(value) { return UInt8(value) }   // C1 (undefined bytes) and A0–BF
        if let b = Windows1252.byte(of: value), (0x80...0x9F).contains(b) { return b }
        return nil
    }
}
