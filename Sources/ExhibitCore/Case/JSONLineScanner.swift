/// The kind of a JSON value (RFC 8259); the raw value names it in messages.
public enum JSONValueKind: String, Sendable, Hashable {
    case string, number, boolean, null, array, object
}

/// A top-level field of a JSON object as it sits in the line: byte ranges, half-open,
/// relative to the start of the scanned line.
struct ScannedField: Sendable {
    /// The key, quotes included.
    var key: Range<Int>
    /// True when the key holds a backslash escape (it must be decoded, not copied).
    var keyHasEscape: Bool
    /// The value as written.
    var value: Range<Int>
    var kind: JSONValueKind
}

/// What one pass over a JSONL line found.
struct JSONLineScan: Sendable {
    /// Kind of the top-level value; nil when the line does not begin with a value.
    var topKind: JSONValueKind?
    /// Top-level fields in source order, when the line is an object the scanner could follow.
    var fields: [ScannedField]?
    /// Strings hold a lone surrogate escape (`\uD800`) or a raw control character,
    /// which JSON parsers reject: the line needs `JSONLineRepair` before parsing.
    var needsRepair = false
}

/// A light structural scanner of one JSON line. It does not validate (the JSON parser
/// does); it recovers what `JSONSerialization` loses: the order of top-level keys and
/// each value's text as written. Linear in the line's length.
enum JSONLineScanner {
    static func scan(_ line: UnsafeBufferPointer<UInt8>) -> JSONLineScan {
        var scanner = Cursor(bytes: line)
        var result = JSONLineScan()
        scanner.skipSpace()
        // JSONSerialization accepts a byte-order mark before the value; so do we.
        if scanner.at(0xEF), scanner.peek(1) == 0xBB, scanner.peek(2) == 0xBF { scanner.i += 3 }
        scanner.skipSpace()
        guard scanner.i < line.count else { return result }
        result.topKind = Cursor.kind(startingWith: line[scanner.i])
        if result.topKind == .object {
            result.fields = scanner.objectFields()
            scanner.skipSpace()
            if scanner.i != line.count { result.fields = nil }
        } else {
            _ = scanner.skipValue()
        }
        // Strings after a point where the scanner gave up may still need repair.
        if !scanner.needsRepair, scanner.i < line.count { scanner.checkRestForRepair() }
        result.needsRepair = scanner.needsRepair
        return result
    }

    /// A cursor over the line's bytes.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0
        var needsRepair = false

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func at(_ byte: UInt8) -> Bool { i < bytes.count && bytes[i] == byte }
        func peek(_ ahead: Int) -> UInt8? { i + ahead < bytes.count ? bytes[i + ahead] : nil }

        static func kind(startingWith byte: UInt8) -> JSONValueKind? {
            switch byte {
            case UInt8(ascii: "\""): return .string
            case UInt8(ascii: "{"): return .object
            case UInt8(ascii: "["): return .array
            case UInt8(ascii: "t"), UInt8(ascii: "f"): return .boolean
            case UInt8(ascii: "n"): return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
            default: return nil
            }
        }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x09, 0x0A, 0x0D: i += 1
                default: return
                }
            }
        }

        /// Fields of the object starting at `i`; nil when the object is malformed.
        mutating func objectFields() -> [ScannedField]? {
            i += 1  // {
            var fields: [ScannedField] = []
            skipSpace()
            if at(UInt8(ascii: "}")) { i += 1; return fields }
            while true {
                guard at(UInt8(ascii: "\"")) else { return nil }
                let keyStart = i
                guard let escaped = skipString() else { return nil }
                let key = keyStart..<i
                skipSpace()
                guard at(UInt8(ascii: ":")) else { return nil }
                i += 1
                skipSpace()
                let valueStart = i
                guard let kind = skipValue() else { return nil }
                fields.append(ScannedField(key: key, keyHasEscape: escaped, value: valueStart..<i, kind: kind))
                skipSpace()
                if at(UInt8(ascii: ",")) { i += 1; skipSpace(); continue }
                if at(UInt8(ascii: "}")) { i += 1; return fields }
                return nil
            }
        }

        /// Moves past the value at `i`; nil when none can be recognized.
        mutating func skipValue() -> JSONValueKind? {
            guard i < bytes.count, let kind = Self.kind(startingWith: bytes[i]) else { return nil }
            switch kind {
            case .string:
                guard skipString() != nil else { return nil }
            case .object, .array:
                guard skipContainer() else { return nil }
            case .number, .boolean, .null:
                // Up to the next delimiter; the parser checks the spelling.
                while i < bytes.count {
                    switch bytes[i] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return kind
                    default: i += 1
                    }
                }
            }
            return kind
        }

        /// Moves past a bracketed value, strings inside included, by depth counting.
        mutating func skipContainer() -> Bool {
            var depth = 0
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard skipString() != nil else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { i += 1; return true }
                default:
                    break
                }
                i += 1
            }
            return false
        }

        /// Moves past the string starting at `i` (a quote). Returns whether it held an
        /// escape, or nil when it does not end on this line. Notes what needs repair.
        mutating func skipString() -> Bool? {
            i += 1
            var escaped = false
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") { i += 1; return escaped }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    if peek(1) == UInt8(ascii: "u") {
                        checkUnicodeEscape()
                    } else {
                        i += 2
                    }
                    continue
                }
                if byte < 0x20 { needsRepair = true }
                i += 1
            }
            return nil
        }

        /// At `\u`: moves past it (and past a following low surrogate when it pairs),
        /// noting a lone surrogate.
        mutating func checkUnicodeEscape() {
            guard let unit = JSONLineRepair.hexEscape(in: bytes, at: i) else { i += 2; return }
            i += 6
            if (0xD800...0xDBFF).contains(unit) {
                if let next = JSONLineRepair.hexEscape(in: bytes, at: i), (0xDC00...0xDFFF).contains(next) {
                    i += 6
                } else {
                    needsRepair = true
                }
            } else if (0xDC00...0xDFFF).contains(unit) {
                needsRepair = true
            }
        }

        /// After a malformed spot: any later string needing repair still counts, so the
        /// parser's error is about the real problem.
        mutating func checkRestForRepair() {
            while i < bytes.count, !needsRepair {
                if bytes[i] == UInt8(ascii: "\"") { _ = skipString() } else { i += 1 }
            }
        }
    }
}

