import Testing
@testable import ExhibitCore

/// A token as the tests write it: normalized text and half-open Unicode scalar range.
struct Tok: Equatable, CustomStringConvertible {
    var text: String
    var start: Int32
    var end: Int32
    init(_ text: String, _ start: Int32, _ end: Int32) {
        self.text = text
        self.start = start
        self.end = end
    }
    // Compared by scalars: Swift's String == treats `é` and `e` + U+0301 as equal, and
    // the text model must say which one it produced.
    static func == (a: Tok, b: Tok) -> Bool {
        Array(a.text.unicodeScalars) == Array(b.text.unicodeScalars) && a.start == b.start && a.end == b.end
    }
    var description: String {
        let scalars = text.unicodeScalars.map { $0.isASCII ? String($0) : "U+" + String($0.value, radix: 16, uppercase: true) }
        return "\(scalars.joined())[\(start),\(end))"
    }
}

func toks(_ text: String, _ configure: (inout NormalizationOptions) -> Void = { _ in }) -> [Tok] {
    var options = NormalizationOptions()
    configure(&options)
    let t = Tokenizer(options: options).tokenize(text)
    return (0..<t.count).map { Tok(t.tokens[$0], t.starts[$0], t.ends[$0]) }
}

// MARK: - Step 1: control text

@Suite struct TokenizerControlTests {
    @Test func csiColorSequencesAreNotText() {
        // ESC [ 3 1 m = scalars 0..<5, "red" 5..<8, ESC [ 0 m 8..<12.
        #expect(toks("\u{1B}[31mred\u{1B}[0m") == [Tok("red", 5, 8)])
        #expect(toks("\u{1B}[1;38;5;196mbold\u{1B}[m plain") == [Tok("bold", 13, 17), Tok("plain", 21, 26)])
    }

    @Test func csiSeparatesTokens() {
        // Spec: escape sequences separate tokens, even inside a word.
        #expect(toks("re\u{1B}[1md") == [Tok("re", 0, 2), Tok("d", 6, 7)])
    }

    @Test func oscTitleWithBELOrST() {
        // ESC ] 0 ; M y space T i t l e BEL = 13 scalars.
        #expect(toks("\u{1B}]0;My Title\u{07}text") == [Tok("text", 13, 17)])
        // ESC ] 2 ; t i t l e ESC \ = 11 scalars.
        #expect(toks("\u{1B}]2;title\u{1B}\\word") == [Tok("word", 11, 15)])
        // Hyperlink: ESC ] 8 ; ; (5) http://x.org (12) ESC \ (2) link ESC ] 8 ; ; ESC \
        #expect(toks("\u{1B}]8;;http://x.org\u{1B}\\link\u{1B}]8;;\u{1B}\\") == [Tok("link", 19, 23)])
    }

    @Test func unterminatedOSCEndsAtLineBreak() {
        // ESC ] 0 ; (4) never ends (10) LF (1)
        #expect(toks("\u{1B}]0;never ends\nnext") == [Tok("next", 15, 19)])
    }

    @Test func otherEscapes() {
        // ESC ( B (charset), ESC 7 (save cursor), ESC c (reset), lone ESC before non-ASCII.
        #expect(toks("\u{1B}(Bword") == [Tok("word", 3, 7)])
        #expect(toks("a\u{1B}7b\u{1B}cc") == [Tok("a", 0, 1), Tok("b", 3, 4), Tok("c", 6, 7)])
        #expect(toks("\u{1B}é") == [Tok("é", 1, 2)])
    }

    @Test func c1Controls() {
        // U+009B is CSI: U+009B 3 1 m = 4 scalars.
        #expect(toks("\u{9B}31mred") == [Tok("red", 4, 7)])
        // U+009D OSC ... U+009C ST.
        #expect(toks("\u{9D}0;t\u{9C}x") == [Tok("x", 5, 6)])
        #expect(toks("a\u{80}b\u{9F}") == [Tok("a", 0, 1), Tok("b", 2, 3)])
    }

    @Test func nulAndOtherC0Separate() {
        #expect(toks("a\u{0}b") == [Tok("a", 0, 1), Tok("b", 2, 3)])
        #expect(toks("a\u{7}b\u{7F}c\u{C}d") == [Tok("a", 0, 1), Tok("b", 2, 3), Tok("c", 4, 5), Tok("d", 6, 7)])
    }

