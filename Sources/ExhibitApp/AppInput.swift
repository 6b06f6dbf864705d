import ExhibitCore
import ExhibitUI

/// Keys and the mouse: what each action does in each view and overlay.
extension AppModel {
    // MARK: Keys

    mutating func key(_ key: Key) -> [AppEffect] {
        // Ctrl-J (a line feed) types a line break in a note; elsewhere it is Enter, as it was.
        let key = key == .control("j") && annotateDialog?.field != .note ? Key.enter : key
        if textsPending, layers.top == nil, !Self.answersWithoutTexts(keymap.action(for: key)) {
            notice = (Self.textsPendingNotice, false)
            return []
        }
        // Visual mode and the annotations list first (the dialogs are layers, below).
        if let effects = annotationToolsKey(key) { return effects }
        let action = keymap.action(for: key)
        if let top = layers.top, !top.takesEveryKey, Layout.isTooSmall(size) {
            // Below the minimum size only the notice is drawn: q quits, ?/Esc close what is open.
            notice = nil
            if action == .quit { return [.quit] }
            // A dialog stays (what was typed is kept) until the screen is large enough again.
            let dialog = top is AnnotateDialog || top is ExportDialog
            if action == .close || action == .help, !dialog { layers.pop() }
            return []
        }
        if let reply = layers.key(key, global: keymap) {
            notice = nil
            let effects = follow(reply)
            if reply.effects.contains(where: { if case .reviewStatus = $0 { true } else { false } }),
               !effects.contains(where: { if case .reviewStatus = $0 { true } else { false } }) {
                notice = ("status not saved: who is reviewing? Set $EXHIBIT_USER, or annotate a passage (a) once to give your name", true)
            }
            return effects
        }
        notice = nil
        if action == .quit { return [.quit] }
        if Layout.isTooSmall(size) { return [] }
        if action == nil, let opener = LayerRegistry.opener(for: key) {
            switch opener.open(self) {
            case .success(let layer): layers.push(layer, size: size)
            case .failure(let why): notice = (why.reason, false)
            }
            return []
        }
        switch action {
        case .help: layers.push(HelpLayer(listing: helpKeymap), size: size)
        case .cycleTheme:
            let selection = catalog.select(catalog.name(after: theme.name))
            theme = selection.theme
            if let error = selection.error { notice = (error.description, true) }
        case .parameters:
            guard options != nil, kase != nil else { notice = ("the case is not loaded yet", false); break }
            layers.push(ParametersForm(options!.match), size: size)
        case .search:
            layers.push(SearchLine(text: route == .overview ? overview.query.search : ""), size: size)
        default:
            switch route {
            case .overview: overviewKey(action)
            case .pair: pairKey(action)
            case .reconstruction: reconstructionKey(action)
            }
        }
        return []
    }

    /// Does what a layer's answer asks of the screen below it; returns the effects.
    mutating func follow(_ reply: LayerReply) -> [AppEffect] {
        switch reply.followUp {
        case .openPair(let pair, let passage)?: openPair(pair, passage: passage)
        case .rescan(let m)?:
            guard var o = options else { break }
            o.match = m
            notice = ("re-scanning with min_words \(m.minWords), max_gap \(m.maxGap), min_identity \(formatFraction(m.minIdentity))", false)
            return reply.effects + [startScan(o)]
        case .search(let step)?: search(step)
        case .export(let overwrite)?: return reply.effects + startExport(overwrite: overwrite)
        case .annotate(let dialog, let outcome)?: return reply.effects + annotateFinished(dialog, outcome)
        case nil: break
        }
        return signed(reply.effects)
    }

    /// Review statuses signed by the screen's user (the name typed in the annotate
    /// dialog, else `$EXHIBIT_USER`, `$USER`, the user config); with no name known the
    /// status is not saved and the status line says how to give one, since a record
    /// signed `unknown` would say nothing about who decided.
    func signed(_ effects: [AppEffect]) -> [AppEffect] {
        effects.compactMap { effect in
            guard case .reviewStatus(var change) = effect else { return effect }
            guard let who = tools.creator ?? Annotation.knownCreator(environment: tools.environment) else { return nil }
            change.creator = who
            return .reviewStatus(change)
        }
    }

    /// The overview filters as you type; texts are searched on Enter.
    mutating func search(_ step: SearchStep) {
        switch step {
        case .typed(let text): if route == .overview { setQuery { $0.search = text } }
        case .cancelled: if route == .overview { setQuery { $0.search = "" } }
        case .done(let text):
            switch route {
            case .overview: setQuery { $0.search = text }
            case .pair: pair?.search(text, size: size)
            case .reconstruction: reconstruction?.search(text, size: size)
            }
        }
    }

