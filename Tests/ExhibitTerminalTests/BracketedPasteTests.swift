import Testing
@testable import ExhibitTerminal

/// A bracketed paste read a byte at a time: UTF-8 decoded once at its end, and its
/// end code recognised when ncurses hands it over as plain bytes (split across reads
/// by more than `ESCDELAY`).
@Suite struct BracketedPasteTests {
    /// Feeds `input`'s UTF-8 one byte at a time; returns what each step handed over.
    private func feed(_ paste: inout BracketedPaste, _ input: String) -> [String] {
        input.utf8.compactMap { paste.append($0) }
    }

    @Test func pastedLineBreaksBecomeLineFeedsAndNothingEndsWithoutTheCode() {
        var paste = BracketedPaste(limit: 100)
        #expect(feed(&paste, "q line 1\rx line 2\r") == [])
        #expect(paste.finished == "q line 1\nx line 2\n")
        #expect(paste.byteCount == 18)
    }

    /// CR LF (text copied from a Windows file) is one line break, not two; a CR or
    /// LF alone is one too.
    @Test func crLFIsOneLineBreak() {
        var paste = BracketedPaste(limit: 100)
        #expect(feed(&paste, "one\r\ntwo\rthree\nfour\r\r\n") == [])
        #expect(paste.finished == "one\ntwo\nthree\nfour\n\n")
    }

    /// `é` is two bytes, `中` three, `😀` four: fed one byte at a time, as they come
    /// when a read ends inside a character, they are whole in the paste.
    @Test func charactersSplitAcrossBytesAreWhole() {
        var paste = BracketedPaste(limit: 100)
        #expect(feed(&paste, "é中😀") == [])
        #expect(paste.byteCount == 9)
        #expect(paste.finished == "é中😀")
    }

    /// The end code's six bytes at the end of the text end the paste and are not
    /// part of it; the Enter after it is then a key again.
    @Test func anEndCodeArrivingAsBytesEndsThePaste() {
        var paste = BracketedPaste(limit: 100)
        #expect(feed(&paste, "ééé\u{1B}[201") == [])
        #expect(paste.append(0x7E) == "ééé")
        #expect(paste.endedByCode)
    }

    /// An ESC in the text that does not go on as the end code stays text, and a
    /// second ESC restarts the match (`ESC ESC [201~` still ends the paste).
    @Test func aPartialEndCodeStaysText() {
        var paste = BracketedPaste(limit: 100)
        #expect(feed(&paste, "a\u{1B}[20x b \u{1B}\u{1B}[201~") == ["a\u{1B}[20x b \u{1B}"])
        var other = BracketedPaste(limit: 100)
        #expect(feed(&other, "\u{1B}[200~ and \u{1B}[2011") == [])
        #expect(other.finished == "\u{1B}[200~ and \u{1B}[2011")
    }

    /// Bytes that are not UTF-8 (a lone continuation byte, a cut sequence at the
    /// end) become U+FFFD instead of ending or losing the rest of the paste.
    @Test func bytesThatAreNotUTF8BecomeReplacementCharacters() {
        var paste = BracketedPaste(limit: 100)
        for byte: UInt8 in [0x61, 0xA9, 0x62, 0xC3] { _ = paste.append(byte) }
        #expect(paste.finished == "a\u{FFFD}b\u{FFFD}")
    }

    /// An end code that never comes does not swallow the keyboard: the paste is
    /// handed over at its limit (here 5 bytes).
    @Test func thePasteIsHandedOverAtItsLimit() {
        var paste = BracketedPaste(limit: 5)
        #expect(feed(&paste, "abcd") == [])
        #expect(paste.append(0x65) == "abcde")
        #expect(!paste.endedByCode)
    }
}