/// The repair pass before the JSON parser (SPEC §1): JSON parsers reject a lone
/// surrogate escape and a raw control character inside a string, though the intent is
/// clear. Each lone `\uD800`–`\uDFFF` escape becomes `\uFFFD` (same length), each raw
/// U+0000–U+001F inside a string becomes its `\u00XX` escape (the text keeps the
/// character). Offsets are bytes from the start of the line.
struct JSONLineRepair: Sendable {
    /// The repaired line.
    var bytes: [UInt8]
    /// Repaired offsets → original offsets.
    var map: ByteOffsetMap
    /// Original offsets of lone surrogate escapes (6 bytes each).
    var loneSurrogates: [Int]
    /// Original offsets of raw control characters inside strings (1 byte each).
    var controlCharacters: [Int]

    init(_ line: UnsafeBufferPointer<UInt8>) {
        var out = [UInt8]()
        out.reserveCapacity(line.count + 16)
        var map = ByteOffsetMap()
        var lone: [Int] = []
        var controls: [Int] = []
        var inString = false
        var i = 0
        let hex = Array("0123456789ABCDEF".utf8)
        while i < line.count {
            let byte = line[i]
            if !inString {
                if byte == UInt8(ascii: "\"") { inString = true }
                out.append(byte)
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = false
                out.append(byte)
                i += 1
            case UInt8(ascii: "\\"):
                if let unit = Self.hexEscape(in: line, at: i) {
                    var pairs = false
                    if (0xD800...0xDBFF).contains(unit), let next = Self.hexEscape(in: line, at: i + 6),
                       (0xDC00...0xDFFF).contains(next) {
                        pairs = true
                    }
                    if pairs {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: line[i..<(i + 12)]))
                        i += 12
                    } else if (0xD800...0xDFFF).contains(unit) {
                        lone.append(i)
                        out.append(contentsOf: Array("\\uFFFD".utf8))
                        i += 6
                    } else {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: line[i..<(i + 6)]))
                        i += 6
                    }
                } else {
                    // Any other escape: copy it whole so an escaped quote does not end the string.
                    let end = min(i + 2, line.count)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: line[i..<end]))
                    i = end
                }
            case 0x00..<0x20:
                controls.append(i)
                map.addSegment(source: out.count, target: i)
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                map.addSegment(source: out.count, target: i + 1)
                i += 1
            default:
                out.append(byte)
                i += 1
            }
        }
        self.bytes = out
        self.map = map
        self.loneSurrogates = lone
        self.controlCharacters = controls
    }

    /// The code unit of the `\uXXXX` escape at `offset`, or nil when there is none.
    static func hexEscape(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt16? {
        guard offset + 6 <= bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u")
        else { return nil }
        var unit: UInt16 = 0
        for k in 2..<6 {
            let c = bytes[offset + k]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }
}
