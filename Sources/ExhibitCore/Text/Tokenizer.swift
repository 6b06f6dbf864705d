/// Turns text into tokens per SPEC §2 (the text model).
///
/// Steps, in order: (1) C0/C1 controls and ANSI escape sequences separate tokens
/// (`ControlSequences`); (2) NFKC (UAX #15) per extended grapheme cluster (UAX #29,
/// Swift's `Character`), then full Unicode case folding; (3) curly quotes and
/// apostrophes straightened, U+2010/U+2011 to `-`; (4) soft hyphen and zero-width
/// characters deleted, except a soft hyphen before optional blanks and a line break,
/// which is a hyphen for step 5; (5) a hyphen between two letters (never a digit:
/// `10-12` stays two numbers) is deleted, also when optional blanks, one line break
/// (CRLF counts as one) and optional blanks follow it, and the word goes on; (6) a token
/// is a maximal run of letters, marks and digits (L*, M*, N*), with apostrophes kept
/// only between two of them; (7) CJK ideographs, kana and hangul syllables are tokens
/// of their own. Steps 2–5 and 7 follow `options`.
///
/// Ranges are half-open Unicode scalar offsets into the text given to `tokenize` (not
/// bytes, not UTF-16, not `Character`s). Each normalized character traces back to its
/// grapheme cluster, so tokens born of one cluster (`½` → `1`, `2`) share its range,
/// and a token joined across a hyphen and a line break spans from its first to its last
/// source scalar.
///
/// Speed: printable ASCII is classified straight from the UTF-8 bytes; a non-ASCII
/// scalar between cluster boundaries is looked up by value; anything else is segmented
/// by Swift's `Character` view and looked up by its bytes. Normalized forms of
/// non-ASCII clusters are computed once per process (`NormalizationCache`).
public struct Tokenizer: Sendable {
    /// Which normalization steps are on.
    public var options: NormalizationOptions

    public init(options: NormalizationOptions = NormalizationOptions()) {
        self.options = options
    }

    /// The tokens of `text`: normalized forms, in text order, with their source ranges
    /// as half-open Unicode scalar offsets into `text`. Ranges are never empty, and
    /// starts and ends are each non-decreasing. Thread-safe; deterministic.
    /// `text` must be shorter than 2^31 UTF-8 bytes (offsets are `Int32`).
    public func tokenize(_ text: String) -> TokenizedText {
        tokenBytes(text).tokenized
    }

    /// The tokens of `text` as `tokenize` gives them, their normalized forms as UTF-8 in
    /// one buffer (`TokenBytes`): what the matching engine reads, without a `String`
    /// per token.
    func tokenBytes(_ text: String) -> TokenBytes {
        precondition(text.utf8.count < Int(Int32.max), "text too long for Int32 scalar offsets")
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            var scanner = TextScanner(text: text, bytes: bytes, options: options)
            return scanner.run()
        }!
    }
}

/// The per-call scanner behind `Tokenizer.tokenize`: walks UTF-8 bytes, keeps the
/// Unicode scalar offset, and feeds normalized units to a `TokenAssembler`.
///
/// Invariant: at the top of the loop, byte `p` starts an extended grapheme cluster
/// (UAX #29) of the text as step 1 leaves it (control items cut the text into pieces
/// that are segmented separately).
struct TextScanner {
    private let text: String
    private let bytes: UnsafeBufferPointer<UInt8>
    private var cache: NormalizationCache
    private var assembler: TokenAssembler
    /// Printable ASCII byte → its kind and its normalized byte (`ASCIIClasses`).
    private let asciiKinds: [UnitKind]
    private let asciiBytes: [UInt8]
    private var p = 0
    private var scalar: Int32 = 0

    init(text: String, bytes: UnsafeBufferPointer<UInt8>, options: NormalizationOptions) {
        self.text = text
        self.bytes = bytes
        cache = NormalizationCache(options: options)
        assembler = TokenAssembler(expectedTokens: bytes.count / 6)
        (asciiKinds, asciiBytes) = ASCIIClasses.tables(options)
    }

