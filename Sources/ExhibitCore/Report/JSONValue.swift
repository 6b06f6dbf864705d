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
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    /// Elements of an `.elements` array serialized per task: enough to pay for a hand-out.
    private static let elementsPerChunk = 512

    private func write(into out: inout String, indent: Int?, level: Int) {
        switch self {
        case .elements(let count, let element):
            if count == 0 { out += "[]"; return }
            let chunks = (count + Self.elementsPerChunk - 1) / Self.elementsPerChunk
            let separator = indent == nil ? "," : ",\n"
            let pad = indent.map { String(repeating: " ", count: $0 * (level + 1)) } ?? ""
            let texts: [String] = parallelMap(chunks, threads: ProcessInfo.processInfo.activeProcessorCount, chunk: 1) { c in
                var text = ""
                for i in (c * Self.elementsPerChunk)..<min(count, (c + 1) * Self.elementsPerChunk) {
                    if i > 0 { text += separator }
                    text += pad
                    element(i).write(into: &text, indent: indent, level: level + 1)
                }
                return text
            }
            out += indent == nil ? "[" : "[\n"
            for text in texts { out += text }
            out += indent == nil ? "]" : "\n" + String(repeating: " ", count: indent! * level) + "]"
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .fraction(let x): out += x.isFinite ? formatFraction(x) : "null"
        case .number(let digits): out += digits
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let nested = items.contains { if case .array = $0 { return true }; if case .object = $0 { return true }; return false }
            guard let indent, nested else {
                out += "["
                for (i, v) in items.enumerated() {
                    if i > 0 { out += indent == nil ? "," : ", " }
                    v.write(into: &out, indent: indent, level: level + 1)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += String(repeating: " ", count: indent * (level + 1))
                v.write(into: &out, indent: indent, level: level + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent * level) + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            guard let indent else {
                out += "{"
                for (i, (k, v)) in fields.enumerated() {
                    if i > 0 { out += "," }
                    Self.quote(k, into: &out)
                    out += ":"
                    v.write(into: &out, indent: nil, level: level + 1)
                }
                out += "}"
                return
            }
            out += "{\n"
            for (i, (k, v)) in fields.enumerated() {
                out += String(repeating: " ", count: indent * (level + 1))
                Self.quote(k, into: &out)
                out += ": "
                v.write(into: &out, indent: indent, level: level + 1)
                out += i + 1 < fields.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent * level) + "}"
        }
    }

    /// Writes `s` as a JSON string: `"` and `\` escaped, control characters as
    /// `\n`, `\t`, … or `\u00XX`, everything else as UTF-8.
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escaping: append them whole.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 >= 0xC2 }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80..<0xA0).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
