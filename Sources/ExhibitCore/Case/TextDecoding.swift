/// The encoding a file was read in (SPEC §1: UTF-8 with or without byte-order mark,
/// UTF-16 with byte-order mark, Windows-1252).
public enum TextEncoding: String, Sendable, Hashable {
    /// UTF-8, with or without byte-order mark (EF BB BF); the default without a mark.
    case utf8 = "UTF-8"
    /// UTF-16 little-endian, byte-order mark FF FE.
    case utf16LittleEndian = "UTF-16LE"
    /// UTF-16 big-endian, byte-order mark FE FF.
    case utf16BigEndian = "UTF-16BE"
    /// Windows-1252 (legacy single-byte Western text; `Windows1252`).
    case windows1252 = "Windows-1252"
}

/// An encoding `case.toml` `[encoding]` may declare for a file or folder (SPEC §1): it
/// decides unless the file has a byte-order mark.
public enum DeclaredEncoding: String, Sendable, Hashable, CaseIterable {
    /// `utf-8`: invalid sequences become U+FFFD, never another encoding.
    case utf8 = "utf-8"
    /// `windows-1252`: every byte is one character (undefined bytes become U+FFFD).
    case windows1252 = "windows-1252"
}

/// A span of a file that could not be decoded and became one U+FFFD.
public struct ReplacedSequence: Sendable, Hashable {
    /// The bytes it occupied in the file, half-open, counted from the start of the file
    /// (byte-order mark included).
    public var bytes: Range<Int>
    /// Byte offset of its U+FFFD in the UTF-8 form of the decoded text.
    public var utf8Offset: Int

    public init(bytes: Range<Int>, utf8Offset: Int) {
        self.bytes = bytes
        self.utf8Offset = utf8Offset
    }
}

/// A file's bytes decoded to text (SPEC §1–2).
///
/// `text` is the file without its byte-order mark; invalid sequences became U+FFFD,
/// one per maximal invalid subpart (The Unicode Standard, ch. 3, "U+FFFD Substitution
/// of Maximal Subparts"); everything else, NUL, CR and CRLF included, is kept as is.
public struct DecodedText: Sendable {
    /// The decoded text; offsets into it are Unicode scalars (SPEC §2).
    public var text: String
    /// The encoding the file was in.
    public var encoding: TextEncoding
    /// Length of the byte-order mark, in bytes (0, 2 or 3).
    public var bomLength: Int
    /// Sequences replaced by U+FFFD, in file order.
    public var replaced: [ReplacedSequence]
    /// Size of the file, in bytes.
    public var fileByteCount: Int
    /// True when the encoding is Windows-1252 by the guess of SPEC §1 (not valid UTF-8,
    /// nothing in it looks like UTF-8), not by a `case.toml` declaration: a notice is due.
    public var guessedLegacyEncoding = false
    let mapping: Mapping

    enum Mapping: Sendable {
        /// UTF-8: linear between replaced sequences.
        case segments(ByteOffsetMap)
        /// UTF-16: file offset at every `checkpointStride` bytes of the text's UTF-8.
        case utf16(checkpoints: [Int])
        /// Single-byte: one file byte per scalar; file offset at every `checkpointStride`
        /// bytes of the text's UTF-8.
        case singleByte(checkpoints: [Int])
    }

    static let checkpointStride = 4096

    /// The byte offset in the file of byte offset `utf8Offset` (0-based) of `text.utf8`.
    /// An offset inside a U+FFFD maps into the sequence it replaced.
    public func fileOffset(ofUTF8Offset utf8Offset: Int) -> Int {
        switch mapping {
        case .segments(let map):
            return min(map.map(utf8Offset), fileByteCount)
        case .utf16(let checkpoints), .singleByte(let checkpoints):
            let index = min(utf8Offset / Self.checkpointStride, checkpoints.count - 1)
            var offset = checkpoints[index]
            let base = index * Self.checkpointStride
            let single = if case .singleByte = mapping { true } else { false }
            withUTF8(text) { utf8 in
                for i in base..<min(utf8Offset, utf8.count) {
                    offset += single ? TextDecoding.singleByteWidth(ofUTF8Byte: utf8[i])
                        : TextDecoding.utf16ByteWidth(ofUTF8Byte: utf8[i])
                }
            }
            return min(offset, fileByteCount)
        }
    }

