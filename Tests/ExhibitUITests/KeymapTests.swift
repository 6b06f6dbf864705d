import Testing
@testable import ExhibitUI

@Suite struct KeymapTests {
    /// A program's actions, as the key table takes them (the review screen's own table
    /// is tested in ExhibitAppTests/GlobalKeysTests.swift).
    enum TestAction: Hashable, Sendable { case scrollDown, quit, help }

    @Test func theFirstBindingOfAKeyWinsAndHelpIsGeneratedFromTheTable() {
        var k = Keymap<TestAction>(bindings: [
            Binding(.scrollDown, [.character("j"), .down], "Scroll down", group: "Move"),
            Binding(.quit, [.character("q")], "Quit", group: "App"),
        ])
        #expect(k.action(for: .down) == .scrollDown)
        #expect(k.action(for: .character("Z")) == nil)
        #expect(k.binding(for: .quit)?.help == "Quit")
        k.bindings.append(Binding(.help, [.character("q")], "Never reached", group: "App"))
        #expect(k.action(for: .character("q")) == .quit)
        #expect(k.helpLines() == ["Move", "  j ↓  Scroll down", "", "App", "  q    Quit", "  q    Never reached"])
    }

    @Test func helpOverlaySnapshot() {
        let keymap = Keymap<TestAction>(bindings: [
            Binding(.scrollDown, [.character("j"), .down], "Scroll down", group: "Move"),
            Binding(.quit, [.character("q")], "Quit", group: "App"),
        ])
        var s = Screen(rows: 10, cols: 34)
        HelpOverlay.draw(into: &s, keymap: keymap)
        #expect(s.textSnapshot() == """
          ┌─ Keys ────────────────────┐
          │ Move                      │
          │   j ↓  Scroll down        │
          │                           │
          │ App                       │
          │   q    Quit               │
          │                           │
          │ ? or Esc closes this help │
          └───────────────────────────┘

        """)
        let styles = s.styleSnapshot().split(separator: "\n")
        #expect(styles.contains("0:4..<10 chrome+title"))
        #expect(styles.contains("1:4..<8 title"))   // group heading
        #expect(styles.contains("4:4..<7 title"))
        #expect(styles.contains("7:4..<29 chrome")) // footer
        #expect(!styles.contains { $0.hasPrefix("2:4") }) // binding rows are plain
    }

    @Test func helpOverlayCutsWhatDoesNotFit() {
        var s = Screen(rows: 8, cols: 60)
        let long = Keymap<Int>(bindings: (0..<20).map { Binding($0, [.character(Character("\($0 % 10)"))], "Action number \($0) of a long table", group: "Group \($0 / 5)") })
        HelpOverlay.draw(into: &s, keymap: long)
        #expect(s.textSnapshot().contains("… (enlarge the window for more)"))
        #expect(s.textSnapshot().contains(HelpOverlay.footer))
    }

    @Test func tooSmallNotice() {
        var s = Screen(rows: 12, cols: 50)
        #expect(Layout.isTooSmall(s.size))
        #expect(!Layout.isTooSmall(Size(rows: 16, cols: 60)))
        TooSmallNotice.draw(into: &s)
        #expect(s.textSnapshot() == """




                        Terminal too small
                        50×12, needs 60×16
              Enlarge the window, or press q to quit





        """)
        #expect(s.styleSnapshot() == "4:16..<34 title+error\n6:6..<44 chrome")
        // A tiny terminal still gets what fits, without crashing.
        var tiny = Screen(rows: 1, cols: 5)
        TooSmallNotice.draw(into: &tiny)
        #expect(tiny.textSnapshot() == "Termi")
    }
}
