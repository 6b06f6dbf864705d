import Testing
@testable import ExhibitUI

@Suite struct KeymapTests {
    @Test func standardBindings() {
        let k = Keymap.standard
        #expect(k.action(for: .character("j")) == .scrollDown)
        #expect(k.action(for: .down) == .scrollDown)
        #expect(k.action(for: .pageDown) == .pageDown)
        #expect(k.action(for: .home) == .top)
        #expect(k.action(for: .end) == .bottom)
        #expect(k.action(for: .character("q")) == .quit)
        #expect(k.action(for: .character("n")) == .nextPassage)
        #expect(k.action(for: .character("N")) == .previousPassage)
        #expect(k.action(for: .character("/")) == .search)
        #expect(k.action(for: .tab) == .focusNextPane)
        #expect(k.action(for: .character("t")) == .cycleTheme)
        #expect(k.action(for: .character("?")) == .help)
        #expect(k.action(for: .character("Z")) == nil)
    }

    @Test func everyActionIsBoundOnceAndNoKeyTwice() {
        let k = Keymap.standard
        #expect(Set(k.bindings.map(\.action)) == Set(Action.allCases).subtracting(Action.layerOnly))
        #expect(Set(k.bindings.map(\.action)).isDisjoint(with: Action.layerOnly))
        let keys = k.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test func helpIsGeneratedFromTheTable() {
        let lines = Keymap.standard.helpLines()
        for b in Keymap.standard.bindings {
            #expect(lines.contains { $0.contains(b.help) && $0.contains(b.keys[0].displayName) }, "\(b.action)")
        }
        #expect(lines.first == "Move")
        // A new binding shows up without touching the help code.
        var custom = Keymap.standard
        custom.bindings.append(Binding(.quit, [.control("q")], "Quit at once", group: "Extra"))
        #expect(custom.helpLines().suffix(2) == ["Extra", "  C-q             Quit at once"])
    }

    @Test func helpOverlaySnapshot() {
        let keymap = Keymap(bindings: [
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
        HelpOverlay.draw(into: &s, keymap: .standard)
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
