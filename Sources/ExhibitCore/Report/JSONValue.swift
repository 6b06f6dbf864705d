import Foundation

/// A JSON value whose objects keep their keys in the order given, so reports have the
/// fixed key order SPEC §8 promises (Foundation's encoders sort keys or leave the
/// order unspecified). Serialization follows RFC 8259.
///
/// Not `indirect`: arrays and objects already hold their elements on the heap, and an
/// indirect enum boxes every value, down to each integer — a large report's values
/// are millions of allocations.
public enum JSONValue: Sendable, Hashable {
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

    /// `serialized(indent:)` as UTF-8 bytes, as a report is written to a file (a scan's
    /// report is tens of megabytes: no detour through `String`).
    public func utf8(indent: Int? = nil) -> [UInt8] {
        var out = [UInt8]()
        write(into: &out, indent: indent, level: 0)
        return out
    }

    /// Elements of an `.elements` array serialized per task: enough to pay for a hand-out.
    private static let elementsPerChunk = 512
    /// Chunks of an `.elements` array serialized at once, per core: their texts are held
    /// only until appended (an XL report's pairs are most of a gigabyte).
    private static let chunksPerCore = 4

    // The text is built as UTF-8 bytes: appending many short pieces to a `String` costs
    // several times more (a report of 100,000 outputs is tens of megabytes).
    /// - Parameter sink: when given, takes the bytes written so far after each window of
    ///   an `.elements` array, once they are many (`JSONSink`).
    func write(into out: inout [UInt8], indent: Int?, level: Int, sink: JSONSink? = nil) {
        switch self {
        case .elements(let count, let element):
            if count == 0 { Self.put("[]", &out); return }
            let chunks = (count + Self.elementsPerChunk - 1) / Self.elementsPerChunk
            let separator = indent == nil ? "," : ",\n"
            let pad = (indent ?? 0) * (level + 1)
            let cores = ProcessInfo.processInfo.activeProcessorCount
            Self.put(indent == nil ? "[" : "[\n", &out)
            // A window of chunks at a time on all cores, each chunk's text copied once
            // and let go.
            var first = 0
            while first < chunks {
                let window = min(chunks - first, max(1, cores * Self.chunksPerCore))
                let start = first
                var texts: [[UInt8]] = parallelMap(window, threads: cores, chunk: 1) { j in
                    let c = start + j
                    var text = [UInt8]()
                    for i in (c * Self.elementsPerChunk)..<min(count, (c + 1) * Self.elementsPerChunk) {
                        if i > 0 { Self.put(separator, &text) }
                        Self.spaces(pad, &text)
                        element(i).write(into: &text, indent: indent, level: level + 1)
                    }
                    return text
                }
                for j in texts.indices {
                    out.append(contentsOf: texts[j])
                    texts[j] = []
                }
                sink?.take(&out)
                first += window
            }
            if let indent {
                Self.put("\n", &out)
                Self.spaces(indent * level, &out)
            }
            Self.put("]", &out)
        case .null: Self.put("null", &out)
        case .bool(let b): Self.put(b ? "true" : "false", &out)
        case .int(let i): Self.integer(i, &out)
        case .fraction(let x): if x.isFinite { formatFraction(x, into: &out) } else { Self.put("null", &out) }
        case .number(let digits): Self.put(digits, &out)
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { Self.put("[]", &out); return }
            let nested = items.contains { if case .array = $0 { return true }; if case .object = $0 { return true }; return false }
            guard let indent, nested else {
                Self.put("[", &out)
                for (i, v) in items.enumerated() {
                    if i > 0 { Self.put(indent == nil ? "," : ", ", &out) }
                    v.write(into: &out, indent: indent, level: level + 1, sink: sink)
                }
                Self.put("]", &out)
                return
            }
            Self.put("[\n", &out)
            for (i, v) in items.enumerated() {
                Self.spaces(indent * (level + 1), &out)
                v.write(into: &out, indent: indent, level: level + 1, sink: sink)
                Self.put(i + 1 < items.count ? ",\n" : "\n", &out)
            }
            Self.spaces(indent * level, &out)
            Self.put("]", &out)
        case .object(let fields):
            if fields.isEmpty { Self.put("{}", &out); return }
            guard let indent else {
                Self.put("{", &out)
                for (i, (k, v)) in fields.enumerated() {
                    if i > 0 { Self.put(",", &out) }
                    Self.quote(k, into: &out)
                    Self.put(":", &out)
                    v.write(into: &out, indent: nil, level: level + 1, sink: sink)
                }
                Self.put("}", &out)
                return
            }
            Self.put("{\n", &out)
            for (i, (k, v)) in fields.enumerated() {
                Self.spaces(indent * (level + 1), &out)
                Self.quote(k, into: &out)
                Self.put(": ", &out)
                v.write(into: &out, indent: indent, level: level + 1, sink: sink)
                Self.put(i + 1 < fields.count ? ",\n" : "\n", &out)
            }
            Self.spaces(indent * level, &out)
            Self.put("}", &out)
        }
    }

    @inline(__always)
    private static func put(_ s: String, _ out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    @inline(__always)
    private static func spaces(_ n: Int, _ out: inout [UInt8]) {
        for _ in 0..<n { out.append(0x20) }
    }

    /// `String(i)`'s digits, written without making the string.
    private static func integer(_ i: Int, _ out: inout [UInt8]) {
        if i < 0 { out.append(0x2D) }
        var m = i.magnitude
        var digits = (UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0),
                      UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0), UInt8(0))
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - n] = UInt8(48 + m % 10)
                m /= 10
                n += 1
            } while m > 0
            out.append(contentsOf: d[(20 - n)...])
        }
    }

    /// Writes `s` as a JSON string: `"` and `\` escaped, control characters as
    /// `\n`, `\t`, … or `\u00XX`, everything else as UTF-8.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        // Most strings need no escaping: append them whole.
        let plain = s.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 >= 0xC2 }) else {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(0x22)
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": put("\\\"", &out)
            case "\\": put("\\\\", &out)
            case "\n": put("\\n", &out)
            case "\r": put("\\r", &out)
            case "\t": put("\\t", &out)
            case "\u{08}": put("\\b", &out)
            case "\u{0C}": put("\\f", &out)
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    put("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, &out)
                } else {
                    UTF8.encode(u) { out.append($0) }
                }
            }
        }
        out.append(0x22)
    }
}
