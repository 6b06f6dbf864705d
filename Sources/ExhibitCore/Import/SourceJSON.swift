/// A JSON value read from an import source, with the byte offset where it starts, so a
/// record the importer cannot map can be reported with its file, line and offset.
///
/// Objects keep their keys in source order and numbers keep their digits as written
/// (`JSONValue.number`): what `JSONSerialization` loses (key order, `1.0` vs `1`,
/// digits beyond a `Double`) is kept.
public struct SourceJSON: Sendable {
    /// What the value is.
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        /// The number's text as written (RFC 8259 syntax, checked).
        case number(String)
        case string(String)
        case array([SourceJSON])
        /// Fields in source order; a key given twice keeps both (the reader decides).
        case object([(key: String, value: SourceJSON)])
    }

    /// The value.
    public var kind: Kind
    /// Byte offset of the value's first byte from the start of the parsed bytes.
    public var offset: Int

    /// The value of field `key` of an object (the first when given twice), else nil.
    public subscript(key: String) -> SourceJSON? {
        if case .object(let fields) = kind { return fields.first(where: { $0.key == key })?.value }
        return nil
    }

    /// The string, if this is a string.
    public var string: String? { if case .string(let s) = kind { return s }; return nil }
    /// The elements, if this is an array.
    public var array: [SourceJSON]? { if case .array(let a) = kind { return a }; return nil }
    /// The fields, if this is an object.
    public var fields: [(key: String, value: SourceJSON)]? { if case .object(let f) = kind { return f }; return nil }
    /// The number's text, if this is a number.
    public var number: String? { if case .number(let n) = kind { return n }; return nil }
    /// True for JSON `null`.
    public var isNull: Bool { if case .null = kind { return true }; return false }

    /// The JSON kind's name for messages (`string`, `object`, …).
    public var kindName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The value for writing, key order and number digits kept.
    public var jsonValue: JSONValue {
        switch kind {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map(\.jsonValue))
        case .object(let fields): return .object(fields.map { ($0.key, $0.value.jsonValue) })
        }
    }
}

/// Why bytes are not one JSON value: the message and the byte offset of the problem.
public struct SourceJSONError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, for a person.
    public var message: String
    /// Byte offset from the start of the parsed bytes.
    public var offset: Int
    /// The message.
    public var description: String { message }
}