    /// 1-based line number (lines end with LF) of byte offset `utf8Offset` of `text.utf8`.
    public func line(ofUTF8Offset utf8Offset: Int) -> Int {
        var line = 1
        withUTF8(text) { utf8 in
            for i in 0..<min(utf8Offset, utf8.count) where utf8[i] == 0x0A { line += 1 }
        }
        return line
    }

    /// One sentence naming the replaced sequences, for a warning:
    /// `invalid UTF-8: 2 sequences replaced by U+FFFD, at byte offsets 10 and 15–16`.
    /// Ranges are inclusive byte offsets from the start of the file; at most 20 are listed.
    public func replacementSummary(_ sequences: [ReplacedSequence]) -> String {
        let what = switch encoding {
        case .utf8: "invalid UTF-8"
        case .windows1252: "bytes undefined in Windows-1252"
        case .utf16LittleEndian, .utf16BigEndian: "invalid \(encoding.rawValue) (unpaired surrogate or odd byte)"
        }
        return "\(what): " + Self.describe(sequences, noun: "sequence") + " replaced by U+FFFD"
    }

    /// `N <noun>s at byte offsets a, b–c and d`: offsets from the start of the file,
    /// ranges inclusive, at most 20 listed.
    static func describe(_ sequences: [ReplacedSequence], noun: String) -> String {
        let shown = sequences.prefix(20).map { s in
            s.bytes.count <= 1 ? "\(s.bytes.lowerBound)" : "\(s.bytes.lowerBound)–\(s.bytes.upperBound - 1)"
        }
        let list: String
        if sequences.count > shown.count {
            list = shown.joined(separator: ", ") + " and \(sequences.count - shown.count) more"
        } else if shown.count > 1 {
            list = shown.dropLast().joined(separator: ", ") + " and " + shown[shown.count - 1]
        } else {
            list = shown.first ?? ""
        }
        let head = sequences.count == 1 ? "1 \(noun) at byte offset" : "\(sequences.count) \(noun)s at byte offsets"
        return head + " " + list
    }
}

/// Runs `body` on the contiguous UTF-8 of `text` (native strings always have it).
func withUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
}

/// Bytes → text (SPEC §1): binary detection (`BinaryContentError`), then the decoding
/// order: a byte-order mark (UTF-8, UTF-16 LE/BE) decides; else the encoding declared in
/// `case.toml`; else valid UTF-8 is UTF-8; else text in which nothing looks like UTF-8
/// (`Windows1252.isLikely`) is Windows-1252; else UTF-8 with U+FFFD per maximal
/// invalid subpart.
public enum TextDecoding {
    /// How many leading bytes binary detection looks at: 64 KiB.
    public static let binaryWindowBytes = 65_536

    /// Decodes a file's bytes.
    /// - Parameter declared: the `case.toml` `[encoding]` entry for the file, if any.
    /// - Throws: `BinaryContentError` when the bytes begin with a known binary signature
    ///   or more than 10 % of the first 64 KiB are NUL (U+0000 code units for UTF-16).
    public static func decode(_ bytes: [UInt8], declared: DeclaredEncoding? = nil) throws(BinaryContentError) -> DecodedText {
        if let format = BinarySignature.match(bytes) {
            throw BinaryContentError(reason: .signature(format), encoding: .utf8)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return try decodeUTF16(bytes, bigEndian: false)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return try decodeUTF16(bytes, bigEndian: true)
        }
        let window = min(bytes.count, binaryWindowBytes)
        var nul = 0
        for i in 0..<window where bytes[i] == 0 { nul += 1 }
        if isBinary(suspect: nul, window: window) {
            throw BinaryContentError(reason: .nulBytes(count: nul, window: window), encoding: .utf8)
        }
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        if !bom && declared == .windows1252 { return Windows1252.decode(bytes) }
        let utf8 = decodeUTF8(bytes)
        // Not valid UTF-8 (something was replaced): the guess of step 4, unless declared.
        if !bom, declared == nil, !utf8.replaced.isEmpty, Windows1252.isLikely(bytes) {
            var decoded = Windows1252.decode(bytes)
            decoded.guessedLegacyEncoding = true
            return decoded
        }
        return utf8
    }

