import ExhibitCore
import ExhibitUI

/// Which view is on screen; views stack (overview → reconstruction → pair)
/// and Esc goes back.
public enum Route: Sendable, Equatable {
    case overview, reconstruction, pair
}

/// Overlays drawn over the current view; each takes the keys while open.
enum Overlay: Sendable {
    case prompt(PromptOverlay)
    case form(ParametersForm)
    case sources(SourcesList)
}

/// Options given on the command line that override `case.toml`.
public struct LaunchOptions: Sendable, Equatable {
    public var minWords: Int?
    public var maxGap: Int?
    public var minIdentity: Double?
    public var filters: [MetadataFilter] = []

    public init(minWords: Int? = nil, maxGap: Int? = nil, minIdentity: Double? = nil, filters: [MetadataFilter] = []) {
        self.minWords = minWords
        self.maxGap = maxGap
        self.minIdentity = minIdentity
        self.filters = filters
    }
}

/// The review screen's whole state. ``update(_:)`` changes it, ``settle()``
/// rebuilds what depends on it, ``render()`` draws it (pure: the same state
/// always gives the same screen). No curses here.
public struct AppModel: Sendable {
    public let keymap = Keymap.standard
    /// Terminal size in cells.
    public private(set) var size: Size
    public let catalog: ThemeCatalog
    public private(set) var theme: Theme
    let launch: LaunchOptions
    /// The case folder as given.
    public let casePath: String
    public private(set) var kase: Case?
    /// Counsel's annotations; reloaded after each change made on screen.
    public internal(set) var annotations: CaseAnnotations?
    /// Why the case could not be opened.
    public private(set) var loadError: String?
    /// The options of the scan asked for last.
    public private(set) var options: ScanOptions?
    /// Number of the scan asked for last.
    public private(set) var generation = 0
    /// True while a scan runs.
    public private(set) var scanning = false
    /// Progress of the running scan and when it was reported (seconds after start).
    public private(set) var progress: ScanProgress?
    var progressSeconds = 0.0
    var matchingSince: (seconds: Double, outputs: Int)?
    /// What the screen shows (the previous scan's, while a re-scan runs).
    public private(set) var results: Results?
    var overview = Overview()
    var pair: PairView?
    var reconstruction: ReconstructionView?
    public internal(set) var routes: [Route] = [.overview]
    var overlay: Overlay?
    public private(set) var showHelp = false
    /// The `/` line being typed, if any.
    public private(set) var searchInput: String?
    /// A one-line notice in the status line (errors in the error role).
    public internal(set) var notice: (text: String, isError: Bool)?
    var cache = PaneCache()
    /// Visual selection, annotations list and their dialogs (AnnotationTools.swift).
    var tools = AnnotationTools()

    /// The screen for the case at `casePath`, before anything is loaded.
    public init(casePath: String, size: Size, catalog: ThemeCatalog, themeName: String,
                launch: LaunchOptions = LaunchOptions()) {
        self.casePath = casePath
        self.size = size
        self.catalog = catalog
        let selection = catalog.select(themeName)
        theme = selection.theme
        self.launch = launch
        if let error = selection.error { notice = (error.description, true) }
    }

    /// The view on screen.
    public var route: Route { routes.last ?? .overview }

    /// True once the engine is done and nothing is pending: the status line
    /// then shows ``idleMarker`` (end-to-end tests wait for it).
    public var isIdle: Bool { !scanning && (results?.isFinal == true || loadError != nil) }

    /// Shown at the right of the status line when ``isIdle``.
    public static let idleMarker = "[ready]"

    // MARK: Update

    /// Applies one event; returns what the shell must do.
    public mutating func update(_ event: Event<AppMessage>) -> [AppEffect] {
        var effects: [AppEffect] = []
        switch event {
        case .terminate: return [.quit]
        case .tick: break
        case .resize(let s):
            size = s
            relayout()
        case .message(let m):
            // Engine messages come in batches; the rows are rebuilt once,
            // before the next render (the shell calls settle()).
            return apply(m)
        case .mouse(let m): if !annotationToolsMouse(m) { mouse(m) }
        case .key(let k): effects = key(k)
        }
        // Keys act on the rows as the user sees them.
        settle()
        return effects
    }

    /// Rebuilds the overview's rows if results, sort or filters changed.
    /// Cheap when nothing changed; the shell also calls it before rendering.
    public mutating func settle() {
        overview.refresh(results: results, kase: kase, size: size)
    }

    // MARK: Engine messages

