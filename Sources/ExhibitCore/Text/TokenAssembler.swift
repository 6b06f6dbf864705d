/// Turns the stream of normalized units into tokens: SPEC §2 rule 5 (hyphen joining),
/// rule 6 (runs of letters, marks and digits; apostrophes inside) and rule 7 (CJK
/// characters are tokens of their own).
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
    }

    private var state = State.idle
    /// UTF-8 of the token being built.
    private var buffer: [UInt8] = []
    private var tokenStart: Int32 = 0
    private var tokenEnd: Int32 = 0
    private(set) var result = TokenizedText()

    init(expectedTokens: Int = 0) {
        buffer.reserveCapacity(64)
        result.tokens.reserveCapacity(expectedTokens)
        result.starts.reserveCapacity(expectedTokens)
        result.ends.reserveCapacity(expectedTokens)
    }

    /// Feeds one unit whose source is scalars `start ..< end` of the original text.
    @inline(__always)
    mutating func feed(_ kind: UnitKind, scalar: UInt32, start: Int32, end: Int32) {
        switch state {
        case .word:
            switch kind {
            case .letter, .mark:
                append(scalar)
                tokenEnd = end
            case .apostrophe: state = .apostrophe
            case .hyphen: state = .hyphen
            default: restart(kind, scalar: scalar, start: start, end: end)
            }
        case .idle:
            begin(kind, scalar: scalar, start: start, end: end)
        case .cjk:
            if kind == .mark {
                append(scalar)
                tokenEnd = end
            } else {
                restart(kind, scalar: scalar, start: start, end: end)
            }
        case .apostrophe:
            if kind == .letter || kind == .mark {
                buffer.append(0x27)
                append(scalar)
                tokenEnd = end
                state = .word
            } else {
                restart(kind, scalar: scalar, start: start, end: end)
            }
        case .hyphen:
            switch kind {
            case .letter, .mark:
                append(scalar)
                tokenEnd = end
                state = .word
            case .blank: state = .hyphenBlanks
            case .lineBreak: state = .hyphenBreak
            default: restart(kind, scalar: scalar, start: start, end: end)
            }
        case .hyphenBlanks:
            switch kind {
            case .blank: break
            case .lineBreak: state = .hyphenBreak
            default: restart(kind, scalar: scalar, start: start, end: end)
            }
        case .hyphenBreak:
            switch kind {
            case .blank: break
            case .letter, .mark:
                append(scalar)
                tokenEnd = end
                state = .word
            default: restart(kind, scalar: scalar, start: start, end: end)
            }
        }
    }

    /// Whether a letter fed now simply extends the token in progress.
    @inline(__always) var inWord: Bool { state == .word }

    /// Appends an ASCII letter or digit (already folded) to the word in progress, the
    /// scanner's hot path; only when `inWord`. `end` is the scalar offset after it.
    @inline(__always)
    mutating func extendWord(_ byte: UInt8, end: Int32) {
        buffer.append(byte)
        tokenEnd = end
    }

    /// Ends the text: emits the token in progress.
    mutating func finish() -> TokenizedText {
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
        result.tokens.append(String(decoding: buffer, as: UTF8.self))
        result.starts.append(tokenStart)
        result.ends.append(tokenEnd)
        buffer.removeAll(keepingCapacity: true)
        state = .idle
    }

    /// Appends `scalar` to the token's UTF-8.
    @inline(__always)
    private mutating func append(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            buffer.append(UInt8(truncatingIfNeeded: scalar))
        case 0x80..<0x800:
            buffer.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            buffer.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        default:
            buffer.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }
}
