import ExhibitUI

/// What the demo's keys do: the moves of a two-pane text view.
enum DemoAction: String, Sendable, Hashable {
    case scrollDown, scrollUp, pageDown, pageUp, top, bottom
    case nextPassage, previousPassage, search, nextMatch
    case focusNextPane, focusLeftPane, focusRightPane
    case cycleTheme, help, close, quit
}

/// The demo's key table (its help lists it).
enum DemoKeys {
    static let keymap = Keymap<DemoAction>(bindings: [
        Binding(.scrollDown, [.character("j"), .down], "Scroll down one line", group: "Move"),
        Binding(.scrollUp, [.character("k"), .up], "Scroll up one line", group: "Move"),
        Binding(.pageDown, [.pageDown, .control("f"), .character(" ")], "Scroll down one page", group: "Move"),
        Binding(.pageUp, [.pageUp, .control("b")], "Scroll up one page", group: "Move"),
        Binding(.top, [.character("g"), .home], "Go to the top", group: "Move"),
        Binding(.bottom, [.character("G"), .end], "Go to the bottom", group: "Move"),
        Binding(.nextPassage, [.character("n")], "Next passage, both panes", group: "Passages"),
        Binding(.previousPassage, [.character("N")], "Previous passage", group: "Passages"),
        Binding(.search, [.character("/")], "Search the focused pane", group: "Passages"),
        Binding(.nextMatch, [.character("*")], "Next search match", group: "Passages"),
        Binding(.focusNextPane, [.tab, .backTab], "Switch pane focus", group: "Panes"),
        Binding(.focusLeftPane, [.character("h"), .left], "Focus the left pane", group: "Panes"),
        Binding(.focusRightPane, [.character("l"), .right], "Focus the right pane", group: "Panes"),
        Binding(.cycleTheme, [.character("t")], "Cycle color theme", group: "View"),
        Binding(.help, [.character("?"), .function(1)], "Show or hide this help", group: "View"),
        Binding(.close, [.escape, .backspace], "Close, cancel or go back", group: "View"),
        Binding(.quit, [.character("q")], "Quit", group: "View"),
    ])
}
