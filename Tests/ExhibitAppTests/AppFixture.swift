import Foundation
import Synchronization
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// Builds review-screen models the way the program does, but with the
/// engine run synchronously, so tests drive `update` with keys and messages.
enum AppFixture {
    /// The repository root, from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var demoCase: String { root.appendingPathComponent("Cases/demo").path }
    static var themes: ThemeCatalog { ThemeCatalog.load(directory: root.appendingPathComponent("Themes").path) }
    static let size = Size(rows: 30, cols: 100)

    /// Everything one scan posts, in an order a run could deliver it.
    struct Run {
        var kase: Case
        var request: ScanRequest
        var stream: [ScanStreamEvent]
        var result: ScanResult
    }

    /// A model whose case is loaded and whose scan request is returned (not run).
    static func loaded(_ path: String = demoCase, size: Size = size, theme: String = "default-dark",
                       launch: LaunchOptions = LaunchOptions()) throws -> (AppModel, Case, ScanRequest) {
        var model = AppModel(casePath: path, size: size, catalog: themes, themeName: theme, launch: launch)
        // A known creator, whatever the runner's $USER: never asks, never writes the user's config.
        model.tools.environment = ["EXHIBIT_USER": "test-counsel"]
        let kase = try CaseLoader.load(path: path)
        let effects = model.update(.message(.loaded(kase, annotations: try CaseAnnotations.load(kase), problem: nil)))
        guard case .scan(let request)? = effects.first else { throw FixtureError.noScan }
        return (model, kase, request)
    }

    /// Runs `request` on `kase` synchronously, collecting what it streams.
    static func run(_ kase: Case, _ request: ScanRequest) throws -> Run {
        let events = Mutex<[ScanStreamEvent]>([])
        let result = try Scanner.scan(kase, options: request.options, stream: { e in events.withLock { $0.append(e) } })
        // Worker threads deliver outputs in any order; sort for repeatable tests.
        let stream = events.withLock { $0 }.sorted { a, b in order(a) < order(b) }
        return Run(kase: kase, request: request, stream: stream, result: result)
    }

    private static func order(_ e: ScanStreamEvent) -> Int {
        if case .output(let i, _, _) = e { return i + 1 }
        return 0
    }

    /// A model of `path` with its scan finished (first pair at 0.4 s, done at 0.5 s: fixed for snapshots).
    static func scanned(_ path: String = demoCase, size: Size = size, theme: String = "default-dark") throws -> AppModel {
        var (model, kase, request) = try loaded(path, size: size, theme: theme)
        let run = try run(kase, request)
        if let first = run.stream.first(where: { if case .output = $0 { true } else { false } }) {
            _ = model.update(.message(.stream(generation: request.generation, first, seconds: 0.4)))
        }
        _ = model.update(.message(.finished(generation: request.generation, run.result, seconds: 0.5)))
        model.settle()
        return model
    }

    enum FixtureError: Error { case noScan }
}

extension AppModel {
    /// Presses `keys` in order; returns every effect. Annotation writes are performed
    /// at once, as the shell does off the UI thread, and replaced by the effects of
    /// their answer (a re-scan when the `exclude` spans changed).
    @discardableResult
    mutating func press(_ keys: Key...) -> [AppEffect] {
        var all: [AppEffect] = []
        for k in keys { all += performingWrites(update(.key(k))) }
        return all
    }

    /// Types `text` one character at a time.
    @discardableResult
    mutating func type(_ text: String) -> [AppEffect] {
        var all: [AppEffect] = []
        for c in text { all += performingWrites(update(.key(.character(c)))) }
        return all
    }

    /// The test shell for annotation writes: each ``AppEffect/writeAnnotation(_:)`` is
    /// performed synchronously and answered with its message.
    mutating func performingWrites(_ effects: [AppEffect]) -> [AppEffect] {
        var out: [AppEffect] = []
        for effect in effects {
            if case .reloadAnnotations(let text, let error) = effect, let (kase, store, previous) = annotationWriteInputs {
                let reload = AnnotationWorker.reread(case: kase, store: store, previous: previous, notice: text, error: error)
                out += performingWrites(update(.message(.annotationsReloaded(reload))))
                continue
            }
            guard case .writeAnnotation(let write) = effect, let (kase, store, previous) = annotationWriteInputs else {
                out.append(effect)
                continue
            }
            let outcome = AnnotationWorker.perform(write, case: kase, store: store, previous: previous)
            out += performingWrites(update(.message(.annotationWritten(outcome))))
        }
        return out
    }
}

/// Reading a rendered screen in tests.
enum ScreenReading {
    /// Rows of the text snapshot (untrimmed, one string per row).
    static func rows(_ screen: Screen) -> [String] {
        screen.textSnapshot(trimTrailing: false).components(separatedBy: "\n")
    }

    /// Cell positions of every occurrence of `text` (ASCII) within columns
    /// `cols` of each row: (row, first column).
    static func find(_ text: String, in screen: Screen, cols: Range<Int>? = nil) -> [(row: Int, col: Int)] {
        var hits: [(Int, Int)] = []
        let chars = Array(text)
        let range = cols ?? 0..<screen.cols
        for r in 0..<screen.rows {
            var c = range.lowerBound
            while c + chars.count <= range.upperBound {
                if (0..<chars.count).allSatisfy({ screen[r, c + $0].text == String(chars[$0]) }) {
                    hits.append((r, c))
                    c += chars.count
                } else {
                    c += 1
                }
            }
        }
        return hits
    }

    /// Roles of the cells of `text` at `at`.
    static func roles(_ screen: Screen, at: (row: Int, col: Int), count: Int) -> [Roles] {
        (0..<count).map { screen[at.row, at.col + $0].style.roles }
    }

    /// Runs of equally *resolved* cells under `theme` (colors and attributes
    /// as the terminal gets them), one per line, default-looking runs left out.
    static func resolvedSnapshot(_ screen: Screen, theme: Theme, mode: ColorMode = .indexed256) -> String {
        var out: [String] = []
        let plain = theme.resolve(.plain, mode: mode)
        for r in 0..<screen.rows {
            var c = 0
            while c < screen.cols {
                let look = theme.resolve(screen[r, c].style, mode: mode)
                var end = c + 1
                while end < screen.cols && theme.resolve(screen[r, end].style, mode: mode) == look { end += 1 }
                if look != plain { out.append("\(r):\(c)..<\(end) \(describe(look))") }
                c = end
            }
        }
        return out.joined(separator: "\n")
    }

    static func describe(_ s: ResolvedStyle) -> String {
        func color(_ c: Color) -> String {
            switch c {
            case .terminalDefault: return "default"
            case .indexed(let i): return String(i)
            }
        }
        var parts = ["fg \(color(s.foreground))", "bg \(color(s.background))"]
        if !s.attributes.isEmpty { parts.append(s.attributes.description) }
        return parts.joined(separator: " ")
    }
}
