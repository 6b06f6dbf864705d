/// What one normalized Unicode scalar is to the token rules (SPEC §2 steps 5–7).
///
/// Decided once per scalar after normalization, so the token assembler never looks at
/// Unicode properties itself.
enum UnitKind: UInt8 {
    /// A letter or digit (general category L* or N*) that joins runs (rule 6).
    case letter
    /// A combining mark (M*): part of a run (rule 6), and it stays with a CJK character
    /// it follows (`か` + U+3099), so rule 7 never leaves a lone mark behind.
    case mark
    /// A character that is a token of its own (rule 7).
    case cjk
    /// U+0027, kept inside a token only between two token characters (rule 6).
    case apostrophe
    /// U+002D when hyphen joining (rule 5) is on.
    case hyphen
    /// Tab or a space separator (Zs): the "blanks" of rule 5.
    case blank
    /// One line break: LF, CR, CRLF, NEL or U+2028 (rule 5 joins across exactly one).
    case lineBreak
    /// U+00AD SOFT HYPHEN with invisibles and hyphens on: deleted (step 4), except
    /// before optional blanks and a line break, where it acts as a hyphen (step 5).
    case softHyphen
    /// A unit the token rules skip entirely: a soft hyphen deleted by step 4 when
    /// hyphen joining is off.
    case ignored
    /// Anything else: separates tokens and is not a token.
    case separator
}

/// One normalized Unicode scalar with its kind, packed in 32 bits so a normalized
/// cluster is a flat array (scalar in bits 0–20, kind in bits 24–31).
struct TextUnit: Hashable {
    var raw: UInt32

    @inline(__always)
    init(scalar: UInt32, kind: UnitKind) {
        raw = scalar | UInt32(kind.rawValue) << 24
    }

    @inline(__always) var scalar: UInt32 { raw & 0x1F_FFFF }
    @inline(__always) var kind: UnitKind { UnitKind(rawValue: UInt8(truncatingIfNeeded: raw >> 24))! }
}

/// The normalized form of one extended grapheme cluster (UAX #29): the units it
/// contributes to the token stream, all of which trace back to the cluster's
/// scalar range. Empty when the cluster is deleted (step 4).
struct NormalizedCluster {
    var units: [TextUnit]
}