    mutating func setQuery(_ change: (inout OverviewQuery) -> Void) {
        change(&overview.query)
        overview.dirty = true
    }

    mutating func overviewKey(_ action: Action?) {
        switch action {
        case .scrollDown: overview.move(1, size: size)
        case .scrollUp: overview.move(-1, size: size)
        case .pageDown: overview.move(overview.pageRows(size: size), size: size)
        case .pageUp: overview.move(-overview.pageRows(size: size), size: size)
        case .top: overview.move(-Int.max / 2, size: size)
        case .bottom: overview.move(Int.max / 2, size: size)
        case .focusNextPane: overview.focus = overview.focus == .works ? .pairs : .works
        case .focusLeftPane: overview.focus = .works
        case .focusRightPane: overview.focus = .pairs
        case .sort:
            if overview.focus == .works {
                overview.workSort = Self.next(overview.workSort)
            } else {
                overview.pairSort = Self.next(overview.pairSort)
            }
            overview.dirty = true
        case .flaggedOnly:
            // Off → flagged only → (once a status exists) unreviewed pairs only → off.
            let statuses = PairReviewMarks(annotations: annotations).anyStatus
            setQuery { q in
                if q.unreviewedOnly {
                    q.unreviewedOnly = false
                } else if q.flaggedOnly {
                    q.flaggedOnly = false
                    q.unreviewedOnly = statuses
                } else {
                    q.flaggedOnly = true
                }
            }
        case .cycleModel:
            guard let models = results?.models else { break }
            setQuery { $0.model = Self.next($0.model, in: models) }
        case .open: openSelected()
        case .modelTable:
            if let table = ModelTable(results: results) { layers.push(table, size: size) } else { notice = ("the works × models table comes when the scan ends", false) }
        case .close:
            if overview.query != OverviewQuery() { setQuery { $0 = OverviewQuery() } }
        case .prompt:
            if let row = overview.selectedPair, overview.focus == .pairs { openPrompt(row.key) }
        default: break
        }
    }

    mutating func pairKey(_ action: Action?) {
        guard var view = pair else { return }
        switch action {
        case .scrollDown: view.scroll(1, size: size)
        case .scrollUp: view.scroll(-1, size: size)
        case .pageDown: view.scroll(PairGeometry(size: size, passages: 1).textRows - 2, size: size)
        case .pageUp: view.scroll(-(PairGeometry(size: size, passages: 1).textRows - 2), size: size)
        case .top: view.jump(top: true, size: size)
        case .bottom: view.jump(top: false, size: size)
        case .nextPassage: view.step(1, size: size)
        case .previousPassage: view.step(-1, size: size)
        case .focusNextPane: view.active = 1 - view.active
        case .focusLeftPane: view.active = 0
        case .focusRightPane: view.active = 1
        case .nextMatch: view.nextHit(size: size)
        case .prompt: openPrompt(view.key)
        case .close: back()
        default: break
        }
        if route == .pair { pair = view }
    }

    mutating func reconstructionKey(_ action: Action?) {
        guard var view = reconstruction, let kase, let results else { return }
        switch action {
        case .scrollDown: view.scroll(1, size: size)
        case .scrollUp: view.scroll(-1, size: size)
        case .pageDown: view.scroll(ReconstructionGeometry(size: size).textRect.rows - 2, size: size)
        case .pageUp: view.scroll(-(ReconstructionGeometry(size: size).textRect.rows - 2), size: size)
        case .top: view.jump(top: true, size: size)
        case .bottom: view.jump(top: false, size: size)
        case .nextPassage: view.step(1, size: size)
        case .previousPassage: view.step(-1, size: size)
        case .nextMatch: view.nextHit(size: size)
        case .cycleModel:
            let models = Set(results.pairs(work: view.work).map { results.outputModels[$0.output] }).sorted()
            let model = Self.next(view.model, in: models)
            let anchor = view.pane.lines[min(view.pane.top, view.pane.lines.count - 1)].scalars.lowerBound
            if var v = ReconstructionView.make(work: view.work, model: model, kase: kase, results: results,
                                               annotations: annotations, cache: &cache, size: size) {
                v.pane.scroll(to: v.pane.lineIndex(of: anchor), visibleRows: ReconstructionGeometry(size: size).textRect.rows)
                view = v
            }
        case .spanOutputs, .open:
            if view.cursor == nil { view.step(1, size: size) }
            if let i = view.cursor {
                let span = view.spans[i]
                let title = "Outputs reproducing span \(i + 1) · work tokens \(span.tokens.lowerBound)..<\(span.tokens.upperBound)"
                layers.push(SourcesList(title: title, rows: view.sources(ofSpan: i, results: results)), size: size)
            }
        case .close:
            back()
            return
        default: break
        }
        reconstruction = view
    }

