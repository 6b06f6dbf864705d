import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// The review screen's global key table (``GlobalKeys``), the registry's keys beside it,
/// and the help generated from both.
@Suite struct GlobalKeysTests {
    @Test func standardBindings() {
        let k = GlobalKeys.keymap
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
        let k = GlobalKeys.keymap
        // The keys that open layers (E …) are rows of the registry, not of the global table.
        let all = k.bindings + LayerRegistry.openers.map(\.binding)
        // Actions only a layer answers are bound by that layer's own table.
        let layerOnly = ReviewStatusView.keys.bindings
        #expect(Set((all + layerOnly).map(\.action)) == Set(Action.allCases))
        // Once each, but for the registry's rows, which share `openLayer`.
        let once = k.bindings + layerOnly
        #expect(once.count == Set(once.map(\.action)).count && !once.contains { $0.action == .openLayer })
        #expect(LayerRegistry.openers.allSatisfy { $0.binding.action == .openLayer })
        let keys = all.flatMap(\.keys)
        #expect(Set(keys).count == keys.count)
    }

    @Test func helpIsGeneratedFromTheTable() {
        let lines = GlobalKeys.keymap.helpLines()
        for b in GlobalKeys.keymap.bindings {
            #expect(lines.contains { $0.contains(b.help) && $0.contains(b.keys[0].displayName) }, "\(b.action)")
        }
        #expect(lines.first == "Move")
        // A new binding shows up without touching the help code.
        var custom = GlobalKeys.keymap
        custom.bindings.append(Binding(.quit, [.control("q")], "Quit at once", group: "Extra"))
        #expect(custom.helpLines().suffix(2) == ["Extra", "  C-q             Quit at once"])
    }

    /// `E` is in the help when documents failed to load (the case's engine line points to it then).
    @Test func theHelpListsEWhenDocumentsFailedToLoad() throws {
        let dir = try TempCase.threePassages()
        defer { TempCase.remove(dir) }
        let path = dir + "/outputs/o.jsonl"
        let first = try String(contentsOfFile: path, encoding: .utf8)
        try (first + "{\"id\": \"o2\", \"output\": \n").write(toFile: path, atomically: true, encoding: .utf8)
        var (model, _, _) = try AppFixture.loaded(dir)
        #expect(model.helpKeymap.action(for: .character("E")) == .openLayer)
        model.press(.character("?"))
        #expect(model.showHelp)
        let text = model.render().textSnapshot()
        #expect(text.contains("Documents that failed to load"))
        // One line more than the two columns hold at 100×30: the blank lines between groups go, nothing is cut.
        #expect(!text.contains("enlarge the window"))
        // Every line of the generated help is on screen, E's among them.
        for b in model.helpKeymap.bindings { #expect(text.contains(b.help), "\(b.action)") }
        model.press(.escape)
        #expect(!model.showHelp && model.layers.isEmpty)
    }

    @Test func aCaseThatLoadedWhollyDoesNotOfferE() throws {
        let (model, _, _) = try AppFixture.loaded()
        #expect(model.helpKeymap.action(for: .character("E")) == nil)
        #expect(model.helpKeymap.bindings == model.keymap.bindings)
    }

    /// A layer's own keys come first, then the global table.
    @Test func aLayersOwnKeysAreResolvedBeforeTheGlobalOnes() {
        struct Probe: Layer {
            var got: [Action?] = []
            var keymap: Keymap<Action> { Keymap(bindings: [Binding(.quit, [.character("j")], "probe", group: "P")]) }
            func frame(in size: Size) -> Rect { Rect(row: 0, col: 0, rows: 1, cols: 1) }
            mutating func update(_ action: Action?, rect: Rect) -> LayerReply {
                got.append(action)
                return .stay
            }
            func render(into screen: inout Screen, rect: Rect) {}
        }
        var stack = LayerStack()
        stack.push(Probe(), size: Size(rows: 30, cols: 100))
        _ = stack.key(.character("j"), global: GlobalKeys.keymap)
        _ = stack.key(.character("k"), global: GlobalKeys.keymap)
        _ = stack.key(.character("Z"), global: GlobalKeys.keymap)
        #expect((stack.top as? Probe)?.got == [.quit, .scrollUp, nil])
    }
}
