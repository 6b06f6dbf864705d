/// Turns text into tokens per SPEC §2. (Stub: splits on non-alphanumerics; the
/// full text model replaces it.)
public struct Tokenizer: Sendable {
    public var options: NormalizationOptions
    public init(options: NormalizationOptions = NormalizationOptions()) { self.options = options }

    public func tokenize(_ text: String) -> TokenizedText {
        var out = TokenizedText()
        var cur = ""
        var start: Int32 = 0
        var i: Int32 = 0
        for s in text.unicodeScalars {
            if s.properties.isAlphabetic || s.properties.numericType != nil {
                if cur.isEmpty { start = i }
                cur.unicodeScalars.append(contentsOf: String(s).lowercased().unicodeScalars)
            } else if !cur.isEmpty {
                out.tokens.append(cur); out.starts.append(start); out.ends.append(i); cur = ""
            }
            i += 1
        }
        if !cur.isEmpty { out.tokens.append(cur); out.starts.append(start); out.ends.append(i) }
        return out
    }
}