    mutating func run() -> TokenBytes {
        let n = bytes.count
        while p < n {
            let b = bytes[p]
            if b >= 0x20 && b < 0x7F {
                // Printable ASCII: a cluster of its own unless a combining character follows.
                if p + 1 < n && bytes[p + 1] >= 0x80 && !ControlSequences.startsControl(bytes, at: p + 1) {
                    let next = decode(at: p + 1)
                    if cache.facts(next.value).attachesToPrevious {
                        segmentClusters()
                        continue
                    }
                }
                let kind = asciiKinds[Int(b)]
                if kind == .letter && assembler.inWord {
                    // The hot loop: letters and digits extending a word, each a cluster
                    // of its own as long as another ASCII byte follows.
                    assembler.extendWord(asciiBytes[Int(b)], end: scalar + 1)
                    p += 1
                    scalar += 1
                    while p + 1 < n {
                        let c = bytes[p]
                        guard c < 0x80 && bytes[p + 1] < 0x80 && asciiKinds[Int(c)] == .letter else { break }
                        assembler.extendWord(asciiBytes[Int(c)], end: scalar + 1)
                        p += 1
                        scalar += 1
                    }
                } else {
                    assembler.feed(kind, scalar: UInt32(asciiBytes[Int(b)]), start: scalar, end: scalar + 1)
                    p += 1
                    scalar += 1
                }
            } else if ControlSequences.startsControl(bytes, at: p) {
                let item = ControlSequences.item(bytes, at: p)
                assembler.feed(item.kind, scalar: 0, start: scalar, end: scalar + item.scalarCount)
                p += item.byteCount
                scalar += item.scalarCount
            } else if !singleScalarCluster() {
                segmentClusters()
            }
        }
        return assembler.finish()
    }

    /// At a non-ASCII scalar X starting a cluster: if X is a cluster by itself, feeds it
    /// and returns true. X is alone when it does not attach to what follows (not Prepend,
    /// not a Hangul jamo, syllable or regional indicator, whose pairings UAX #29 handles
    /// specially) and what follows does not attach to X (Extend, ZWJ, SpacingMark).
    private mutating func singleScalarCluster() -> Bool {
        let x = decode(at: p)
        if pairsSpecially(x.value) { return false }
        let facts = cache.facts(x.value)
        if facts.attachesToNext { return false }
        let q = p + x.length
        if q < bytes.count && bytes[q] >= 0x80 && !ControlSequences.startsControl(bytes, at: q) {
            if cache.facts(decode(at: q).value).attachesToPrevious { return false }
        }
        for unit in facts.alone.units {
            assembler.feed(unit.kind, scalar: unit.scalar, start: scalar, end: scalar + 1)
        }
        p = q
        scalar += 1
        return true
    }

    /// Scalars whose cluster boundaries depend on their neighbours beyond the
    /// Extend/Prepend facts: Hangul jamo and syllables (GB6–GB8), regional indicators
    /// (GB12–GB13).
    @inline(__always)
    private func pairsSpecially(_ v: UInt32) -> Bool {
        (0x1100...0x11FF).contains(v) || (0xA960...0xA97F).contains(v)
            || (0xAC00...0xD7FF).contains(v) || (0x1F1E6...0x1F1FF).contains(v)
    }

    /// Segments clusters with Swift's `Character` view from byte `p`, feeding each,
    /// until the next cluster starts with an ASCII byte or a control (or the text ends).
    private mutating func segmentClusters() {
        let text = self.text
        let start = text.utf8.index(text.utf8.startIndex, offsetBy: p)
        // A substring's Character view starts a cluster at its start, as step 1 wants
        // after a control sequence.
        let piece = text[start...]
        var i = piece.startIndex
        repeat {
            let j = piece.index(after: i)
            let end = text.utf8.distance(from: text.utf8.startIndex, to: j)
            var count: Int32 = 0
            for q in p..<end where bytes[q] & 0xC0 != 0x80 { count += 1 }
            let cluster = cache.cluster(bytes, p..<end) { String(piece[i..<j]) }
            for unit in cluster.units {
                assembler.feed(unit.kind, scalar: unit.scalar, start: scalar, end: scalar + count)
            }
            p = end
            scalar += count
            i = j
        } while p < bytes.count && bytes[p] >= 0x80 && !ControlSequences.startsControl(bytes, at: p)
    }

    /// The scalar whose UTF-8 starts at byte `q` (valid UTF-8 is guaranteed by `String`).
    @inline(__always)
    private func decode(at q: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[q])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 {
            return ((b0 & 0x1F) << 6 | UInt32(bytes[q + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(bytes[q + 1] & 0x3F) << 6 | UInt32(bytes[q + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(bytes[q + 1] & 0x3F) << 12
                | UInt32(bytes[q + 2] & 0x3F) << 6 | UInt32(bytes[q + 3] & 0x3F), 4)
    }
}
