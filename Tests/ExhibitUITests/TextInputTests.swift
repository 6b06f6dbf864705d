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
        #expect(TextInput("x\u{7}y\u{2028}z").text == "xyz")
    }

    @Test func keepsToItsLimit() {
        var input = TextInput(limit: 3)
        for c in "abcd" { input.key(.character(c)) }
        #expect(input.text == "abc")
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
