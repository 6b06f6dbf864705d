/// Turns the stream of normalized units into tokens: SPEC §2 rule 4's soft hyphen, rule
/// 5 (hyphen joining), rule 6 (runs of letters, marks and digits; apostrophes inside)
/// and rule 7 (CJK characters are tokens of their own).
///
/// Rule 5: a hyphen joins a letter before it (the last non-mark character of the token)
/// to a letter after it, directly or across optional blanks, one line break and
/// optional blanks; a digit on either side never joins (`10-12`, `2024-05-01` stay
/// separate numbers). A soft hyphen is deleted (the word goes on through it, digits
/// too), except before optional blanks and a line break, where it is such a hyphen.
///
/// Every unit carries the half-open Unicode scalar range of the source it came from
/// (its grapheme cluster, or its control sequence). A token spans from the start of its
/// first unit's source to the end of its last token character's source, so tokens born
/// of one cluster share that cluster's range, and a token joined across a hyphen and a
/// line break spans the hyphen and the break too.
struct TokenAssembler {
    private enum State: UInt8 {
        /// Between tokens.
        case idle
        /// Inside a run; the last unit was a letter or mark.
        case word
        /// Inside a CJK token; only marks may follow.
        case cjk
        /// Inside a run, after an apostrophe that stays only if a token character follows.
        case apostrophe
        /// Inside a run, right after `-`.
        case hyphen
        /// After `-` and blanks, waiting for the line break that alone lets the word go on.
        case hyphenBlanks
        /// After `-`, optional blanks and one line break (and optional blanks).
        case hyphenBreak
        /// Inside a run, right after a soft hyphen.
        case softHyphen
        /// After a soft hyphen and blanks: only a line break makes it a hyphen.
        case softHyphenBlanks
        /// After a joining `-` and a soft hyphen: only a letter now keeps the join (the
        /// soft hyphen deleted); blanks or a break make it a second hyphen, or leave the
        /// first one before a blank, and nothing joins.
        case hyphenSoft
        /// After `-`, a line break (and blanks) and a soft hyphen: a letter after optional
        /// blanks joins; a line break (the soft hyphen then acts as a hyphen) does not.
        case hyphenBreakSoft
    }

    private var state = State.idle
    /// The tokens so far; the token being built is `result.bytes[tokenByteStart...]`.
    private(set) var result = TokenBytes()
    private var tokenByteStart = 0
    private var tokenStart: Int32 = 0
    private var tokenEnd: Int32 = 0

    init(expectedTokens: Int = 0) {
        result.bytes.reserveCapacity(expectedTokens * 6)
        result.byteEnds.reserveCapacity(expectedTokens)
        result.starts.reserveCapacity(expectedTokens)
        result.ends.reserveCapacity(expectedTokens)
    }

    /// Feeds one unit whose source is scalars `start ..< end` of the original text.
    @inline(__always)
    mutating func feed(_ kind: UnitKind, scalar: UInt32, start: Int32, end: Int32) {
        if kind == .ignored { return }
        switch state {
        case .word:
            continueWord(kind, scalar: scalar, start: start, end: end)
        case .softHyphen:
            switch kind {
            case .softHyphen: break
            case .blank: state = .softHyphenBlanks
            case .lineBreak:
                if endsWithLetter { state = .hyphenBreak } else { flush() }
            default:
                // Deleted: the unit goes on as if the soft hyphen were not there.
                state = .word
                continueWord(kind, scalar: scalar, start: start, end: end)
            }
        case .softHyphenBlanks:
            switch kind {
            case .blank: break
            case .softHyphen: flush()  // the first was deleted; this one follows a blank
            case .lineBreak:
                if endsWithLetter { state = .hyphenBreak } else { flush() }
            default: restart(kind, scalar: scalar, start: start, end: end)
            }
        case .idle:
            if kind != .softHyphen { begin(kind, scalar: scalar, start: start, end: end) }
        case .cjk:
            if kind == .softHyphen { return }
            if kind == .mark {
                append(scalar)
                tokenEnd = end
            } else {
                restart(kind, scalar: scalar, start: start, end: end)
            }
        case .apostrophe:
            if kind == .softHyphen { return }
            if kind == .letter || kind == .mark {
                result.bytes.append(0x27)
                append(scalar)
                tokenEnd = end
                state = .word
            } else {
                restart(kind, scalar: scalar, start: start, end: end)
            }
        case .hyphen:
            switch kind {
            case .letter where CharacterClasses.isNumber(scalar):
                restart(kind, scalar: scalar, start: start, end: end)
            case .letter, .mark:
                append(scalar)
                tokenEnd = end
                state = .word
            case .blank: state = .hyphenBlanks
            case .lineBreak: state = .hyphenBreak
            case .softHyphen: state = .hyphenSoft
            default: restart(kind, scalar: scalar, start: start, end: end)
            }
        case .hyphenSoft:
            switch kind {
            case .letter where CharacterClasses.isNumber(scalar):
                restart(kind, scalar: scalar, start: start, end: end)
            case .letter, .mark:
                append(scalar)
                tokenEnd = end
                state = .word
            case .softHyphen: break
            default: restart(kind, scalar: scalar, start: start, end: end)
            }
        case .hyphenBlanks:
            switch kind {
            case .blank: break
            case .lineBreak: state = .hyphenBreak
            default: restart(kind, scalar: scalar, start: start, end: end)
            }
        case .hyphenBreak, .hyphenBreakSoft:
            switch kind {
            case .blank: break
            case .softHyphen: state = .hyphenBreakSoft
            case .lineBreak where state == .hyphenBreakSoft: flush()
            case .letter where CharacterClasses.isNumber(scalar):
                restart(kind, scalar: scalar, start: start, end: end)
            case .letter, .mark:
                append(scalar)
                tokenEnd = end
                state = .word
            default: restart(kind, scalar: scalar, start: start, end: end)
            }
        }
    }

