/// Reads `boilerplate.txt` (SPEC §3): one span a line. The loader only splits lines;
/// the engine tokenizes them and warns about lines shorter than k tokens.
public enum BoilerplateFile {
    /// The non-blank lines of the decoded file with their 1-based physical line
    /// numbers. Lines end with LF; a CR before it is dropped; blank lines (spaces,
    /// tabs only) are skipped; other text is kept as is.
    public static func lines(of decoded: DecodedText) -> [(line: Int, text: String)] {
        var result: [(line: Int, text: String)] = []
        for (index, scalars) in decoded.text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated() {
            var text = String(scalars)
            if text.unicodeScalars.last == "\r" { text.unicodeScalars.removeLast() }
            if text.unicodeScalars.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            result.append((index + 1, text))
        }
        return result
    }
}
