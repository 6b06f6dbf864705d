/// Full Unicode case folding (CaseFolding.txt, statuses C + F; the Turkic T mappings
/// are not used), built from the full case mappings that Swift exposes.
///
/// Swift has no case-fold API. For every scalar except two families, the full fold
/// equals lowercase(uppercase(lowercase(x))), applied scalar by scalar with full
/// (multi-scalar) mappings: `ß` → `SS` → `ss`, `ẞ` → `ß` → `ss`, `ς` → `Σ` → `σ`,
/// `ᾈ` → `ᾀ` → `ἈΙ` → `ἀι`, `İ` → `i̇`. (A plain lowercase(uppercase(x)) misses
/// `ẞ`.) The exceptions, found by comparing that formula with CaseFolding.txt over
/// every code point: Cherokee folds to its *uppercase* letters (Unicode's choice for
/// stability), and dotless `ı` does not fold to `i`. Context-free, as folding is:
/// final sigma is not special.
enum CaseFolding {
    /// The full case fold of `scalar`, one or more scalars.
    static func fold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        let v = scalar.value
        // Dotless i has no C/F fold (only a Turkic T one, which is locale-specific).
        if v == 0x131 { return [scalar] }
        // Cherokee small letters fold to the capitals; the capitals fold to themselves.
        if (0xAB70...0xABBF).contains(v) { return [Unicode.Scalar(v - 0xAB70 + 0x13A0)!] }
        if (0x13F8...0x13FD).contains(v) { return [Unicode.Scalar(v - 8)!] }
        if (0x13A0...0x13F5).contains(v) { return [scalar] }
        var out: [Unicode.Scalar] = []
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            for upper in lower.properties.uppercaseMapping.unicodeScalars {
                out.append(contentsOf: upper.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return out
    }

    /// `text` with every scalar replaced by its full case fold.
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.isASCII {
                // Cheap path for the common case; ASCII folds to ASCII.
                out.append((0x41...0x5A).contains(s.value) ? Unicode.Scalar(s.value + 0x20)! : s)
            } else {
                out.append(contentsOf: fold(s))
            }
        }
        return String(out)
    }
}