    /// The well-formed UTF-8 sequence a lead byte begins (Unicode Standard §3.9, table
    /// 3-7): how many continuation bytes it still needs (0 for ASCII, else 1–3) and the
    /// range the first of them must fall in (which rules out overlong forms, surrogates
    /// and scalars above U+10FFFF); the others are 80–BF. Nil for a byte that never
    /// begins one (80–C1, F5–FF).
    public static func utf8Sequence(lead: UInt8) -> (needed: Int, first: ClosedRange<UInt8>)? {
        switch lead {
        case 0x00...0x7F: return (0, 0x80...0xBF)
        case 0xC2...0xDF: return (1, 0x80...0xBF)
        case 0xE0: return (2, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80...0xBF)
        case 0xED: return (2, 0x80...0x9F)
        case 0xF0: return (3, 0x90...0xBF)
        case 0xF1...0xF3: return (3, 0x80...0xBF)
        case 0xF4: return (3, 0x80...0x8F)
        default: return nil
        }
    }

    /// The maximal invalid subparts of `bytes` as UTF-8, as half-open byte ranges in
    /// order: each is the longest prefix of a well-formed sequence (Unicode Table 3-7)
    /// that is not followed by its next expected byte, or a single byte that cannot
    /// begin a sequence. Each becomes exactly one U+FFFD. E.g. `F0 9F 98` is one
    /// subpart, `C0 AF` two, `ED A0 80` three.
    public static func maximalInvalidSubparts(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        let n = bytes.count
        var i = 0
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            guard let (needed, first) = utf8Sequence(lead: lead) else {
                result.append(i..<(i + 1))
                i += 1
                continue
            }
            var j = i + 1
            var matched = 0
            while matched < needed, j < n {
                let byte = bytes[j]
                let ok = matched == 0 ? first.contains(byte) : (0x80...0xBF).contains(byte)
                if !ok { break }
                j += 1
                matched += 1
            }
            if matched < needed { result.append(i..<j) }
            i = j
        }
        return result
    }

    // MARK: UTF-8

    private static func decodeUTF8(_ bytes: [UInt8]) -> DecodedText {
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        return bytes.withUnsafeBufferPointer { all in
            let body = UnsafeBufferPointer(rebasing: all[bom...])
            // Fast path: the standard library validates without our byte loop.
            if let text = String(validating: body, as: UTF8.self) {
                return DecodedText(text: text, encoding: .utf8, bomLength: bom, replaced: [],
                                   fileByteCount: bytes.count, mapping: .segments(ByteOffsetMap(shift: bom)))
            }
            let subparts = maximalInvalidSubparts(in: body)
            var out = [UInt8]()
            out.reserveCapacity(body.count + 2 * subparts.count)
            var map = ByteOffsetMap(shift: bom)
            var replaced: [ReplacedSequence] = []
            replaced.reserveCapacity(subparts.count)
            var done = 0
            for r in subparts {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: body[done..<r.lowerBound]))
                let at = out.count
                map.addSegment(source: at, target: r.lowerBound + bom)
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                map.addSegment(source: out.count, target: r.upperBound + bom)
                replaced.append(ReplacedSequence(bytes: (r.lowerBound + bom)..<(r.upperBound + bom), utf8Offset: at))
                done = r.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: body[done...]))
            return DecodedText(text: String(decoding: out, as: UTF8.self), encoding: .utf8, bomLength: bom,
                               replaced: replaced, fileByteCount: bytes.count, mapping: .segments(map))
        }
    }

    // MARK: UTF-16

    private static func decodeUTF16(_ bytes: [UInt8], bigEndian: Bool) throws(BinaryContentError) -> DecodedText {
        let encoding: TextEncoding = bigEndian ? .utf16BigEndian : .utf16LittleEndian
        let unitCount = (bytes.count - 2) / 2
        let units = [UInt16](unsafeUninitializedCapacity: unitCount) { buffer, count in
            for k in 0..<unitCount {
                let a = UInt16(bytes[2 + 2 * k])
                let b = UInt16(bytes[3 + 2 * k])
                buffer[k] = bigEndian ? (a << 8 | b) : (b << 8 | a)
            }
            count = unitCount
        }
        let window = min(bytes.count, binaryWindowBytes)
        var suspect = 0
        var replaced: [ReplacedSequence] = []
        var utf8Length = 0
        var k = 0
        while k < unitCount {
            let unit = units[k]
            let fileOffset = 2 + 2 * k
            if (0xD800...0xDBFF).contains(unit), k + 1 < unitCount, (0xDC00...0xDFFF).contains(units[k + 1]) {
                utf8Length += 4
                k += 2
                continue
            }
            if (0xD800...0xDFFF).contains(unit) {
                // An unpaired surrogate: one U+FFFD per code unit, as the standard library does.
                replaced.append(ReplacedSequence(bytes: fileOffset..<(fileOffset + 2), utf8Offset: utf8Length))
                utf8Length += 3
            } else {
                if unit == 0, fileOffset < window { suspect += min(2, window - fileOffset) }
                utf8Length += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3
            }
            k += 1
        }
        var text = String(decoding: units, as: UTF16.self)
        if (bytes.count - 2) % 2 == 1 {
            // A lone trailing byte cannot be a code unit.
            replaced.append(ReplacedSequence(bytes: (bytes.count - 1)..<bytes.count, utf8Offset: utf8Length))
            text.unicodeScalars.append("\u{FFFD}")
        }
        if isBinary(suspect: suspect, window: window) {
            throw BinaryContentError(reason: .nulBytes(count: suspect, window: window), encoding: encoding)
        }
        // File offsets at regular UTF-8 offsets, so that mapping an offset back is cheap.
        let checkpoints = checkpoints(of: text, start: 2, width: utf16ByteWidth(ofUTF8Byte:))
        return DecodedText(text: text, encoding: encoding, bomLength: 2, replaced: replaced,
                           fileByteCount: bytes.count, mapping: .utf16(checkpoints: checkpoints))
    }

    /// File offsets at every `DecodedText.checkpointStride` bytes of `text`'s UTF-8,
    /// the file's text starting at byte `start` and each UTF-8 byte standing for
    /// `width(byte)` file bytes.
    static func checkpoints(of text: String, start: Int, width: (UInt8) -> Int) -> [Int] {
        var checkpoints: [Int] = []
        withUTF8(text) { utf8 in
            checkpoints.reserveCapacity(utf8.count / DecodedText.checkpointStride + 1)
            var file = start
            for i in 0..<utf8.count {
                if i % DecodedText.checkpointStride == 0 { checkpoints.append(file) }
                file += width(utf8[i])
            }
            if utf8.count % DecodedText.checkpointStride == 0 { checkpoints.append(file) }
        }
        return checkpoints
    }

    /// File bytes of the scalar a UTF-8 byte begins in a single-byte encoding (1; 0 for
    /// a continuation byte).
    static func singleByteWidth(ofUTF8Byte byte: UInt8) -> Int {
        byte & 0xC0 == 0x80 ? 0 : 1
    }

    /// UTF-16 bytes of the scalar a UTF-8 byte begins (0 for a continuation byte).
    static func utf16ByteWidth(ofUTF8Byte byte: UInt8) -> Int {
        if byte & 0xC0 == 0x80 { return 0 }
        return byte >= 0xF0 ? 4 : 2
    }

    /// More than 10 % NUL bytes, in integers to avoid rounding questions.
    private static func isBinary(suspect: Int, window: Int) -> Bool {
        suspect * 10 > window
    }
}
