/// Rejects the TOML texts that would abort the TOML parser instead of failing it.
///
/// Why a guard: the C++ parser bundled by TOMLKit (toml++ 3.x) asserts that a table
/// header's key starts with a bare-key character or a quote, and its assertions stay
/// on in SwiftPM release builds (SwiftPM does not define `NDEBUG`; fixed upstream in
/// toml++ PR #301, after the mirrored version). So `[\`, `[“match”]`, `[[[a]]]`,
/// `[#x]` or a lone `[` abort the process (exit 134) instead of throwing. A define
/// cannot be set on a dependency's target from this package, and writing a second
/// TOML parser would be a second copy of a rule; a guard in front of the parser is the
/// smallest fix that keeps every valid file parsed exactly as before: it only rejects
/// texts TOML 1.0 rejects too (a header must start with a key).
///
/// The guard follows the document's statements as toml++ does (headers, `key = value`
/// with strings, comments and nested brackets skipped) so a `[` inside a value is never
/// taken for a header. On a valid prefix it stays in step with the parser; past the
/// first syntax error the parser stops, so what the guard sees there cannot reach it.
public enum TOMLHeaderGuard {
    /// Where a table header has no key, and why.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// 1-based line.
        public var line: Int
        /// 1-based column, in Unicode scalars.
        public var column: Int
        /// UTF-8 offset in the text of the offending character (or of its end).
        public var utf8Offset: Int
        public var message: String
        public var description: String { message }
    }

    /// nil when every top-level table header of `text` starts with a key (bare or
    /// quoted), else the first header that does not.
    public static func check(_ text: String) -> Failure? {
        var scanner = Scanner(Array(text.utf8))
        return scanner.run()
    }

    private struct Scanner {
        let b: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0

        init(_ bytes: [UInt8]) {
            b = bytes
            if b.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3; lineStart = 3 }  // BOM
        }

        var atEnd: Bool { i >= b.count }
        func peek(_ d: Int = 0) -> UInt8? { i + d < b.count ? b[i + d] : nil }

        mutating func newline() {
            i += 1
            line += 1
            lineStart = i
        }

        mutating func run() -> Failure? {
            while !atEnd {
                switch b[i] {
                case 0x20, 0x09, 0x0D: i += 1
                case 0x0A: newline()
                case UInt8(ascii: "#"): skipComment()
                case UInt8(ascii: "["):
                    if let failure = header() { return failure }
                default:
                    keyValue()
                }
            }
            return nil
        }

        /// Checks the header at `[`, then skips its line.
        mutating func header() -> Failure? {
            i += 1
            if peek() == UInt8(ascii: "[") { i += 1 }  // `[[`: toml++ rejects `[ [` itself
            while let c = peek(), c == 0x20 || c == 0x09 { i += 1 }
            guard let c = peek(), Self.startsKey(c) else {
                return failure(peek() == nil ? "table header without a key (end of file after '[')"
                                             : "table header must start with a key (a letter, digit, _, - or quote)")
            }
            while let c = peek(), c != 0x0A { i += 1 }
            return nil
        }

        static func startsKey(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
                 UInt8(ascii: "\""), UInt8(ascii: "'"):
                return true
            default:
                return false
            }
        }

        func failure(_ message: String) -> Failure {
            // Column in scalars: count lead bytes from the line start.
            var column = 1
            for p in lineStart..<min(i, b.count) where b[p] & 0xC0 != 0x80 { column += 1 }
            return Failure(line: line, column: column, utf8Offset: i, message: message)
        }

        /// `key = value` up to the end of its statement (nested brackets may span lines).
        mutating func keyValue() {
            // Key: up to `=`, skipping quoted segments; a newline first means a bad line.
            while let c = peek(), c != UInt8(ascii: "=") {
                if c == 0x0A { return }
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { skipString() } else { i += 1 }
            }
            i += 1
            var depth = 0
            while let c = peek() {
                switch c {
                case 0x0A:
                    if depth == 0 { return }
                    newline()
                case UInt8(ascii: "#"): skipComment()
                case UInt8(ascii: "\""), UInt8(ascii: "'"): skipString()
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; i += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1); i += 1
                default: i += 1
                }
            }
        }

        mutating func skipComment() {
            while let c = peek(), c != 0x0A { i += 1 }
        }

        /// A basic or literal string, single- or multi-line, from its opening quote.
        mutating func skipString() {
            let q = b[i]
            let basic = q == UInt8(ascii: "\"")
            if peek(1) == q && peek(2) == q {
                i += 3
                while let c = peek() {
                    if basic && c == UInt8(ascii: "\\") {
                        i += 1
                        if peek() == 0x0A { newline() } else { i += 1 }
                        continue
                    }
                    if c == 0x0A { newline(); continue }
                    if c == q && peek(1) == q && peek(2) == q {
                        i += 3
                        // Up to two more quotes belong to the content (`""""a"""""`).
                        var extra = 0
                        while extra < 2, peek() == q { i += 1; extra += 1 }
                        return
                    }
                    i += 1
                }
                return
            }
            i += 1
            while let c = peek(), c != 0x0A {
                i += 1
                if basic && c == UInt8(ascii: "\\") { if peek() != 0x0A { i += 1 }; continue }
                if c == q { return }
            }
        }
    }
}
