import Testing
@testable import ExhibitUI

@Suite struct TextInputTests {
    @Test func typesAnyScriptAndBackspacesWholeCharacters() {
        var input = TextInput()
        for c in "Zoë 東京 🇯🇵" { input.key(.character(c)) }
        // e + combining diaeresis typed as two scalars joins into one character.
        input.key(.character("e"))
        input.key(.character("\u{0308}"))
        #expect(input.text == "Zoë 東京 🇯🇵e\u{0308}")
        #expect(input.cursor == input.text.count)
        input.key(.backspace)
        input.key(.backspace)
        #expect(input.text == "Zoë 東京 ")
        input.key(.home)
        input.key(.delete)
        input.key(.right)
        input.key(.character("-"))
        #expect(input.text == "o-ë 東京 ")
    }

    @Test func refusesControlCharactersAndLeavesOtherKeysToTheCaller() {
        var input = TextInput("a")
        #expect(input.key(.character("\u{1B}")) == false)
        #expect(input.key(.character("\n")) == false)
        #expect(input.key(.character("\u{85}")) == false)
        #expect(input.key(.enter) == false)
        #expect(input.key(.escape) == false)
        #expect(input.text == "a")
        // One-line field: a line separator is a space; multiline: a line feed.
        #expect(TextInput("x\u{7}y\u{2028}z").text == "xy z")
        #expect(TextInput("x\u{7}y\u{2028}z", multiline: true).text == "xy\nz")
    }

    @Test func keepsWhatIsTypedBeyondItsLimitAndSaysSo() {
        var input = TextInput(limit: 3)
        for c in "abcd" { input.key(.character(c)) }
        #expect(input.text == "abcd")
        #expect(input.isOverLimit)
        input.key(.backspace)
        #expect(!input.isOverLimit)
        #expect(TextInput.defaultLimit >= 10_000)
    }

    @Test func pasteGoesInWholeWithItsLineBreaks() {
        var note = TextInput("ab", multiline: true)
        note.key(.left)
        note.insert("one\r\ntwo\rthree\n\tfour\u{1B}[31m")
        #expect(note.text == "aone\ntwo\nthree\n\tfour[31mb")
        #expect(note.cursor == note.text.count - 1)
        note.key(.control("j"))
        #expect(note.text.hasSuffix("[31m\nb"))
        // A one-line field turns line breaks into spaces and ignores Ctrl-J.
        var search = TextInput()
        search.insert("a\nb")
        #expect(search.text == "a b")
        #expect(search.key(.control("j")) == false)
        // 10,000 characters and more go in whole.
        var long = TextInput(multiline: true)
        long.insert(String(repeating: "x", count: 12_000))
        #expect(long.text.count == 12_000)
    }

    @Test func multilineFieldDrawsTheCursorsLines() {
        var screen = Screen(rows: 3, cols: 10)
        let note = TextInput("first\nsecond\nthird\nfourth", multiline: true)
        note.drawLines(into: &screen, row: 0, col: 0, width: 10, rows: 3)
        #expect(screen.textSnapshot() == "second\nthird\nfourth")
        #expect(screen[2, 6].style.roles.has(.selection))
    }

    @Test func drawsTheTailThatHoldsTheCursor() {
        var screen = Screen(rows: 1, cols: 12)
        let input = TextInput("abcdefghij東")
        input.draw(into: &screen, row: 0, col: 1, width: 8)
        // 8 cells: the cursor cell at the end, 東 (2 cells) and five letters before it.
        #expect(screen.textSnapshot() == " fghij東")
        #expect(screen[0, 8].style.roles.has(.selection))
        #expect(!screen[0, 7].style.roles.has(.selection))
    }
}