    mutating func apply(_ message: AppMessage) -> [AppEffect] {
        switch message {
        case .loaded(let k, let a, let problem):
            kase = k
            annotations = a
            if let problem { notice = (problem, true) }
            var o = ScanOptions(settings: k.settings)
            if let v = launch.minWords { o.match.minWords = v }
            if let v = launch.maxGap { o.match.maxGap = v }
            if let v = launch.minIdentity { o.match.minIdentity = v }
            o.filters = launch.filters
            // Counsel's exclude annotations leave their work spans out of the figures, as in exhibit scan.
            o.exclusions = a?.exclusions(works: k.works).spans ?? []
            return [startScan(o)]
        case .loadFailed(let why):
            loadError = why
            notice = (why, true)
        case .progress(let g, let p, let seconds):
            guard g == generation else { break }
            progress = p
            progressSeconds = seconds
            if p.phase == .matching && matchingSince == nil { matchingSince = (seconds, p.outputsMatched) }
        case .stream(let g, let event, let seconds):
            guard g == generation, results?.generation == g else { break }
            results?.apply(event, seconds: seconds)
            overview.dirty = true
        case .finished(let g, let result, let seconds):
            guard g == generation, let kase, let options else { break }
            let replacing = results?.generation != g
            if replacing { results = Results(generation: g, options: options, kase: kase) }
            results?.finish(result, seconds: seconds)
            scanning = false
            progress = nil
            overview.dirty = true
            refreshViews(replacing: replacing)
        case .failed(let g, let why):
            guard g == generation else { break }
            scanning = false
            notice = ("scan failed: \(why)", true)
        case .exported(let outcome):
            exportFinished(outcome)
        }
        return []
    }

    mutating func startScan(_ o: ScanOptions) -> AppEffect {
        generation += 1
        options = o
        scanning = true
        progress = nil
        matchingSince = nil
        // The first scan streams into view; a re-scan keeps the previous
        // results on screen until it is complete.
        if results == nil, let kase { results = Results(generation: generation, options: o, kase: kase) }
        return .scan(ScanRequest(generation: generation, options: o))
    }

    /// Rebuilds open views from new results: by ids, keeping the passage,
    /// span and scroll position where they still exist.
    private mutating func refreshViews(replacing: Bool) {
        guard let kase, let results else { return }
        if let r = reconstruction {
            let top = r.pane.lines[min(r.pane.top, r.pane.lines.count - 1)].scalars.lowerBound
            var view = ReconstructionView.make(work: r.work, model: r.model, kase: kase, results: results,
                                               annotations: annotations, cache: &cache, size: size)
            let rows = ReconstructionGeometry(size: size).textRect.rows
            if let line = view?.pane.lineIndex(of: top) { view?.pane.scroll(to: line, visibleRows: rows) }
            reconstruction = view
        }
        if replacing, let p = pair {
            if let view = PairView.make(key: p.key, passage: p.focused ?? 0, kase: kase, results: results,
                                        annotations: annotations, cache: &cache, size: size) {
                pair = view
            } else {
                pair = nil
                routes.removeAll { $0 == .pair }
                notice = ("\(p.outputId) × \(p.workTitle): no passage with the new parameters", false)
            }
        }
        if case .sources = overlay { overlay = nil }
        if case .prompt = overlay { overlay = nil }
    }

    // MARK: Keys

    mutating func key(_ key: Key) -> [AppEffect] {
        if let effects = annotationToolsKey(key) { return effects }
        if searchInput != nil {
            searchKey(key)
            return []
        }
        if case .form(var form)? = overlay {
            switch form.key(key, base: options?.match ?? MatchParameters()) {
            case .editing: overlay = .form(form)
            case .cancelled: overlay = nil
            case .confirmed(let m):
                overlay = nil
                guard var o = options else { return [] }
                o.match = m
                notice = ("re-scanning with min_words \(m.minWords), max_gap \(m.maxGap), min_identity \(formatFraction(m.minIdentity))", false)
                return [startScan(o)]
            }
            return []
        }
        let action = keymap.action(for: key)
        notice = nil
        if showHelp {
            switch action {
            case .help, .close: showHelp = false
            case .quit: return [.quit]
            default: break
            }
            return []
        }
        if action == .quit { return [.quit] }
        if Layout.isTooSmall(size) { return [] }
        if let overlay {
            overlayKey(overlay, action)
            return []
        }
        switch action {
        case .help: showHelp = true
        case .cycleTheme:
            let selection = catalog.select(catalog.name(after: theme.name))
            theme = selection.theme
            if let error = selection.error { notice = (error.description, true) }
        case .parameters:
            guard options != nil, kase != nil else { notice = ("the case is not loaded yet", false); break }
            overlay = .form(ParametersForm(options!.match))
        case .search:
            searchInput = route == .overview ? overview.query.search : ""
        default:
            switch route {
            case .overview: overviewKey(action)
            case .pair: pairKey(action)
            case .reconstruction: reconstructionKey(action)
            }
        }
        return []
    }

