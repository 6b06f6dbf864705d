/// Case text is data: before it reaches a terminal, a spreadsheet or a printed
/// exhibit, control characters are replaced by visible marks.
public enum VisibleText {
    /// `text` with C0 controls shown as Unicode control pictures (U+2400 + code, so
    /// ESC is `␛`, NUL `␀`), DEL as `␡`, C1 controls as `<U+0085>`-style marks.
    /// Line breaks and tabs are kept when `keepLayout`; otherwise each run of
    /// whitespace (line breaks included) becomes one space.
    public static func escaped(_ text: Substring, keepLayout: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var lastSpace = false
        for u in text.unicodeScalars {
            let v = u.value
            if !keepLayout && u.properties.isWhitespace {
                if !lastSpace { out.append(" ") }
                lastSpace = true
                continue
            }
            lastSpace = false
            if keepLayout && (u == "\n" || u == "\t" || u == "\r") {
                out.append(u)
            } else if v < 0x20 {
                out.append(Unicode.Scalar(0x2400 + v)!)
            } else if v == 0x7F {
                out.append("\u{2421}")
            } else if (0x80..<0xA0).contains(v) {
                let hex = String(v, radix: 16, uppercase: true)
                out.append(contentsOf: "<U+00\(hex)>".unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// A substring of `text` by Unicode scalar offsets `range` (half-open), clamped to the text.
    public static func slice(_ text: String, scalars range: Range<Int>) -> Substring {
        let scalars = text.unicodeScalars
        let n = scalars.count
        let lo = min(max(0, range.lowerBound), n), hi = min(max(lo, range.upperBound), n)
        let a = scalars.index(scalars.startIndex, offsetBy: lo)
        let b = scalars.index(a, offsetBy: hi - lo)
        return Substring(scalars[a..<b])
    }
}
