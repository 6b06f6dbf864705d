import Foundation

/// A JSON value whose objects keep their keys in the order given, so reports have the
/// fixed key order SPEC §8 promises (Foundation's encoders sort keys or leave the
/// order unspecified). Serialization follows RFC 8259.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    /// A fraction, written rounded to 6 decimals (`formatFraction`).
    case fraction(Double)
    /// A number exactly as a source wrote it (RFC 8259 number syntax, e.g. an imported
    /// log-probability `-12.0625`), written digit for digit, never through a `Double`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An array of `count` objects or arrays made on demand, `element(i)` the i-th:
    /// serialized exactly as `.array((0..<count).map(element))`, but a large one on all
    /// cores in chunks, and never holding every element at once (a scan report's
    /// outputs and pairs).
    case elements(count: Int, element: @Sendable (Int) -> JSONValue)

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }
    public func hash(into h: inout Hasher) { h.combine(serialized()) }

    /// `.string(s)` or `.null`.
    public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Compact JSON text when `indent` is nil, else pretty-printed with `indent` spaces,
    /// arrays of scalars kept on one line.
    public func serialized(indent: Int? = nil) -> String {
        String(decoding: utf8(indent: indent), as: UTF8.self)
    }

    /// `serialized(indent:)` as UTF-8 bytes. Reports are written as bytes: appending
    /// to a byte array costs a fraction of appending to a `String` (a large scan's
    /// report is tens of megabytes).
    public func utf8(indent: Int? = nil) -> [UInt8] {
        var out = [UInt8]()
        write(into: &out, indent: indent, level: 0)
        return out
    }

    /// Elements of an `.elements` array serialized per task: enough to pay for a hand-out.
    private static let elementsPerChunk = 512

    private func write(into out: inout [UInt8], indent: Int?, level: Int) {
        switch self {
        case .elements(let count, let element):
            if count == 0 { out.append(contentsOf: "[]".utf8); return }
            let chunks = (count + Self.elementsPerChunk - 1) / Self.elementsPerChunk
            let texts: [[UInt8]] = parallelMap(chunks, threads: ProcessInfo.processInfo.activeProcessorCount, chunk: 1) { c in
                var text = [UInt8]()
                for i in (c * Self.elementsPerChunk)..<min(count, (c + 1) * Self.elementsPerChunk) {
                    if i > 0 {
                        text.append(UInt8(ascii: ","))
                        if indent != nil { text.append(UInt8(ascii: "\n")) }
                    }
                    if let indent { Self.pad(&text, indent * (level + 1)) }
                    element(i).write(into: &text, indent: indent, level: level + 1)
                }
                return text
            }
            // One growth for all chunks: a report's arrays are tens of megabytes, and
            // growing by doubling would copy them and fault in fresh pages each time.
            out.reserveCapacity(out.count + texts.reduce(0) { $0 + $1.count } + 2 + (indent ?? 0) * level + 2)
            out.append(UInt8(ascii: "["))
            if indent != nil { out.append(UInt8(ascii: "\n")) }
            for text in texts { out.append(contentsOf: text) }
            if let indent {
                out.append(UInt8(ascii: "\n"))
                Self.pad(&out, indent * level)
            }
            out.append(UInt8(ascii: "]"))
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): Self.appendInt(i, to: &out)
        case .fraction(let x): out.append(contentsOf: (x.isFinite ? formatFraction(x) : "null").utf8)
        case .number(let digits): out.append(contentsOf: digits.utf8)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            let nested = items.contains { if case .array = $0 { return true }; if case .object = $0 { return true }; return false }
            guard let indent, nested else {
                out.append(UInt8(ascii: "["))
                for (i, v) in items.enumerated() {
                    if i > 0 {
                        out.append(UInt8(ascii: ","))
                        if indent != nil { out.append(UInt8(ascii: " ")) }
                    }
                    v.write(into: &out, indent: indent, level: level + 1)
                }
                out.append(UInt8(ascii: "]"))
                return
            }
            out.append(contentsOf: "[\n".utf8)
            for (i, v) in items.enumerated() {
                Self.pad(&out, indent * (level + 1))
                v.write(into: &out, indent: indent, level: level + 1)
                out.append(contentsOf: (i + 1 < items.count ? ",\n" : "\n").utf8)
            }
            Self.pad(&out, indent * level)
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            if fields.isEmpty { out.append(contentsOf: "{}".utf8); return }
            guard let indent else {
                out.append(UInt8(ascii: "{"))
                for (i, (k, v)) in fields.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    Self.quote(k, into: &out)
                    out.append(UInt8(ascii: ":"))
                    v.write(into: &out, indent: nil, level: level + 1)
                }
                out.append(UInt8(ascii: "}"))
                return
            }
            out.append(contentsOf: "{\n".utf8)
            for (i, (k, v)) in fields.enumerated() {
                Self.pad(&out, indent * (level + 1))
                Self.quote(k, into: &out)
                out.append(contentsOf: ": ".utf8)
                v.write(into: &out, indent: indent, level: level + 1)
                out.append(contentsOf: (i + 1 < fields.count ? ",\n" : "\n").utf8)
            }
            Self.pad(&out, indent * level)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `n` spaces.
    @inline(__always)
    private static func pad(_ out: inout [UInt8], _ n: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: n))
    }

    /// Appends the decimal digits of `i` (with `-` when negative), as `String(i)` spells them.
    private static func appendInt(_ i: Int, to out: inout [UInt8]) {
        if i < 0 { out.append(UInt8(ascii: "-")) }
        var m = i.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                n += 1
            } while m > 0
            for j in stride(from: n - 1, through: 0, by: -1) { out.append(d[j]) }
        }
    }

    /// Writes `s` as a JSON string: `"` and `\\` escaped, control characters as
    /// `\\n`, `\\t`, … or `\\u00XX`, everything else as UTF-8.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escaping: append them whole.
        var s = s
        let plain = s.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 >= 0xC2 }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out.append(contentsOf: "\\\"".utf8)
            case "\\": out.append(contentsOf: "\\\\".utf8)
            case "\n": out.append(contentsOf: "\\n".utf8)
            case "\r": out.append(contentsOf: "\\r".utf8)
            case "\t": out.append(contentsOf: "\\t".utf8)
            case "\u{08}": out.append(contentsOf: "\\b".utf8)
            case "\u{0C}": out.append(contentsOf: "\\f".utf8)
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    out.append(contentsOf: String(u).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
