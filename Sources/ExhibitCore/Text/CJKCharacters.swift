/// SPEC §2 rule 7: characters whose Unicode name begins with `CJK UNIFIED IDEOGRAPH`,
/// `CJK COMPATIBILITY IDEOGRAPH`, `HIRAGANA`, `KATAKANA` or `HANGUL SYLLABLE` are
/// tokens of their own (those scripts do not separate words with spaces).
///
/// Only letters, marks and digits qualify: a few punctuation marks and symbols carry
/// such names too (`・` KATAKANA MIDDLE DOT, `゠` KATAKANA-HIRAGANA DOUBLE HYPHEN,
/// `゛` KATAKANA-HIRAGANA VOICED SOUND MARK), and rule 6 says they are separators,
/// never tokens.
///
/// Applied to *normalized* scalars, so it sees what NFKC made of a character:
/// halfwidth `ｶ` (HALFWIDTH KATAKANA LETTER KA, not a KATAKANA name) becomes `カ`
/// and is then a token of its own; with NFKC off it stays a letter that joins a run.
/// Compatibility ideographs mostly become unified ones under NFKC; the twelve in
/// U+FA0E–U+FA29 that have no decomposition keep their COMPATIBILITY name. Either way
/// they qualify.
enum CJKCharacters {
    /// The name prefixes of rule 7.
    static let namePrefixes = [
        "CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH",
        "HIRAGANA", "KATAKANA", "HANGUL SYLLABLE",
    ]

    /// Blocks outside which no character has one of those names (a superset, with room
    /// for future assignments; a test checks every code point). A cheap test that spares
    /// the name lookup for all other scripts.
    static let candidateRanges: [ClosedRange<UInt32>] = [
        0x3040...0x30FF,    // Hiragana, Katakana
        0x31F0...0x31FF,    // Katakana Phonetic Extensions
        0x3400...0x4DBF,    // CJK Unified Ideographs Extension A
        0x4E00...0x9FFF,    // CJK Unified Ideographs
        0xAC00...0xD7AF,    // Hangul Syllables
        0xF900...0xFAFF,    // CJK Compatibility Ideographs
        0x1AFF0...0x1B16F,  // Kana Extended-B, Kana Supplement, Kana Extended-A, Small Kana Extension
        0x20000...0x3FFFF,  // Supplementary and Tertiary Ideographic Planes
    ]

    /// Whether `scalar` could have a rule 7 name (no name lookup).
    @inline(__always)
    static func isCandidate(_ value: UInt32) -> Bool {
        if value < 0x3040 { return false }
        for r in candidateRanges where r.contains(value) { return true }
        return false
    }

    /// Whether the Unicode name of `scalar` begins with one of the rule 7 prefixes.
    static func hasCJKName(_ scalar: Unicode.Scalar) -> Bool {
        guard isCandidate(scalar.value), let name = scalar.properties.name else { return false }
        return namePrefixes.contains { name.hasPrefix($0) }
    }

    /// Whether `scalar` is a token of its own under rule 7: a letter, mark or digit with
    /// a rule 7 name. Called once per distinct normalized cluster (results are cached).
    static func isOwnToken(_ scalar: Unicode.Scalar) -> Bool {
        guard isCandidate(scalar.value) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return hasCJKName(scalar)
        default:
            return false
        }
    }
}