    @Test func markAfterEscapeStartsItsOwnCluster() {
        // Step 1 comes first: the mark cannot attach to the escape's final byte.
        #expect(toks("\u{1B}[0m\u{301}a") == [Tok("\u{301}a", 4, 6)])
    }
}

// MARK: - Step 2: NFKC and case folding

@Suite struct TokenizerNormalizationTests {
    @Test func caseFolding() {
        #expect(toks("Straße") == [Tok("strasse", 0, 6)])
        #expect(toks("STRASSE") == [Tok("strasse", 0, 7)])
        #expect(toks("ẞ") == [Tok("ss", 0, 1)])
        #expect(toks("İ") == [Tok("i\u{307}", 0, 1)])
        #expect(toks("ΣΟΦΟΣ σοφος") == [Tok("σοφοσ", 0, 5), Tok("σοφοσ", 6, 11)])
        #expect(toks("Straße") { $0.caseFold = false } == [Tok("Straße", 0, 6)])
    }

    @Test func vulgarFractionSharesItsCluster() {
        // ½ → 1 ⁄ 2: two tokens, both with the range of the one source scalar.
        #expect(toks("½") == [Tok("1", 0, 1), Tok("2", 0, 1)])
        #expect(toks("a½b") == [Tok("a1", 0, 2), Tok("2b", 1, 3)])
        #expect(toks("½") { $0.nfkc = false } == [Tok("½", 0, 1)])
    }

    @Test func ligatures() {
        #expect(toks("ﬁne") == [Tok("fine", 0, 3)])
        // Without NFKC, full case folding still unfolds the ligature (CaseFolding.txt F).
        #expect(toks("ﬁne") { $0.nfkc = false } == [Tok("fine", 0, 3)])
        #expect(toks("ﬁne") { $0.nfkc = false; $0.caseFold = false } == [Tok("ﬁne", 0, 3)])
    }

    @Test func composedAndDecomposedAccents() {
        #expect(toks("e\u{301}te") == [Tok("\u{E9}te", 0, 4)])
        #expect(toks("\u{E9}te") == [Tok("\u{E9}te", 0, 3)])
        #expect(toks("E\u{301}TE") == [Tok("\u{E9}te", 0, 4)])
        #expect(toks("e\u{301}te") { $0.nfkc = false } == [Tok("e\u{301}te", 0, 4)])
    }

    @Test func compatibilityForms() {
        // Fullwidth letters and digits, superscripts.
        #expect(toks("ＡＢＣ１２") == [Tok("abc12", 0, 5)])
        #expect(toks("x²") == [Tok("x2", 0, 2)])
        #expect(toks("ＡＢＣ") { $0.nfkc = false } == [Tok("ａｂｃ", 0, 3)])
    }
}

// MARK: - Step 3: quotes and dashes

@Suite struct TokenizerQuoteTests {
    @Test func curlyQuotesAndApostrophes() {
        // “ D o n ’ t ” : the token is scalars 1..<6.
        #expect(toks("“Don’t”") == [Tok("don't", 1, 6)])
        #expect(toks("‘tis the dogs’ ‘bone’") == [Tok("tis", 1, 4), Tok("the", 5, 8), Tok("dogs", 9, 13), Tok("bone", 16, 20)])
        #expect(toks("donʼt") == [Tok("don't", 0, 5)])
        #expect(toks("“Don’t”") { $0.quotes = false } == [Tok("don", 1, 4), Tok("t", 5, 6)])
    }

    @Test func unicodeHyphensBecomeHyphens() {
        #expect(toks("e\u{2010}mail") == [Tok("email", 0, 6)])
        #expect(toks("e\u{2011}mail") == [Tok("email", 0, 6)])
        #expect(toks("e\u{2010}mail") { $0.quotes = false } == [Tok("e", 0, 1), Tok("mail", 2, 6)])
    }

    @Test func otherDashesArePunctuation() {
        #expect(toks("food—which") == [Tok("food", 0, 4), Tok("which", 5, 10)])
        #expect(toks("1914–1918") == [Tok("1914", 0, 4), Tok("1918", 5, 9)])
        #expect(toks("a\u{2212}b") == [Tok("a", 0, 1), Tok("b", 2, 3)])
    }
}

