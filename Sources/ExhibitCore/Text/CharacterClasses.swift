/// Per-scalar rules of SPEC §2 steps 3, 4 and 6–7, applied to scalars that are already
/// NFKC-normalized and case-folded.
enum CharacterClasses {
    /// Step 3: curly quotes and apostrophes become straight ones; U+2010 HYPHEN and
    /// U+2011 NON-BREAKING HYPHEN become `-`. Other dashes (en, em, figure dash,
    /// minus, …) are left alone and end up as separators.
    ///
    /// U+02BC MODIFIER LETTER APOSTROPHE is an apostrophe too (it is a letter by
    /// category, and `donʼt` should match `don't`). The low-9 and reversed-9 quotes
    /// (`‚ „ ‛ ‟`) are curly quotes. Guillemets and primes are not quotes here.
    @inline(__always)
    static func straightened(_ value: UInt32) -> UInt32 {
        switch value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x02BC: return 0x27   // '
        case 0x201C, 0x201D, 0x201E, 0x201F: return 0x22           // "
        case 0x2010, 0x2011: return 0x2D                           // -
        default: return value
        }
    }

    /// Step 4: the zero-width characters, deleted so they never split a word. The soft
    /// hyphen U+00AD is deleted too, but by the token rules (`UnitKind.softHyphen`),
    /// since before a line break it acts as a hyphen.
    @inline(__always)
    static func isDeletedInvisible(_ value: UInt32) -> Bool {
        switch value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }

    /// Whether a normalized letter-or-digit scalar is a digit (general category N*):
    /// a hyphen joins letters only (step 5), never digits (`10-12` stays two numbers).
    @inline(__always)
    static func isNumber(_ value: UInt32) -> Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// Whether `value` is a combining mark (M*): it takes the letter-or-digit nature of
    /// the character it follows.
    @inline(__always)
    static func isMark(_ value: UInt32) -> Bool {
        guard value >= 0x300, let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// Line breaks for hyphen joining (step 5). LF and CR are handled by the scanner (it
    /// folds CRLF into one break); NEL and LINE SEPARATOR are line breaks too. PARAGRAPH
    /// SEPARATOR, VT and FF are not: a word does not continue across a paragraph or page.
    @inline(__always)
    static func isLineBreak(_ value: UInt32) -> Bool {
        value == 0x0A || value == 0x0D || value == 0x85 || value == 0x2028
    }

    /// The kind of a normalized scalar under rules 4–7 and the given options
    /// (`invisibles` for the soft hyphen, `hyphens`, `cjkChars`).
    static func kind(of scalar: Unicode.Scalar, options: NormalizationOptions) -> UnitKind {
        let v = scalar.value
        if v == 0x27 { return .apostrophe }
        if v == 0x2D { return options.hyphens ? .hyphen : .separator }
        if v == 0xAD, options.invisibles { return options.hyphens ? .softHyphen : .ignored }
        if v == 0x09 { return .blank }
        if isLineBreak(v) { return .lineBreak }
        let props = scalar.properties
        switch props.generalCategory {
        case .spaceSeparator:
            return .blank
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return options.cjkChars && CJKCharacters.isOwnToken(scalar) ? .cjk : .letter
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return options.cjkChars && CJKCharacters.isOwnToken(scalar) ? .cjk : .mark
        default:
            return .separator
        }
    }
}
