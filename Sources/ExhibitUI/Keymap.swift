/// Every user action of the review screen. One table (``Keymap``) binds keys
/// to actions and documents them; the help overlay is generated from it.
public enum Action: String, CaseIterable, Sendable, Hashable {
    case scrollDown = "scroll-down"
    case scrollUp = "scroll-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case top
    case bottom
    case nextPassage = "next-passage"
    case previousPassage = "previous-passage"
    case search
    case nextMatch = "next-match"
    case focusNextPane = "focus-next-pane"
    case focusLeftPane = "focus-left-pane"
    case focusRightPane = "focus-right-pane"
    case open
    case sort
    case flaggedOnly = "flagged-only"
    case cycleModel = "cycle-model"
    case spanOutputs = "span-outputs"
    case prompt
    case parameters
    case cycleTheme = "cycle-theme"
    case help
    case close
    case quit
    // Annotations (SPEC §5).
    case annotate
    case visualMode = "visual-mode"
    case extendWord = "extend-word"
    case shrinkWord = "shrink-word"
    case extendSentence = "extend-sentence"
    case shrinkSentence = "shrink-sentence"
    case extendPassage = "extend-passage"
    case shrinkPassage = "shrink-passage"
    case annotationsList = "annotations-list"
    case editAnnotation = "edit-annotation"
    case deleteAnnotation = "delete-annotation"
    case filterTag = "filter-tag"
    case filterDocument = "filter-document"
    case filterAuthor = "filter-author"
    case export
    case modelTable = "model-table"
    // Review status of a passage (SPEC §11), bound by the review-status list's own key table.
    case markReviewed = "mark-reviewed"
    case markFlagged = "mark-flagged"
    case markDisputed = "mark-disputed"
    case markUnreviewed = "mark-unreviewed"
    case unreviewedOnly = "unreviewed-only"

    /// Actions bound only by a layer's own key table (the review-status list), never by
    /// `Keymap.standard`: their keys mean something else elsewhere.
    public static let layerOnly: Set<Action> = [.markReviewed, .markFlagged, .markDisputed, .markUnreviewed, .unreviewedOnly]
}

/// One row of the key table.
public struct Binding: Sendable, Hashable {
    /// The action the keys trigger.
    public var action: Action
    /// Keys that trigger it; the first is the one shown first in help.
    public var keys: [Key]
    /// One-line help text.
    public var help: String
    /// Help section the action is listed under.
    public var group: String

    /// Binds `keys` to `action`, documented by `help` under `group`.
    public init(_ action: Action, _ keys: [Key], _ help: String, group: String) {
        self.action = action
        self.keys = keys
        self.help = help
        self.group = group
    }
}

/// The key table: which keys do what, with help text. A key maps to at
/// most one action (the first binding listing it).
public struct Keymap: Sendable {
    /// The rows of the table, in help order.
    public var bindings: [Binding]

    /// A key table of `bindings`.
    public init(bindings: [Binding]) {
        self.bindings = bindings
    }

    /// Vim keys plus arrows, PgUp/PgDn, Home/End, as in SPEC §7 and issue 3.
    public static let standard = Keymap(bindings: [
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
        // Here, not with Annotate, so the help's two columns fit 100×30.
        Binding(.extendWord, [.character("w")], "Extend by a word", group: "Select (after v)"),
        Binding(.shrinkWord, [.character("b")], "Shrink by a word", group: "Select (after v)"),
        Binding(.extendSentence, [.character(")")], "Extend by a sentence", group: "Select (after v)"),
        Binding(.shrinkSentence, [.character("(")], "Shrink by a sentence", group: "Select (after v)"),
        Binding(.extendPassage, [.character("}")], "Extend by a passage", group: "Select (after v)"),
        Binding(.shrinkPassage, [.character("{")], "Shrink by a passage", group: "Select (after v)"),
        Binding(.open, [.enter], "Open work, pair or output", group: "Case"),
        Binding(.sort, [.character("s")], "Sort by the next column", group: "Case"),
        Binding(.flaggedOnly, [.character("f")], "Only flagged works and pairs", group: "Case"),
        Binding(.cycleModel, [.character("M")], "Next model (all, then each)", group: "Case"),
        Binding(.modelTable, [.character("W")], "Works × models table", group: "Case"),
        Binding(.spanOutputs, [.character("o")], "Outputs reproducing a span", group: "Case"),
        Binding(.prompt, [.character("p")], "Prompt and metadata", group: "Case"),
        Binding(.parameters, [.character("m")], "Match parameters (re-scan)", group: "Case"),
        Binding(.cycleTheme, [.character("t")], "Cycle color theme", group: "View"),
        Binding(.help, [.character("?"), .function(1)], "Show or hide this help", group: "View"),
        Binding(.close, [.escape, .backspace], "Close, cancel or go back", group: "View"),
        Binding(.quit, [.character("q")], "Quit", group: "View"),
        Binding(.visualMode, [.character("v")], "Select text (visual mode)", group: "Annotate"),
        Binding(.annotate, [.character("a")], "Annotate passage, selection", group: "Annotate"),
        Binding(.annotationsList, [.character("A")], "Annotations list", group: "Annotate"),
        Binding(.editAnnotation, [.character("e")], "List: edit tag and note", group: "Annotate"),
        Binding(.deleteAnnotation, [.character("d")], "List: delete (asks y/n)", group: "Annotate"),
        Binding(.filterTag, [.character("T")], "List: filter by tag", group: "Annotate"),
        Binding(.filterDocument, [.character("D")], "List: filter by document", group: "Annotate"),
        Binding(.filterAuthor, [.character("U")], "List: filter by author", group: "Annotate"),
        Binding(.export, [.character("x")], "Export pair, work, notes", group: "Annotate"),
    ])

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> Action? {
        bindings.first(where: { $0.keys.contains(key) })?.action
    }

    /// The binding of `action`, if any.
    public func binding(for action: Action) -> Binding? {
        bindings.first(where: { $0.action == action })
    }

    /// Help text generated from the table: for each group in first-seen
    /// order a heading line, then one line per action with its keys padded
    /// to a common column.
    public func helpLines() -> [String] {
        var groups: [String] = []
        for b in bindings where !groups.contains(b.group) { groups.append(b.group) }
        let keyColumn = bindings.map { DisplayWidth.columns(of: keysText($0)) }.max() ?? 0
        var lines: [String] = []
        for (i, group) in groups.enumerated() {
            if i > 0 { lines.append("") }
            lines.append(group)
            for b in bindings where b.group == group {
                let keys = keysText(b)
                let pad = String(repeating: " ", count: keyColumn - DisplayWidth.columns(of: keys))
                lines.append("  \(keys)\(pad)  \(b.help)")
            }
        }
        return lines
    }

    private func keysText(_ b: Binding) -> String {
        b.keys.map(\.displayName).joined(separator: " ")
    }
}