    /// What the status line says when a key needs the case's texts before they are read.
    static let textsPendingNotice = "figures from the results store; the case's texts are still being read — try again in a moment"

    /// The overview keys that need no text while only the case outline is loaded
    /// (`textsPending`): moving, sorting, filtering, the model table, help, the theme, quit.
    static func answersWithoutTexts(_ action: Action?) -> Bool {
        switch action {
        case .scrollDown?, .scrollUp?, .pageDown?, .pageUp?, .top?, .bottom?, .focusNextPane?, .focusLeftPane?,
             .focusRightPane?, .sort?, .flaggedOnly?, .cycleModel?, .modelTable?, .search?, .unreviewedOnly?,
             .cycleTheme?, .help?, .close?, .quit?:
            return true
        default:
            return false
        }
    }

    /// Opens the selected work's reconstruction or the selected pair.
    mutating func openSelected() {
        guard !textsPending else {
            notice = (Self.textsPendingNotice, false)
            return
        }
        guard let kase, let results else { return }
        switch overview.focus {
        case .works:
            guard let row = overview.selectedWork else { return }
            guard let view = ReconstructionView.make(work: row.work, model: overview.query.model, kase: kase,
                                                     results: results, annotations: annotations, cache: &cache, size: size)
            else {
                notice = ("the work's text is being indexed; try again in a moment", false)
                return
            }
            reconstruction = view
            routes = [.overview, .reconstruction]
        case .pairs:
            guard let row = overview.selectedPair else { return }
            openPair(row.key, passage: 0)
        }
    }

    /// Pushes the pair view of `key` focused on passage `passage`.
    mutating func openPair(_ key: PairKey, passage: Int) {
        guard !textsPending else {
            notice = (Self.textsPendingNotice, false)
            return
        }
        guard let kase, let results,
              let view = PairView.make(key: key, passage: passage, kase: kase, results: results,
                                       annotations: annotations, cache: &cache, size: size) else { return }
        pair = view
        routes.removeAll { $0 == .pair }
        routes.append(.pair)
    }

    mutating func openPrompt(_ key: PairKey) {
        guard let kase, let results, let p = PromptOverlay.make(key: key, kase: kase, results: results, size: size) else { return }
        layers.push(p, size: size)
    }

    mutating func back() {
        guard routes.count > 1 else { return }
        let leaving = routes.removeLast()
        if leaving == .pair { pair = nil }
        if leaving == .reconstruction { reconstruction = nil }
    }

    static func next<T: CaseIterable & Equatable>(_ value: T) -> T {
        let all = Array(T.allCases)
        return all[(all.firstIndex(of: value)! + 1) % all.count]
    }

    /// nil → first model → … → last model → nil.
    static func next(_ model: String?, in models: [String]) -> String? {
        guard let model, let i = models.firstIndex(of: model) else { return models.first }
        return i + 1 < models.count ? models[i + 1] : nil
    }

    // MARK: Mouse and resize

    mutating func mouse(_ m: MouseEvent) {
        guard !Layout.isTooSmall(size), layers.isEmpty else { return }
        let wheel = m.kind == .wheelDown ? 3 : m.kind == .wheelUp ? -3 : 0
        switch route {
        case .overview:
            if wheel != 0 {
                overview.move(wheel, size: size, table: overview.table(atRow: m.row, size: size))
            } else if m.kind == .press(button: 1), let (_, again) = overview.click(row: m.row, size: size) {
                overview.move(0, size: size)
                if again { openSelected() }
            }
        case .pair:
            guard var view = pair else { return }
            let side = view.side(atColumn: m.col, size: size)
            if wheel != 0 { view.scroll(wheel, size: size, side: side) }
            if m.kind == .press(button: 1) { view.active = side }
            pair = view
        case .reconstruction:
            if wheel != 0 { reconstruction?.scroll(wheel, size: size) }
            if m.kind == .press(button: 1) {
                if m.row == CoverageStripRow.row { reconstruction?.clickStrip(col: m.col, size: size) } else { reconstruction?.click(row: m.row, size: size) }
            }
        }
    }
}
