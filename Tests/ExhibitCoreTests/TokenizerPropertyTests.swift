import Foundation
import Testing
@testable import ExhibitCore

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", 2014):
/// a small seeded generator, so generated test data and failures reproduce on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The text model computed the slow, obvious way: step 1 cuts the text into pieces,
/// each piece is segmented by Swift's `Character` view, and every cluster is normalized
/// afresh (no cache, no ASCII or single-scalar fast paths). The scanner must agree.
func referenceTokenize(_ text: String, options: NormalizationOptions) -> TokenizedText {
    var assembler = TokenAssembler()
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { buf in
        var p = 0
        var scalar: Int32 = 0
        var pieceStart = 0
        func feedPiece(upTo end: Int) {
            guard pieceStart < end else { return }
            let piece = String(decoding: buf[pieceStart..<end], as: UTF8.self)
            for character in piece {
                let count = Int32(character.unicodeScalars.count)
                let cluster = ClusterNormalizer.normalize(String(character), options: options)
                for unit in cluster.units {
                    assembler.feed(unit.kind, scalar: unit.scalar, start: scalar, end: scalar + count)
                }
                scalar += count
            }
        }
        while p < buf.count {
            if ControlSequences.startsControl(buf, at: p) {
                feedPiece(upTo: p)
                let item = ControlSequences.item(buf, at: p)
                assembler.feed(item.kind, scalar: 0, start: scalar, end: scalar + item.scalarCount)
                scalar += item.scalarCount
                p += item.byteCount
                pieceStart = p
            } else {
                let b = buf[p]
                p += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            }
        }
        feedPiece(upTo: buf.count)
    }
    return assembler.finish().tokenized
}

/// Fragments the random texts are made of: everything SPEC §2 treats specially, and
/// the grapheme cluster cases (UAX #29) the scanner's fast paths must get right.
let fragments: [String] = [
    // ASCII words, case, digits, punctuation, blanks
    "the", "The", "WORD", "memo", "rization", "don't", "1,000", "3.14", ".", ",", ";", "!", "(", ")", "\"", "'",
    " ", " ", " ", "  ", "\t", "_", "@",
    // hyphens and line breaks in every combination; digits around them; soft hyphens before breaks
    "-", "-", "--", " - ", "-\n", "-\r\n", "-\r", "- \n  ", "-\n\n", "\n", "\r\n", "\r", "\n\n", "\u{85}", "\u{2028}", "\u{2029}",
    "10", "7", "-12", "2024-05-01", "\u{AD}\n", "\u{AD} \n", "\u{AD}\u{AD}", "\u{B2}",
    "\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}",
    // quotes
    "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{02BC}", "\u{201A}",
    // accents, combining marks alone and after letters
    "\u{301}", "\u{308}", "e\u{301}", "\u{E9}", "a\u{301}\u{323}", "\u{B4}", "ﬁ", "ß", "ẞ", "İ", "ı", "ς", "Σ", "ǰ", "J\u{30C}",
    "½", "²", "Ｆｕｌｌ", "ℌ", "㈠", "㌀",
    // invisibles
    "\u{AD}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{A0}", "\u{3000}",
    // CJK, kana, hangul (also conjoining jamo)
    "東", "京", "東京", "タワー", "ｶﾞ", "ｶ", "ﾞ", "か\u{3099}", "・", "서울", "\u{1112}\u{1161}\u{11AB}", "\u{1100}", "\u{1161}",
    "\u{F900}", "\u{FA0E}", "𠀀",
    // other scripts
    "ภาษาไทย", "हिन्दी", "क्ष", "ि", "العربية", "\u{600}", "\u{600}12", "Привет", "λόγος",
    // emoji: plain, ZWJ sequence, modifiers, flags (odd counts too), keycap
    "😀", "👨‍👩‍👧", "👍🏽", "🇫🇷", "🇩", "1\u{FE0F}\u{20E3}", "\u{FE0F}",
    // control text
    "\u{0}", "\u{7}", "\u{7F}", "\u{1B}", "\u{1B}[31m", "\u{1B}[0m", "\u{1B}[", "\u{1B}]0;title\u{7}", "\u{1B}]2;t\u{1B}\\",
    "\u{1B}]", "\u{1B}(B", "\u{1B}7", "\u{9B}1m", "\u{9D}x\u{9C}", "\u{80}", "\u{1B}P1$r\u{1B}\\", "\u{C}", "\u{B}",
    // replacement character (from undecodable input)
    "\u{FFFD}",
]

func randomText(_ rng: inout SeededGenerator, fragments count: Int) -> String {
    var s = ""
    for _ in 0..<count { s += fragments.randomElement(using: &rng)! }
    return s
}

