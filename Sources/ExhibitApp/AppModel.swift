import ExhibitCore
import ExhibitUI

/// Which view is on screen; views stack (overview → reconstruction → pair)
/// and Esc goes back.
public enum Route: Sendable, Equatable {
    case overview, reconstruction, pair
}


/// Options given on the command line that override `case.toml`.
public struct LaunchOptions: Sendable, Equatable {
    /// `--min-words`: shortest seed, in words.
    public var minWords: Int?
    /// `--max-gap`: widest gap bridged inside a passage, in words a side.
    public var maxGap: Int?
    /// `--min-identity`: lowest passage identity, 0–1.
    public var minIdentity: Double?
    /// `--x-drop`: X-drop of passage extension, in score points; 0 turns extension off.
    public var xDrop: Int?
    /// `--where KEY=VALUE` filters on the outputs' metadata.
    public var filters: [MetadataFilter] = []

    /// Overrides; nil keeps the value of `case.toml`.
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
    /// The global key table (layers consult their own first).
    public let keymap = GlobalKeys.keymap
    /// Terminal size in cells.
    public internal(set) var size: Size
    /// The themes `t` cycles through.
    public let catalog: ThemeCatalog
    /// The theme in use (the shell hands it to the terminal).
    public internal(set) var theme: Theme
    let launch: LaunchOptions
    /// The case folder as given.
    public let casePath: String
    /// The case, once loaded (its outline, without texts, while `textsPending`).
    public internal(set) var kase: Case? {
        didSet { annotatedSources = AnnotatedSources(kase: kase, annotations: annotations) }
    }
    /// True while `kase` is the outline a current results store gave (`AppMessage.outline`)
    /// and the texts are still being read: the overview shows the figures, and what shows
    /// or quotes a text (a pair, a work, an export, an annotation) waits for `loaded`.
    public internal(set) var textsPending = false
    /// True once `loaded` gave the case read in full while `textsPending`: the next
    /// finished scan (the store read again, with the token data the views need) ends it.
    var caseReadInFull = false
    /// The scan that began at launch (its times are what the user waited): 1, or the
    /// store read that follows a case outline's figures.
    var firstScanGeneration = 1
    /// Counsel's annotations; reloaded after each change made on screen.
    public internal(set) var annotations: CaseAnnotations? {
        didSet { annotatedSources = AnnotatedSources(kase: kase, annotations: annotations) }
    }
    /// Where the annotated documents are in ``kase``, kept with it and ``annotations``.
    private(set) var annotatedSources = AnnotatedSources()
    /// Where annotations made on screen are kept and read back: nil for the case's
    /// `annotations.jsonl` (`AnnotationStore`); tests give an `InMemoryAnnotationStore`.
    var annotationStore: (any AnnotationRecordStore)?
    /// Why the case could not be opened.
    public internal(set) var loadError: String?
    /// The options of the scan asked for last.
    public internal(set) var options: ScanOptions?
    /// Number of the scan asked for last.
    public internal(set) var generation = 0
    /// True while a scan runs.
    public internal(set) var scanning = false
    /// Progress of the running scan and when it was reported (seconds after start).
    public internal(set) var progress: ScanProgress?
    var progressSeconds = 0.0
    /// Engine time of the last streamed result, and of the last rows rebuild.
    var streamSeconds = 0.0
    var rowsSeconds = -Double.infinity
    var matchingSince: (seconds: Double, outputs: Int)?
    /// Engine time of the first message of the scan asked for last.
    var scanStartedSeconds: Double?
    /// What the screen shows (the previous scan's, while a re-scan runs).
    public internal(set) var results: Results?
    var overview = Overview()
    var pair: PairView?
    var reconstruction: ReconstructionView?
    /// The views, the one on screen last.
    public internal(set) var routes: [Route] = [.overview]
    /// Views and lists opened over the current view (``LayerRegistry``); the top one takes the keys.
    var layers = LayerStack()
    /// Whether the `?` help is open (a ``HelpLayer`` on top).
    public var showHelp: Bool { layers.top is HelpLayer }
    /// The `/` line being typed, if any (a ``SearchLine`` on top).
    public var searchInput: String? { (layers.top as? SearchLine)?.text }
    /// A one-line notice in the status line (errors in the error role).
    public internal(set) var notice: (text: String, isError: Bool)?
    /// The notice of the scan running (`AppMessage.scanNotice`) and the one it covered,
    /// said again when that scan ends.
    var scanNotice: (text: String, covered: (text: String, isError: Bool)?)?
    /// What changed since the stored results on screen were computed (`match`, `files`…),
    /// while they are shown marked stale and the case is scanned again; nil otherwise.
    public internal(set) var staleReason: String?
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