// MARK: - Step 4: invisibles

@Suite struct TokenizerInvisibleTests {
    @Test func softHyphenAndZeroWidthNeverSplitAWord() {
        // c o SHY o p e r a t e
        #expect(toks("co\u{AD}operate") == [Tok("cooperate", 0, 10)])
        #expect(toks("ab\u{200B}cd\u{2060}ef\u{FEFF}gh") == [Tok("abcdefgh", 0, 11)])
        #expect(toks("a\u{200D}b\u{200C}c") == [Tok("abc", 0, 5)])
        #expect(toks("co\u{AD}operate") { $0.invisibles = false } == [Tok("co", 0, 2), Tok("operate", 3, 10)])
    }

    @Test func invisiblesAloneAreNothing() {
        #expect(toks("\u{AD}\u{200B}\u{FEFF}").isEmpty)
    }
}

// MARK: - Step 5: hyphens

@Suite struct TokenizerHyphenTests {
    @Test func hyphenJoinsDirectly() {
        #expect(toks("door-nail") == [Tok("doornail", 0, 9)])
        #expect(toks("well-to-do") == [Tok("welltodo", 0, 10)])
        #expect(toks("door-nail") { $0.hyphens = false } == [Tok("door", 0, 4), Tok("nail", 5, 9)])
    }

    @Test func hyphenJoinsAcrossOneLineBreak() {
        #expect(toks("door-\nnail") == [Tok("doornail", 0, 10)])
        // d o o r - CR LF n a i l
        #expect(toks("door-\r\nnail") == [Tok("doornail", 0, 11)])
        #expect(toks("door-\rnail") == [Tok("doornail", 0, 10)])
        // m e m o - LF sp sp r i z a t i o n
        #expect(toks("memo-\n  rization") == [Tok("memorization", 0, 16)])
        #expect(toks("memo- \t\n\trization") == [Tok("memorization", 0, 17)])
        #expect(toks("door-\u{85}nail") == [Tok("doornail", 0, 10)])
        #expect(toks("door-\r\nnail") { $0.hyphens = false } == [Tok("door", 0, 4), Tok("nail", 7, 11)])
    }

    @Test func hyphenDoesNotJoinOtherwise() {
        #expect(toks("a - b") == [Tok("a", 0, 1), Tok("b", 4, 5)])
        #expect(toks("door- nail") == [Tok("door", 0, 4), Tok("nail", 6, 10)])
        #expect(toks("door -nail") == [Tok("door", 0, 4), Tok("nail", 6, 10)])
        #expect(toks("door-\n\nnail") == [Tok("door", 0, 4), Tok("nail", 7, 11)])
        #expect(toks("door-\r\n\r\nnail") == [Tok("door", 0, 4), Tok("nail", 9, 13)])
        #expect(toks("door-\n \nnail") == [Tok("door", 0, 4), Tok("nail", 8, 12)])
        #expect(toks("a--b") == [Tok("a", 0, 1), Tok("b", 3, 4)])
        #expect(toks("-a-") == [Tok("a", 1, 2)])
        #expect(toks("door-\u{2029}nail") == [Tok("door", 0, 4), Tok("nail", 6, 10)])
        #expect(toks("door-\u{1B}[0m\nnail") == [Tok("door", 0, 4), Tok("nail", 10, 14)])
    }

    @Test func hyphenAfterSoftHyphenAndBeforeNonBreakingSpace() {
        #expect(toks("memo\u{AD}-\u{A0}\nrization") == [Tok("memorization", 0, 16)])
    }