/// A strict RFC 8259 parser for import sources. It never evaluates anything: JSON has
/// no code and no tags, so nothing in a source can run. Nesting deeper than
/// `maxDepth` is an error rather than a stack overflow. Strings must be valid UTF-8;
/// invalid sequences and lone surrogate escapes are errors (an import is not a repair).
public enum SourceJSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public static let maxDepth = 512

    /// Parses `bytes` as exactly one JSON value (surrounding whitespace and a UTF-8
    /// byte-order mark allowed). Offsets in the result count from `bytes`' start.
    /// - Throws: `SourceJSONError` at the first problem.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(SourceJSONError) -> SourceJSON {
        var p = Parser(bytes: bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { p.i = 3 }
        p.skipSpace()
        let value = try p.value(depth: 0)
        p.skipSpace()
        if p.i < bytes.count { throw SourceJSONError(message: "unexpected text after the JSON value", offset: p.i) }
        return value
    }

    /// `parse` over an array of bytes.
    public static func parse(_ bytes: [UInt8]) throws(SourceJSONError) -> SourceJSON {
        let result: Result<SourceJSON, SourceJSONError> = bytes.withUnsafeBufferPointer { buffer in
            do throws(SourceJSONError) { return .success(try parse(buffer)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        func fail(_ message: String, at offset: Int? = nil) -> SourceJSONError {
            SourceJSONError(message: message, offset: offset ?? i)
        }

        mutating func value(depth: Int) throws(SourceJSONError) -> SourceJSON {
            guard i < bytes.count else { throw fail("the JSON ends early (truncated?): a value is missing") }
            let start = i
            switch bytes[i] {
            case UInt8(ascii: "{"):
                guard depth < maxDepth else { throw fail("nested more than \(maxDepth) levels deep") }
                return SourceJSON(kind: .object(try object(depth: depth + 1)), offset: start)
            case UInt8(ascii: "["):
                guard depth < maxDepth else { throw fail("nested more than \(maxDepth) levels deep") }
                return SourceJSON(kind: .array(try array(depth: depth + 1)), offset: start)
            case UInt8(ascii: "\""):
                return SourceJSON(kind: .string(try string()), offset: start)
            case UInt8(ascii: "t"):
                try literal("true")
                return SourceJSON(kind: .bool(true), offset: start)
            case UInt8(ascii: "f"):
                try literal("false")
                return SourceJSON(kind: .bool(false), offset: start)
            case UInt8(ascii: "n"):
                try literal("null")
                return SourceJSON(kind: .null, offset: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return SourceJSON(kind: .number(try number()), offset: start)
            default:
                throw fail("not JSON: unexpected character '\(Self.describe(bytes[i]))'")
            }
        }

        static func describe(_ byte: UInt8) -> String {
            byte >= 0x21 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16, uppercase: true)
        }

        mutating func literal(_ word: String) throws(SourceJSONError) {
            let expected = Array(word.utf8)
            let n = expected.count
            guard i + n <= bytes.count else { throw fail("the JSON ends early (truncated?)") }
            for k in 0..<n where bytes[i + k] != expected[k] { throw fail("not JSON: unknown word") }
            i += n
        }

        mutating func object(depth: Int) throws(SourceJSONError) -> [(key: String, value: SourceJSON)] {
            i += 1
            var fields: [(key: String, value: SourceJSON)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return fields }
            while true {
                skipSpace()
                guard i < bytes.count else { throw fail("the JSON ends early (truncated?) inside an object") }
                guard bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key in an object") }
                let key = try string()
                skipSpace()
                guard i < bytes.count else { throw fail("the JSON ends early (truncated?) inside an object") }
                guard bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\"") }
                i += 1
                skipSpace()
                fields.append((key, try value(depth: depth)))
                skipSpace()
                guard i < bytes.count else { throw fail("the JSON ends early (truncated?) inside an object") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return fields }
                throw fail("expected ',' or '}' in an object")
            }
        }

        mutating func array(depth: Int) throws(SourceJSONError) -> [SourceJSON] {
            i += 1
            var items: [SourceJSON] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return items }
            while true {
                skipSpace()
                items.append(try value(depth: depth))
                skipSpace()
                guard i < bytes.count else { throw fail("the JSON ends early (truncated?) inside an array") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return items }
                throw fail("expected ',' or ']' in an array")
            }
        }

        /// RFC 8259 §6 number; returns its text.
        mutating func number() throws(SourceJSONError) -> String {
            let start = i
            func digits() -> Int {
                let from = i
                while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
                return i - from
            }
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i < bytes.count else { throw fail("the JSON ends early (truncated?) inside a number") }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
            } else if digits() == 0 {
                throw fail("not a JSON number", at: start)
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits() > 0 else { throw fail("not a JSON number: no digit after '.'", at: start) }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw fail("not a JSON number: no digit in the exponent", at: start) }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }

        /// A string literal at `i` (a quote); returns it decoded.
        mutating func string() throws(SourceJSONError) -> String {
            let start = i
            i += 1
            var out: [UInt8] = []
            var runStart = i
            while true {
                guard i < bytes.count else { throw fail("the JSON ends early (truncated?) inside a string", at: start) }
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                    i += 1
                    break
                }
                if byte < 0x20 { throw fail("unescaped control character 0x\(String(byte, radix: 16)) in a string") }
                if byte != UInt8(ascii: "\\") { i += 1; continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                guard i + 1 < bytes.count else { throw fail("the JSON ends early (truncated?) inside a string", at: start) }
                let escape = bytes[i + 1]
                i += 2
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4(at: i - 2)
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw fail("lone surrogate escape in a string", at: i - 6)
                        }
                        i += 2
                        let low = try hex4(at: i - 2)
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("lone surrogate escape in a string", at: i - 12) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail("lone surrogate escape in a string", at: i - 6)
                    }
                    out.append(contentsOf: Array(String(UnicodeScalar(scalar)!).utf8))
                default:
                    throw fail("unknown escape '\\\(Self.describe(escape))' in a string", at: i - 2)
                }
                runStart = i
            }
            guard let text = String(validating: out, as: UTF8.self) else {
                throw fail("invalid UTF-8 in a string", at: start)
            }
            return text
        }

        /// The 4 hex digits after `\u` at `escapeStart`; moves past them.
        mutating func hex4(at escapeStart: Int) throws(SourceJSONError) -> UInt32 {
            guard i + 4 <= bytes.count else { throw fail("the JSON ends early (truncated?) inside an escape", at: escapeStart) }
            var value: UInt32 = 0
            for k in 0..<4 {
                let c = bytes[i + k]
                let digit: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
                default: throw fail("bad \\u escape in a string", at: escapeStart)
                }
                value = value << 4 | UInt32(digit)
            }
            i += 4
            return value
        }
    }
}