func randomOptions(_ rng: inout SeededGenerator) -> NormalizationOptions {
    var o = NormalizationOptions()
    o.nfkc = Bool.random(using: &rng)
    o.caseFold = Bool.random(using: &rng)
    o.quotes = Bool.random(using: &rng)
    o.invisibles = Bool.random(using: &rng)
    o.hyphens = Bool.random(using: &rng)
    o.cjkChars = Bool.random(using: &rng)
    return o
}

/// The substring of `scalars` in `range`, as a String.
func slice(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
    var s = String.UnicodeScalarView()
    s.append(contentsOf: scalars[range])
    return String(s)
}

/// Checks the invariants of SPEC §2 on one text, recording issues with `label`.
func checkInvariants(_ text: String, tokenizer: Tokenizer, label: String) {
    let t = tokenizer.tokenize(text)
    let scalars = Array(text.unicodeScalars)
    #expect(t.tokens.count == t.starts.count && t.tokens.count == t.ends.count, "\(label)")
    #expect(tokenizer.tokenize(text) == t, "tokenizing twice differs: \(label)")
    var previousStart: Int32 = 0
    var previousEnd: Int32 = 0
    for i in 0..<t.count {
        let start = t.starts[i]
        let end = t.ends[i]
        guard 0 <= start, start < end, Int(end) <= scalars.count else {
            Issue.record("token \(i) \(t.tokens[i].debugDescription) has range \(start)..<\(end) of \(scalars.count): \(label)")
            return
        }
        #expect(start >= previousStart && end >= previousEnd, "ranges decrease at token \(i): \(label)")
        #expect(!t.tokens[i].isEmpty, "empty token \(i): \(label)")
        previousStart = start
        previousEnd = end
        let again = tokenizer.tokenize(slice(scalars, Int(start)..<Int(end))).tokens
        #expect(
            again.contains { Array($0.unicodeScalars) == Array(t.tokens[i].unicodeScalars) },
            "token \(i) \(t.tokens[i].debugDescription) not found in its range \(start)..<\(end), which gives \(again): \(label)")
    }
}

/// SPEC §2 steps 4–6 for a small alphabet (letters `a b`, digits `1 2`, `-`, blank,
/// LF, soft hyphen, `.`, `'`), written straight from the SPEC's words on whole strings and
/// sharing nothing with `TokenAssembler`: soft hyphens first (a hyphen before optional
/// blanks and a line break, deleted elsewhere), then each hyphen between a letter and a
/// letter (directly, or across blanks, one line break, blanks) deleted with what
/// follows it up to the letter, then runs of letters and digits with an apostrophe kept
/// only between two of them.
func hyphenRuleOracle(_ text: String) -> [String] {
    let source = Array(text.unicodeScalars)
    var afterStep4: [Unicode.Scalar] = []
    for (i, c) in source.enumerated() {
        guard c == "\u{AD}" else { afterStep4.append(c); continue }
        var j = i + 1
        while j < source.count, source[j] == " " { j += 1 }
        if j < source.count, source[j] == "\n" { afterStep4.append("-") }
    }
    func isLetter(_ c: Unicode.Scalar) -> Bool { c == "a" || c == "b" }
    let s = afterStep4
    var joined: [Unicode.Scalar] = []
    var i = 0
    while i < s.count {
        if s[i] == "-", let last = joined.last, isLetter(last) {
            var j = i + 1
            if j < s.count, isLetter(s[j]) { i = j; continue }
            while j < s.count, s[j] == " " { j += 1 }
            if j < s.count, s[j] == "\n" {
                j += 1
                while j < s.count, s[j] == " " { j += 1 }
                if j < s.count, isLetter(s[j]) { i = j; continue }
            }
        }
        joined.append(s[i])
        i += 1
    }
    func isTokenCharacter(_ c: Unicode.Scalar) -> Bool { isLetter(c) || c == "1" || c == "2" }
    var tokens: [String] = []
    var current = ""
    for (k, c) in joined.enumerated() {
        let inside = c == "'" && k > 0 && k + 1 < joined.count && isTokenCharacter(joined[k - 1])
            && isTokenCharacter(joined[k + 1])
        if isTokenCharacter(c) || inside {
            current.unicodeScalars.append(c)
        } else if !current.isEmpty {
            tokens.append(current)
            current = ""
        }
    }
    if !current.isEmpty { tokens.append(current) }
    return tokens
}