    @Test func digitsNeverJoin() {
        #expect(toks("10-12") == [Tok("10", 0, 2), Tok("12", 3, 5)])
        #expect(toks("2024-05-01") == [Tok("2024", 0, 4), Tok("05", 5, 7), Tok("01", 8, 10)])
        #expect(toks("555-0100") == [Tok("555", 0, 3), Tok("0100", 4, 8)])
        #expect(toks("pages 10-\n12") == [Tok("pages", 0, 5), Tok("10", 6, 8), Tok("12", 10, 12)])
        // A letter on one side only: no join either.
        #expect(toks("covid-19") == [Tok("covid", 0, 5), Tok("19", 6, 8)])
        #expect(toks("3-d") == [Tok("3", 0, 1), Tok("d", 2, 3)])
        #expect(toks("b2-b") == [Tok("b2", 0, 2), Tok("b", 3, 4)])
        // Letters still join, also after a combining mark and across a line end.
        #expect(toks("cafe\u{301}-\nau") { $0.nfkc = false } == [Tok("cafe\u{301}au", 0, 9)])
        #expect(toks("x-ray") == [Tok("xray", 0, 5)])
        // Superscript two is a digit after NFKC.
        #expect(toks("x\u{B2}-y") == [Tok("x2", 0, 2), Tok("y", 3, 4)])
    }

    @Test func softHyphenBeforeALineBreakIsAHyphen() {
        // i n SHY LF s p e c t i o n: 12 scalars, one word.
        #expect(toks("in\u{AD}\nspection") == [Tok("inspection", 0, 12)])
        #expect(toks("in\u{AD}  \r\n  spection") == [Tok("inspection", 0, 17)])
        // Elsewhere it is deleted: the word goes on through it, digits too.
        #expect(toks("in\u{AD}spection") == [Tok("inspection", 0, 11)])
        #expect(toks("10\u{AD}12") == [Tok("1012", 0, 5)])
        #expect(toks("in\u{AD} spection") == [Tok("in", 0, 2), Tok("spection", 4, 12)])
        // As a hyphen it joins letters only, across one break.
        #expect(toks("10\u{AD}\n12") == [Tok("10", 0, 2), Tok("12", 4, 6)])
        #expect(toks("in\u{AD}\n\nspection") == [Tok("in", 0, 2), Tok("spection", 5, 13)])
        // Two hyphens (a hyphen, then a soft hyphen acting as one) do not join.
        #expect(toks("in-\u{AD}\nspection") == [Tok("in", 0, 2), Tok("spection", 5, 13)])
        #expect(toks("in-\u{AD}spection") == [Tok("inspection", 0, 12)])
        // With hyphen joining off, the soft hyphen is only deleted.
        #expect(toks("in\u{AD}\nspection") { $0.hyphens = false } == [Tok("in", 0, 2), Tok("spection", 4, 12)])
        #expect(toks("in\u{AD}spection") { $0.hyphens = false } == [Tok("inspection", 0, 11)])
        // With invisibles kept, it is a separator.
        #expect(toks("in\u{AD}spection") { $0.invisibles = false } == [Tok("in", 0, 2), Tok("spection", 3, 11)])
    }
}

// MARK: - Step 6: the token rule

@Suite struct TokenizerRuleTests {
    @Test func apostropheOnlyBetweenTokenCharacters() {
        #expect(toks("don't") == [Tok("don't", 0, 5)])
        #expect(toks("'tis dogs' rock'n'roll") == [Tok("tis", 1, 4), Tok("dogs", 5, 9), Tok("rock'n'roll", 11, 22)])
        #expect(toks("a''b") == [Tok("a", 0, 1), Tok("b", 3, 4)])
        #expect(toks("a'-b") == [Tok("a", 0, 1), Tok("b", 3, 4)])
    }

    @Test func digitsAndPunctuation() {
        #expect(toks("1,000") == [Tok("1", 0, 1), Tok("000", 2, 5)])
        #expect(toks("3.14 e_mail x@y") == [
            Tok("3", 0, 1), Tok("14", 2, 4), Tok("e", 5, 6), Tok("mail", 7, 11), Tok("x", 12, 13), Tok("y", 14, 15),
        ])
    }

    @Test func emojiSeparate() {
        #expect(toks("a😀b") == [Tok("a", 0, 1), Tok("b", 2, 3)])
        // Family: man ZWJ woman ZWJ girl (5 scalars), flag (2 scalars).
        #expect(toks("hi👨‍👩‍👧there🇫🇷x") == [Tok("hi", 0, 2), Tok("there", 7, 12), Tok("x", 14, 15)])
    }

    @Test func otherScriptsAreRuns() {
        // Thai: 7 scalars, no spaces between words, one run.
        #expect(toks("ภาษาไทย") == [Tok("ภาษาไทย", 0, 7)])
        // Devanagari: ह ि न ् द ी, combining vowel signs and virama inside the token.
        #expect(toks("हिन्दी भाषा") == [Tok("हिन्दी", 0, 6), Tok("भाषा", 7, 11)])
        #expect(toks("العربية لغة") == [Tok("العربية", 0, 7), Tok("لغة", 8, 11)])
        #expect(toks("Привет, мир") == [Tok("привет", 0, 6), Tok("мир", 8, 11)])
    }

    @Test func emptyAndBlank() {
        #expect(toks("").isEmpty)
        #expect(toks(" \t\r\n...").isEmpty)
    }
}