    /// True once the engine is done and nothing is pending (the case's texts read too,
    /// not only its outline's figures): the status line then shows ``idleMarker``
    /// (end-to-end tests wait for it).
    public var isIdle: Bool { !scanning && !textsPending && (results?.isFinal == true || loadError != nil) }

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
        case .mouse(let m): if !layers.mouse(m), !annotationToolsMouse(m) { mouse(m) }
        case .key(let k): effects = key(k)
        case .paste(let text): paste(text)
        }
        // Keys act on the rows as the user sees them.
        settle()
        return effects
    }

    /// Rebuilds the overview's rows if sort or filters changed, or results
    /// streamed in. Rows follow the stream at most every
    /// ``streamRefreshInterval`` (in the engine's time, so tests replay it
    /// exactly): rebuilding thousands of rows for every batch would keep
    /// keys waiting. The shell calls it before rendering.
    public mutating func settle() {
        if overview.stale && !overview.dirty {
            guard results?.isFinal == true || streamSeconds - rowsSeconds >= Self.streamRefreshInterval else { return }
        }
        if overview.dirty || overview.stale {
            overview.refresh(results: results, kase: kase, size: size,
                             reviews: PairReviewMarks(kase: kase, results: results, annotations: annotations,
                                                      reviewed: annotatedSources.reviewed))
            rowsSeconds = streamSeconds
        }
    }

    /// A bracketed paste: into the note of the annotate dialog or the `/`
    /// line (one line), whole; with no text field open it is set aside with
    /// a notice. Pasted text never runs a command.
    mutating func paste(_ text: String) {
        if let reply = layers.paste(text) {
            _ = follow(reply)
        } else {
            notice = ("pasted text (\(Format.count(text.count)) characters) not used: no text field is open", false)
        }
    }

    /// Seconds (engine time) between two rebuilds of the rows while results stream in.
    public static let streamRefreshInterval = 0.5

    // MARK: Engine messages

    mutating func apply(_ message: AppMessage) -> [AppEffect] {
        switch message {
        case .outline(let k, let a):
            guard kase == nil else { break }
            kase = k
            annotations = a
            textsPending = true
            overview.dirty = true
            return [startScan(launchOptions(k, annotations: a), fromStoreOnly: true)]
        case .loaded(let k, let a, let problem):
            let outlineAnswered = textsPending && !scanning && results?.isFinal == true
                && options == launchOptions(k, annotations: a)
            kase = k
            annotations = a
            overview.dirty = true // the works are listed at once, before any result
            if let problem { notice = (problem, true) }
            let o = launchOptions(k, annotations: a)
            if outlineAnswered {
                // The figures stand; the views need the token data too, which the store
                // gives on this scan (the same files, so the same results). The texts
                // count as read once it has finished.
                caseReadInFull = true
                firstScanGeneration = generation + 1
                if annotationStore != nil { return [startScan(o), .reloadAnnotations(notice: nil, error: false)] }
                return [startScan(o)]
            }
            textsPending = false
            // Not answered from the store: the scan below streams into view as a first scan does.
            if results?.isFinal != true { results = nil }
            // A review server's store: its records, not the folder's file (a re-scan
            // follows if its exclusions differ).
            if annotationStore != nil { return [startScan(o), .reloadAnnotations(notice: nil, error: false)] }
            return [startScan(o)]
        case .loadFailed(let why):
            loadError = why
            notice = (why, true)
        case .progress(let g, let p, let seconds):
            guard g == generation else { break }
            if scanStartedSeconds == nil { scanStartedSeconds = seconds }
            progress = p
            progressSeconds = seconds
            if p.phase == .matching && matchingSince == nil { matchingSince = (seconds, p.outputsMatched) }
        case .stream(let g, let event, let seconds):
            guard g == generation, results?.generation == g else { break }
            results?.apply(event, seconds: seconds)
            overview.stale = true
            streamSeconds = seconds
        case .finished(let g, let result, let seconds):
            guard g == generation, let kase, let options else { break }
            endScanNotice()
            let replacing = results?.generation != g || staleReason != nil
            staleReason = nil
            if replacing { results = Results(generation: g, options: options, kase: kase) }
            results?.finish(result, seconds: seconds)
            if textsPending && caseReadInFull { textsPending = false }
            results?.startedSeconds = scanStartedSeconds ?? seconds
            scanning = false
            progress = nil
            overview.dirty = true
            refreshViews(replacing: replacing)
        case .failed(let g, let why):
            guard g == generation else { break }
            scanning = false
            scanNotice = nil
            notice = ("scan failed: \(why)", true)
        case .annotationsChanged(let text, let error):
            return annotationsChanged(notice: text, error: error)
        case .annotationsReloaded(let reload):
            return annotationsReloaded(reload)
        case .exported(let outcome):
            exportFinished(outcome)
        case .annotationWritten(let outcome):
            return annotationWritten(outcome)
        case .stale(let g, let result, let reason, let seconds):
            showStale(generation: g, result, reason: reason, seconds: seconds)
        case .storeNotice(let text):
            notice = (text, false)
        case .scanNotice(let g, let text):
            guard g == generation else { break }
            scanNotice = (text, notice)
            notice = (text, false)
        }
        return []
    }

    /// The options of the first scan of `k`: its settings, the launch flags, and counsel's
    /// exclusions from `annotations`.
    func launchOptions(_ k: Case, annotations: CaseAnnotations?) -> ScanOptions {
        var o = ScanOptions(settings: k.settings)
        if let v = launch.minWords { o.match.minWords = v }
        if let v = launch.maxGap { o.match.maxGap = v }
        if let v = launch.minIdentity { o.match.minIdentity = v }
        if let v = launch.xDrop { o.match.xDrop = v }
        o.filters = launch.filters
        // Counsel's exclude annotations leave their work spans out of the figures, as in exhibit scan.
        o.exclusions = annotations?.exclusions(works: k.works).spans ?? []
        return o
    }

    /// - Parameter fromStoreOnly: the scan of a case outline (see `ScanRequest`).
    mutating func startScan(_ o: ScanOptions, fromStoreOnly: Bool = false) -> AppEffect {
        generation += 1
        options = o
        scanning = true
        progress = nil
        matchingSince = nil
        scanStartedSeconds = nil
        // The first scan streams into view; a re-scan keeps the previous
        // results on screen until it is complete.
        if results == nil, let kase { results = Results(generation: generation, options: o, kase: kase) }
        return .scan(ScanRequest(generation: generation, options: o, fromStoreOnly: fromStoreOnly))
    }

    /// Rebuilds open views from new results: by ids, keeping the passage,
    /// span and scroll position where they still exist.
    mutating func refreshViews(replacing: Bool) {
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
        // Lists of the previous results close; views are rebuilt above.
        layers.removeAll { $0 is PromptOverlay || $0 is SourcesList }
    }

    mutating func relayout() {
        layers.relayout(size)
        guard !Layout.isTooSmall(size) else { return }
        pair?.layout(size: size, cache: &cache)
        reconstruction?.layout(size: size, cache: &cache)
        overview.dirty = true
    }
}