@Suite struct TokenizerPropertyTests {
    @Test func hyphenRuleMatchesTheSpecsWordsOnRandomStrings() {
        var rng = SeededGenerator(seed: 0x5EED_0005)
        let alphabet: [String] = ["a", "b", "1", "2", "-", "-", " ", "\n", "\u{AD}", "\u{AD}", ".", "'"]
        for round in 0..<20_000 {
            let text = (0..<Int.random(in: 0...10, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            let got = Tokenizer().tokenize(text).tokens
            #expect(got == hyphenRuleOracle(text), "round \(round): \(text.debugDescription)")
            if got != hyphenRuleOracle(text) { return }
        }
    }

    @Test func randomTextMatchesReferenceAndInvariants() {
        var rng = SeededGenerator(seed: 0x5EED_0001)
        for round in 0..<1500 {
            let text = randomText(&rng, fragments: Int.random(in: 0...40, using: &rng))
            let options = round % 3 == 0 ? randomOptions(&rng) : NormalizationOptions()
            let tokenizer = Tokenizer(options: options)
            let fast = tokenizer.tokenize(text)
            let reference = referenceTokenize(text, options: options)
            #expect(fast.starts == reference.starts && fast.ends == reference.ends
                    && fast.tokens.map { Array($0.unicodeScalars) } == reference.tokens.map { Array($0.unicodeScalars) },
                    "round \(round), options \(options): \(text.debugDescription)\nfast \(fast)\nreference \(reference)")
            checkInvariants(text, tokenizer: tokenizer, label: "round \(round) \(text.debugDescription)")
        }
    }

    @Test func everyFragmentAloneAndBetweenLetters() {
        // Each fragment at the text's edges and glued to ASCII and non-ASCII neighbours.
        for f in fragments {
            for text in [f, "a" + f, f + "a", "a" + f + "b", "é" + f + "ü", "東" + f + "\u{301}", f + f] {
                let fast = Tokenizer().tokenize(text)
                let reference = referenceTokenize(text, options: NormalizationOptions())
                #expect(fast.tokens.map { Array($0.unicodeScalars) } == reference.tokens.map { Array($0.unicodeScalars) }
                        && fast.starts == reference.starts && fast.ends == reference.ends,
                        "\(text.debugDescription): fast \(fast) reference \(reference)")
                checkInvariants(text, tokenizer: Tokenizer(), label: text.debugDescription)
            }
        }
    }

    @Test func concurrentCallsAgreeWithSequentialOnes() async {
        // The normalization memo is shared by all threads; results must not depend on
        // who filled it, nor on the order.
        var rng = SeededGenerator(seed: 0x5EED_0002)
        let jobs = (0..<300).map { _ in (randomText(&rng, fragments: 60), randomOptions(&rng)) }
        let expected = jobs.map { referenceTokenize($0.0, options: $0.1) }
        let results = await withTaskGroup(of: (Int, TokenizedText).self) { group in
            for (i, job) in jobs.enumerated() {
                group.addTask { (i, Tokenizer(options: job.1).tokenize(job.0)) }
            }
            var out = Array(repeating: TokenizedText(), count: jobs.count)
            for await (i, t) in group { out[i] = t }
            return out
        }
        for i in 0..<jobs.count {
            #expect(results[i].starts == expected[i].starts && results[i].ends == expected[i].ends
                    && results[i].tokens.map { Array($0.unicodeScalars) } == expected[i].tokens.map { Array($0.unicodeScalars) },
                    "job \(i): \(jobs[i].0.debugDescription)")
        }
    }

    @Test func veryLongTokens() {
        let word = String(repeating: "Ab", count: 50_000)
        #expect(toks(word) == [Tok(String(repeating: "ab", count: 50_000), 0, 100_000)])
        let accented = String(repeating: "e\u{301}", count: 10_000)
        #expect(toks("x " + accented) == [Tok("x", 0, 1), Tok(String(repeating: "\u{E9}", count: 10_000), 2, 20_002)])
        // A cluster longer than the packed cache key (a letter with 20 combining marks).
        let zalgo = "a" + String(repeating: "\u{301}", count: 20)
        #expect(toks(zalgo + " " + zalgo).count == 2)
        #expect(toks(zalgo + " " + zalgo) == toks(zalgo + " " + zalgo))
    }

    static let worksFolder = "/work/shared/cases/recap-novels/works"
    static var realTexts: [(name: String, text: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: worksFolder)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: worksFolder + "/" + name) else { return nil }
            return (name, String(decoding: data, as: UTF8.self))
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: TokenizerPropertyTests.worksFolder),
                   "skipped: the sample case /work/shared/cases/recap-novels/works is not on this machine"))
    func realTextMatchesReferenceAndInvariants() {
        let texts = Self.realTexts
        #expect(!texts.isEmpty, "no .txt works in \(Self.worksFolder)")
        for (name, text) in texts {
            let tokenizer = Tokenizer()
            let fast = tokenizer.tokenize(text)
            #expect(fast.count > 1000, "\(name)")
            #expect(fast == referenceTokenize(text, options: NormalizationOptions()), "\(name) differs from the reference")
            checkInvariants(text, tokenizer: tokenizer, label: name)
        }
    }
}