// MARK: - Step 7: CJK

@Suite struct TokenizerCJKTests {
    @Test func kanjiAndKatakanaAreTokensOfTheirOwn() {
        #expect(toks("東京タワー") == [Tok("東", 0, 1), Tok("京", 1, 2), Tok("タ", 2, 3), Tok("ワ", 3, 4), Tok("ー", 4, 5)])
        #expect(toks("東京タワー") { $0.cjkChars = false } == [Tok("東京タワー", 0, 5)])
    }

    @Test func cjkEndsRunsAroundIt() {
        #expect(toks("abc東def") == [Tok("abc", 0, 3), Tok("東", 3, 4), Tok("def", 4, 7)])
        #expect(toks("ジョン・スミス") == [
            Tok("ジ", 0, 1), Tok("ョ", 1, 2), Tok("ン", 2, 3), Tok("ス", 4, 5), Tok("ミ", 5, 6), Tok("ス", 6, 7),
        ])
    }

    @Test func halfwidthKatakana() {
        // NFKC makes halfwidth ｶ the KATAKANA LETTER KA, so it is a token of its own; the
        // halfwidth voiced mark joins its cluster and composes: ｶﾞ (2 scalars) → ガ.
        #expect(toks("ｶﾀｶﾅ") == [Tok("カ", 0, 1), Tok("タ", 1, 2), Tok("カ", 2, 3), Tok("ナ", 3, 4)])
        #expect(toks("ｶﾞｽ") == [Tok("ガ", 0, 2), Tok("ス", 2, 3)])
        // Without NFKC its name is HALFWIDTH KATAKANA LETTER KA: a letter in a run.
        #expect(toks("ｶﾀｶﾅ") { $0.nfkc = false } == [Tok("ｶﾀｶﾅ", 0, 4)])
    }

    @Test func combiningVoicedMarkStaysWithItsKana() {
        #expect(toks("か\u{3099}き") == [Tok("が", 0, 2), Tok("き", 2, 3)])
        #expect(toks("か\u{3099}き") { $0.nfkc = false } == [Tok("か\u{3099}", 0, 2), Tok("き", 2, 3)])
    }

    @Test func compatibilityIdeographs() {
        // U+F900 maps to U+8C48 under NFKC; U+FA0E has no decomposition but is named
        // CJK COMPATIBILITY IDEOGRAPH too. Both are tokens of their own.
        #expect(toks("\u{F900}\u{FA0E}") == [Tok("\u{8C48}", 0, 1), Tok("\u{FA0E}", 1, 2)])
        #expect(toks("\u{F900}\u{FA0E}") { $0.nfkc = false } == [Tok("\u{F900}", 0, 1), Tok("\u{FA0E}", 1, 2)])
        // A square katakana word: one cluster, four tokens sharing its range.
        #expect(toks("㌀") == [Tok("ア", 0, 1), Tok("パ", 0, 1), Tok("ー", 0, 1), Tok("ト", 0, 1)])
    }

    @Test func hangul() {
        #expect(toks("서울 시") == [Tok("서", 0, 1), Tok("울", 1, 2), Tok("시", 3, 4)])
        // Conjoining jamo (one cluster of 3 scalars) compose to the syllable 한.
        #expect(toks("\u{1112}\u{1161}\u{11AB}") == [Tok("한", 0, 3)])
        #expect(toks("서울") { $0.cjkChars = false } == [Tok("서울", 0, 2)])
    }

    @Test func extensionBIdeograph() {
        #expect(toks("𠀀𠀁") == [Tok("𠀀", 0, 1), Tok("𠀁", 1, 2)])
    }
}
