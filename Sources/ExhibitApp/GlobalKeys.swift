import ExhibitUI

/// Every user action of the review screen. The global table (``GlobalKeys``) and each
/// layer's own table bind keys to actions and document them; the help is generated
/// from them (``AppModel/helpKeymap``).
public enum Action: CaseIterable, Sendable, Hashable {
    // Grouped as the help lists them.
    case scrollDown, scrollUp, pageDown, pageUp, top, bottom
    case nextPassage, previousPassage, search, nextMatch
    case focusNextPane, focusLeftPane, focusRightPane
    case open, sort, flaggedOnly, cycleModel, modelTable, spanOutputs, prompt, parameters
    case cycleTheme, help, close, quit
    // Annotations (SPEC §5).
    case visualMode, annotate, annotationsList, editAnnotation, deleteAnnotation
    case filterTag, filterDocument, filterAuthor, export
    case extendWord, shrinkWord, extendSentence, shrinkSentence, extendPassage, shrinkPassage
    /// Opens a view of ``LayerRegistry``: the row whose key was pressed says which one
    /// (`E` failed documents, `R` review status, `H` annotation history), so a new view
    /// needs no case here.
    case openLayer
    // Review status of a passage (SPEC §11), bound by the review-status list's own key table.
    case markReviewed, markFlagged, markDisputed, markUnreviewed, unreviewedOnly
}

/// The review screen's global key table: keys every view answers, consulted after the
/// top layer's own table (``LayerStack/key(_:global:)``), as tig's `get_keybinding`
/// looks in the view's keymap before the generic one. Keys that open a layer are
/// rows of ``LayerRegistry``, not of this table.
public enum GlobalKeys {
    /// Vim keys plus arrows, PgUp/PgDn, Home/End, as in SPEC §7 and issue 3.
    public static let keymap = Keymap<Action>(bindings: [
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
}