    /// A unit inside a run (state `.word`).
    @inline(__always)
    private mutating func continueWord(_ kind: UnitKind, scalar: UInt32, start: Int32, end: Int32) {
        switch kind {
        case .letter, .mark:
            append(scalar)
            tokenEnd = end
        case .apostrophe: state = .apostrophe
        case .hyphen:
            if endsWithLetter { state = .hyphen } else { flush() }
        case .softHyphen: state = .softHyphen
        default: restart(kind, scalar: scalar, start: start, end: end)
        }
    }

    /// Whether the token's last character, marks skipped, is a letter rather than a
    /// digit (rule 5: only letters join across a hyphen). Read back from the token's
    /// UTF-8, so the scanner's hot path does not track it.
    private var endsWithLetter: Bool {
        let buffer = result.bytes, first = tokenByteStart
        var i = buffer.count
        while i > first {
            var j = i - 1
            while j > first && buffer[j] & 0xC0 == 0x80 { j -= 1 }
            let value = Self.decode(buffer, j, i)
            if !CharacterClasses.isMark(value) { return !CharacterClasses.isNumber(value) }
            i = j
        }
        return true
    }

    /// The scalar encoded by `bytes[from..<to]` (one well-formed UTF-8 sequence).
    private static func decode(_ bytes: [UInt8], _ from: Int, _ to: Int) -> UInt32 {
        var value = UInt32(bytes[from])
        switch to - from {
        case 1: return value
        case 2: value &= 0x1F
        case 3: value &= 0x0F
        default: value &= 0x07
        }
        for k in (from + 1)..<to { value = value << 6 | UInt32(bytes[k] & 0x3F) }
        return value
    }

    /// Whether a letter fed now simply extends the token in progress.
    @inline(__always) var inWord: Bool { state == .word }

    /// Appends an ASCII letter or digit (already folded) to the word in progress, the
    /// scanner's hot path; only when `inWord`. `end` is the scalar offset after it.
    @inline(__always)
    mutating func extendWord(_ byte: UInt8, end: Int32) {
        result.bytes.append(byte)
        tokenEnd = end
    }

    /// Ends the text: emits the token in progress.
    mutating func finish() -> TokenBytes {
        flush()
        state = .idle
        return result
    }

    @inline(__always)
    private mutating func restart(_ kind: UnitKind, scalar: UInt32, start: Int32, end: Int32) {
        flush()
        begin(kind, scalar: scalar, start: start, end: end)
    }

    @inline(__always)
    private mutating func begin(_ kind: UnitKind, scalar: UInt32, start: Int32, end: Int32) {
        switch kind {
        case .letter, .mark:
            state = .word
        case .cjk:
            state = .cjk
        default:
            state = .idle
            return
        }
        tokenStart = start
        tokenEnd = end
        append(scalar)
    }

    private mutating func flush() {
        guard state != .idle else { return }
        result.byteEnds.append(UInt32(result.bytes.count))
        result.starts.append(tokenStart)
        result.ends.append(tokenEnd)
        tokenByteStart = result.bytes.count
        state = .idle
    }

    /// Appends `scalar` to the token's UTF-8.
    @inline(__always)
    private mutating func append(_ scalar: UInt32) {
        result.bytes.appendUTF8(scalar)
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 of `scalar` (a Unicode scalar value).
    @inline(__always)
    fileprivate mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            append(UInt8(truncatingIfNeeded: scalar))
        case 0x80..<0x800:
            append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        default:
            append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
            append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }
}