    private mutating func searchKey(_ key: Key) {
        guard var input = searchInput else { return }
        switch key {
        case .escape:
            searchInput = nil
            if route == .overview { setQuery { $0.search = "" } }
            return
        case .enter:
            searchInput = nil
            switch route {
            case .overview: setQuery { $0.search = input }
            case .pair: pair?.search(input, size: size)
            case .reconstruction: reconstruction?.search(input, size: size)
            }
            return
        case .backspace, .delete:
            if !input.isEmpty { input.removeLast() }
        case .character(let c):
            input.append(c)
        default:
            return
        }
        searchInput = input
        // The overview filters as you type; texts are searched on Enter.
        if route == .overview { setQuery { $0.search = input } }
    }

    private mutating func setQuery(_ change: (inout OverviewQuery) -> Void) {
        change(&overview.query)
        overview.dirty = true
    }

    private mutating func overlayKey(_ current: Overlay, _ action: Action?) {
        switch current {
        case .prompt(var p):
            switch action {
            case .close, .prompt: overlay = nil; return
            case .scrollDown: p.scroll(1, size: size)
            case .scrollUp: p.scroll(-1, size: size)
            case .pageDown: p.scroll(PromptOverlay.rect(size).rows - 4, size: size)
            case .pageUp: p.scroll(-(PromptOverlay.rect(size).rows - 4), size: size)
            case .top: p.scroll(-Int.max / 2, size: size)
            case .bottom: p.scroll(Int.max / 2, size: size)
            default: break
            }
            overlay = .prompt(p)
        case .sources(var list):
            switch action {
            case .close, .spanOutputs: overlay = nil; return
            case .scrollDown: list.move(1, size: size)
            case .scrollUp: list.move(-1, size: size)
            case .pageDown: list.move(list.visibleRows(size), size: size)
            case .pageUp: list.move(-list.visibleRows(size), size: size)
            case .top: list.move(-Int.max / 2, size: size)
            case .bottom: list.move(Int.max / 2, size: size)
            case .open:
                overlay = nil
                if list.rows.indices.contains(list.cursor) {
                    let row = list.rows[list.cursor]
                    openPair(row.key, passage: row.passage)
                }
                return
            default: break
            }
            overlay = .sources(list)
        case .form:
            break // handled before the keymap
        }
    }

    private mutating func overviewKey(_ action: Action?) {
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
        case .flaggedOnly: setQuery { $0.flaggedOnly.toggle() }
        case .cycleModel:
            guard let models = results?.models else { break }
            setQuery { $0.model = Self.next($0.model, in: models) }
        case .open: openSelected()
        case .close:
            if overview.query != OverviewQuery() { setQuery { $0 = OverviewQuery() } }
        case .prompt:
            if let row = overview.selectedPair, overview.focus == .pairs { openPrompt(row.key) }
        default: break
        }
    }

    private mutating func pairKey(_ action: Action?) {
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

    private mutating func reconstructionKey(_ action: Action?) {
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
                overlay = .sources(SourcesList(title: title, rows: view.sources(ofSpan: i, results: results)))
            }
        case .close:
            back()
            return
        default: break
        }
        reconstruction = view
    }

    /// Opens the selected work's reconstruction or the selected pair.
    private mutating func openSelected() {
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
        guard let kase, let results,
              let view = PairView.make(key: key, passage: passage, kase: kase, results: results,
                                       annotations: annotations, cache: &cache, size: size) else { return }
        pair = view
        routes.removeAll { $0 == .pair }
        routes.append(.pair)
    }

    private mutating func openPrompt(_ key: PairKey) {
        guard let kase, let results, let p = PromptOverlay.make(key: key, kase: kase, results: results, size: size) else { return }
        overlay = .prompt(p)
    }

    private mutating func back() {
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
        guard !Layout.isTooSmall(size), !showHelp, searchInput == nil else { return }
        if let current = overlay {
            if case .prompt(var p) = current {
                if m.kind == .wheelDown { p.scroll(3, size: size) }
                if m.kind == .wheelUp { p.scroll(-3, size: size) }
                overlay = .prompt(p)
            } else if case .sources(var list) = current {
                if m.kind == .wheelDown { list.move(3, size: size) }
                if m.kind == .wheelUp { list.move(-3, size: size) }
                overlay = .sources(list)
            }
            return
        }
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
        }
    }

    private mutating func relayout() {
        guard !Layout.isTooSmall(size) else { return }
        pair?.layout(size: size, cache: &cache)
        reconstruction?.layout(size: size, cache: &cache)
        if case .prompt(var p)? = overlay {
            p.layout(size: size)
            overlay = .prompt(p)
        }
        overview.dirty = true
    }
}
