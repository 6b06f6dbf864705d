import Testing
@testable import ExhibitCore

@Suite struct TextModelUnicodeTests {
    /// Every assigned code point, surrogates and private use left out (they have no names).
    static let namedScalars: [Unicode.Scalar] = (0...0x10FFFF).compactMap { (v: UInt32) -> Unicode.Scalar? in
        guard let s = Unicode.Scalar(v) else { return nil }
        switch s.properties.generalCategory {
        case .unassigned, .privateUse, .surrogate: return nil
        default: return s
        }
    }

    @Test func cjkCandidateRangesHoldEveryRule7Name() {
        // The cheap prefilter must never hide a character whose name qualifies.
        var outside: [String] = []
        for s in Self.namedScalars where !CJKCharacters.isCandidate(s.value) {
            if let name = s.properties.name, CJKCharacters.namePrefixes.contains(where: { name.hasPrefix($0) }) {
                outside.append("U+\(String(s.value, radix: 16)) \(name)")
            }
        }
        #expect(outside.isEmpty, "\(outside.prefix(20))")
    }

    @Test func cjkTokensAreLettersWithRule7Names() {
        #expect(CJKCharacters.isOwnToken("東"))
        #expect(CJKCharacters.isOwnToken("\u{FA0E}"))
        #expect(CJKCharacters.isOwnToken("\u{2F800}"))
        #expect(CJKCharacters.isOwnToken("あ"))
        #expect(CJKCharacters.isOwnToken("ー"))    // KATAKANA-HIRAGANA PROLONGED SOUND MARK, Lm
        #expect(CJKCharacters.isOwnToken("가"))
        #expect(CJKCharacters.isOwnToken("\u{1B001}"))   // HIRAGANA LETTER ARCHAIC YE
        // Punctuation and symbols with such names stay separators (rule 6).
        #expect(!CJKCharacters.isOwnToken("・"))
        #expect(!CJKCharacters.isOwnToken("゠"))
        #expect(!CJKCharacters.isOwnToken("゛"))
        // Names that merely resemble the prefixes.
        #expect(!CJKCharacters.isOwnToken("ｶ"))     // HALFWIDTH KATAKANA LETTER KA
        #expect(!CJKCharacters.isOwnToken("\u{1100}"))   // HANGUL CHOSEONG KIYEOK
        #expect(!CJKCharacters.isOwnToken("\u{3131}"))   // HANGUL LETTER KIYEOK
        #expect(!CJKCharacters.isOwnToken("\u{2F00}"))   // KANGXI RADICAL ONE
        #expect(!CJKCharacters.isOwnToken("a"))
    }

    @Test func caseFoldingKnownValues() {
        func f(_ s: String) -> [UInt32] { CaseFolding.fold(s).unicodeScalars.map(\.value) }
        #expect(f("ß") == [0x73, 0x73])
        #expect(f("ẞ") == [0x73, 0x73])
        #expect(f("İ") == [0x69, 0x307])
        #expect(f("ı") == [0x131])
        #expect(f("ς") == [0x3C3])
        #expect(f("ᾈ") == [0x1F00, 0x3B9])
        #expect(f("ΐ") == [0x3B9, 0x308, 0x301])
        #expect(f("ŉ") == [0x2BC, 0x6E])
        #expect(f("ﬃ") == [0x66, 0x66, 0x69])
        #expect(f("\u{212A}") == [0x6B])                  // KELVIN SIGN
        #expect(f("µ") == [0x3BC])
        #expect(f("\u{13A0}\u{AB70}\u{13F8}") == [0x13A0, 0x13A0, 0x13F0])   // Cherokee folds to capitals
        #expect(f("Hello, WORLD") == Array("hello, world".unicodeScalars.map(\.value)))
    }

    @Test func caseFoldingIsStableAndCaseless() {
        // fold(fold(x)) == fold(x), and upper/lower/title case variants fold alike.
        var problems: [String] = []
        for s in Self.namedScalars {
            let folded = CaseFolding.fold(String(s))
            if CaseFolding.fold(folded) != folded { problems.append("unstable U+\(String(s.value, radix: 16))") }
            let p = s.properties
            for variant in [p.lowercaseMapping, p.uppercaseMapping, p.titlecaseMapping]
            where CaseFolding.fold(variant) != folded {
                problems.append("U+\(String(s.value, radix: 16)) vs \(variant.debugDescription)")
            }
            if problems.count > 20 { break }
        }
        // The one documented exception: dotless ı has no fold, but its uppercase I folds to i.
        problems.removeAll { $0.hasPrefix("U+131 ") }
        #expect(problems.isEmpty, "\(problems)")
    }
}
