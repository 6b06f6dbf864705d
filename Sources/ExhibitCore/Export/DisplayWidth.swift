/// How many terminal (monospace) columns text takes, for wrapping plain-text exports.
///
/// A deliberately simple rule, not the full UAX #11 table: combining and enclosing
/// marks and format characters (zero-width joiner, soft hyphen, …) take 0 columns;
/// characters in the East Asian Wide and Fullwidth blocks listed in `isWide` (CJK
/// ideographs, kana, hangul syllables, fullwidth forms, the common emoji blocks) take
/// 2; everything else 1. Emoji sequences joined by U+200D count each emoji, so they
/// may be measured wider than a terminal draws them; that only makes lines shorter.
public enum DisplayWidth {
    /// Columns of one scalar: 0, 1 or 2.
    public static func columns(_ u: Unicode.Scalar) -> Int {
        switch u.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        return isWide(u) ? 2 : 1
    }

    /// Columns of a string: the sum over its scalars.
    public static func columns(_ s: some StringProtocol) -> Int {
        s.unicodeScalars.reduce(0) { $0 + columns($1) }
    }

    /// East Asian Wide or Fullwidth, by block.
    public static func isWide(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x1100...0x115F,    // Hangul Jamo initial consonants
             0x2E80...0x303E,    // CJK radicals, Kangxi, ideographic punctuation (。、)
             0x3041...0x33FF,    // Hiragana, Katakana, Bopomofo, CJK compatibility
             0x3400...0x4DBF,    // CJK Extension A
             0x4E00...0x9FFF,    // CJK Unified Ideographs
             0xA000...0xA4CF,    // Yi
             0xAC00...0xD7A3,    // Hangul syllables
             0xF900...0xFAFF,    // CJK compatibility ideographs
             0xFE30...0xFE4F,    // CJK compatibility forms
             0xFF00...0xFF60,    // Fullwidth forms
             0xFFE0...0xFFE6,    // Fullwidth signs
             0x1F300...0x1F64F,  // Miscellaneous symbols and pictographs, emoticons
             0x1F900...0x1F9FF,  // Supplemental symbols and pictographs
             0x20000...0x3FFFD:  // CJK Extensions B and later
            return true
        default:
            return false
        }
    }
}
