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

    /// The double-encoded sequences of `text`, in order, without overlaps. One pass
    /// over the UTF-8, no copy of the text.
    public static func sequences(in text: String) -> [Sequence] {
        withUTF8(text) { bytes in
            var found: [Sequence] = []
            // Every lead character (U+00C2–U+00F4) is C3 xx in UTF-8: most texts have none.
            guard bytes.contains(0xC3) else { return found }
            var p = 0
            var scalar = 0
            while p < bytes.count {
                let (lead, width) = decode(bytes, p)
                guard (0xC2...0xF4).contains(lead) else {
                    p += width
                    scalar += 1
                    continue
                }
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
                var q = p + width
                var k = 0
                while k < needed, q < bytes.count {
                    let (value, w) = decode(bytes, q)
                    guard let b = continuationByte(value), k > 0 || (low...high).contains(b) else { break }
                    q += w
                    k += 1
                }
                if k == needed {
                    found.append(Sequence(scalars: scalar..<(scalar + needed + 1), utf8Offset: p))
                    scalar += needed + 1
                    p = q
                } else {
                    p += width
                    scalar += 1
                }
            }
            return found
        }
    }

    /// The scalar at byte `p` of well-formed UTF-8, and its length in bytes.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ p: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[p])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(bytes[p + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[p + 1] & 0x3F) << 6 | UInt32(bytes[p + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(bytes[p + 1] & 0x3F) << 12 | UInt32(bytes[p + 2] & 0x3F) << 6
                | UInt32(bytes[p + 3] & 0x3F), 4)
    }

    /// The byte 0x80–0xBF that scalar `value` stands for in text read as Windows-1252,
    /// or nil.
    static func continuationByte(_ value: UInt32) -> UInt8? {
        if (0x80...0xBF).contains(value) { return UInt8(value) }   // C1 (undefined bytes) and A0–BF
        if let b = Windows1252.byte(of: value), (0x80...0x9F).contains(b) { return b }
        return nil
    }
}
