import Testing
import CNcursesw
#if canImport(Glibc)
import Glibc
#endif
@testable import ExhibitUI

@Suite struct WidthTests {
    /// The generated table must equal the libc ncurses uses, scalar by scalar.
    @Test func widthTableMatchesLibcWcwidth() throws {
        try #require(setlocale(LC_ALL, "C.UTF-8") != nil, "C.UTF-8 locale missing")
        var mismatches: [String] = []
        var checked = 0
        for v in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue } // surrogates
            let libc = Int(wcwidth(wchar_t(bitPattern: v)))
            let ours = DisplayWidth.wcwidth(scalar)
            checked += 1
            if libc != ours && mismatches.count < 10 {
                mismatches.append("U+\(String(v, radix: 16)): libc \(libc), table \(ours)")
            }
        }
        #expect(checked == 1_112_064)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func glyphPolicy() {
        func g(_ c: Character) -> [String] {
            DisplayWidth.glyphs(of: c).map { "\($0.text)/\($0.width)\($0.isEscape ? "e" : "")" }
        }
        #expect(g("a") == ["a/1"])
        #expect(g("中") == ["中/2"])
        #expect(g("😀") == ["😀/2"])
        // Combining accent rides on its base.
        #expect(g("e\u{301}") == ["e\u{301}/1"])
        // ZWJ family: every person, the joiners not drawn (6 columns, as glibc counts).
        #expect(g("👨‍👩‍👧") == ["👨/2", "👩/2", "👧/2"])
        #expect(DisplayWidth.columns(of: "👨‍👩‍👧" as Character) == 6)
        // VS16 and skin tone are dropped; the base keeps glibc's width.
        #expect(g("❤️") == ["❤/1"])
        #expect(g("👍🏽") == ["👍/2"])
        // A flag stays two regional indicators, one column each.
        #expect(g("🇯🇵") == ["🇯/1", "🇵/1"])
        // At most four marks per cell (cchar_t holds five characters).
        #expect(g("a\u{300}\u{301}\u{302}\u{303}\u{304}\u{305}") == ["a\u{300}\u{301}\u{302}\u{303}/1"])
        // Controls and escapes become visible, never raw.
        #expect(g("\u{1B}") == ["␛/1e"])
        #expect(g("\u{7}") == ["␇/1e"])
        #expect(g("\u{0}") == ["␀/1e"])
        #expect(g("\u{7F}") == ["␡/1e"])
        #expect(g("\u{85}") == ["⟨/1e", "U/1e", "+/1e", "0/1e", "0/1e", "8/1e", "5/1e", "⟩/1e"])
        #expect(g("\r\n") == ["␍/1e", "␊/1e"])
        // Tab: fixed-width blank.
        #expect(g("\t") == [" /1", " /1", " /1", " /1"])
        // Invisible format characters draw nothing.
        #expect(g("\u{200B}").isEmpty)
        // Bidi controls are shown, as the exports show them (they would reorder the text).
        #expect(g("\u{202E}") == ["⟨/1e", "U/1e", "+/1e", "2/1e", "0/1e", "2/1e", "E/1e", "⟩/1e"])
        // Unassigned scalar (glibc -1) becomes U+FFFD.
        #expect(g("\u{378}") == ["\u{FFFD}/1"])
    }

    @Test func columnsAgreeWithGlyphs() {
        let samples: [Character] = ["a", "中", "😀", "e\u{301}", "👨‍👩‍👧", "❤️", "👍🏽", "🇯🇵", "\u{1B}", "\t",
                                    "\u{85}", "\u{200B}", "\u{378}", "한", "ｱ", "\u{301}"]
        for c in samples {
            #expect(DisplayWidth.columns(of: c) == DisplayWidth.glyphs(of: c).reduce(0) { $0 + $1.width }, "\(c)")
        }
        #expect(DisplayWidth.columns(of: "中文 ok") == 7)
    }
}
