// What one key costs the review screen's UI thread on a large case: `update` (with the
// rows' `settle`) plus `render` into the cell screen, per key, median and max over
// repeats. A tool, not a product, and not a test: timing goals live here.
//
//   swift build -c release --product exhibit-screenbench
//   .build/release/exhibit-screenbench CASE [--store DIR] [--repeats N] [--statuses N] [--screens FILE]
//
// `--screens FILE` writes the screen after each key of the first round (text, then the
// roles of its cells) to FILE, so two builds can be compared: a faster screen must draw
// the same cells.
//
// The scan result comes from the results store (`StoredScanner`, as the screen gets
// it; the first run scans and writes the store). `--statuses N` first sets a review
// status on N passages of evidence spread over the pairs, and a `follow-up`
// annotation on one in ten of them (in memory, never in the case folder), so the `R`
// list, the `A` list and the pairs' review marks have something to show.
import Foundation
import ExhibitApp
import ExhibitCore
import ExhibitUI

struct Options {
    var casePath = ""
    var store: String?
    var repeats = 5
    var statuses = 2000
    var rows = 50
    var cols = 160
    /// Steps whose label starts with one of these are left out.
    var skip: [String] = []
    /// Where the screens of the first round are written, if anywhere.
    var screens: String?

    init(_ args: [String]) {
        var i = 0
        func value() -> String {
            i += 1
            guard i < args.count else { fail("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--store": store = value()
            case "--repeats": repeats = Int(value()) ?? repeats
            case "--statuses": statuses = Int(value()) ?? statuses
            case "--rows": rows = Int(value()) ?? rows
            case "--cols": cols = Int(value()) ?? cols
            case "--skip": skip.append(value())
            case "--screens": screens = value()
            case let a where a.hasPrefix("-"): fail("unknown option \(a)")
            default: casePath = args[i]
            }
            i += 1
        }
        if casePath.isEmpty {
            fail("usage: exhibit-screenbench CASE [--store DIR] [--repeats N] [--statuses N] [--rows R] [--cols C] [--skip LABEL]... [--screens FILE]")
        }
    }
}

func fail(_ why: String) -> Never {
    FileHandle.standardError.write(Data(("exhibit-screenbench: " + why + "\n").utf8))
    exit(2)
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = start.duration(to: .now)
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

let options = Options(Array(CommandLine.arguments.dropFirst()))
let size = Size(rows: options.rows, cols: options.cols)
let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Themes").path
let catalog = ThemeCatalog.load(directory: themes)

var clock = ContinuousClock.now
let kase: Case
do { kase = try CaseLoader.load(path: options.casePath) } catch { fail("cannot open case: \(error)") }
log(String(format: "case loaded in %.2f s (%d works, %d outputs)", seconds(since: clock), kase.works.count, kase.outputs.count))

// The scan the screen would ask for, through the results store.
var probe = AppModel(casePath: options.casePath, size: size, catalog: catalog, themeName: "default-dark")
guard case .scan(let request)? = probe.update(.message(.loaded(kase, annotations: nil, problem: nil))).first else {
    fail("the screen asked for no scan")
}
clock = .now
let result: ScanResult
do {
    result = try StoredScanner.result(case: kase, options: request.options, settings: StoreSettings(directory: options.store),
                                      notice: { log("store: \($0.text)") })
} catch { fail("scan failed: \(error)") }
log(String(format: "scan result in %.2f s (%d pairs)", seconds(since: clock), result.pairs.count))

// Review statuses and annotations, in memory.
clock = .now
let store = InMemoryAnnotationStore()
if options.statuses > 0 {
    let evidence = result.pairs.filter { p in p.passages.contains { $0.cause == nil } }
    let step = max(1, evidence.count / options.statuses)
    let kinds: [ReviewStatus] = [.reviewed, .reviewed, .flagged, .disputed]
    var n = 0
    for p in stride(from: 0, to: evidence.count, by: step).map({ evidence[$0] }) where n < options.statuses {
        guard let passage = p.passages.first(where: { $0.cause == nil }) else { continue }
        // The records `AnnotationEditing.setStatus` and `.annotate` would append, made
        // here with the output at hand (they look it up among all the case's documents).
        let doc = kase.outputs[result.outputs[p.output].document]
        let text = ScalarText(doc.text)
        do {
            try store.append(Annotation.make(source: doc.source, text: text, range: passage.outputScalars,
                                             body: AnnotationBody(tag: ReviewStatus.tag, status: kinds[n % kinds.count]),
                                             creator: "bench-counsel"))
            if n % 10 == 0 {
                try store.append(Annotation.make(source: doc.source, text: text, range: passage.outputScalars,
                                                 body: AnnotationBody(tag: "follow-up", note: "bench note \(n)"),
                                                 creator: "bench-counsel"))
            }
        } catch { fail("cannot seed a review status: \(error)") }
        n += 1
    }
}
let annotations: CaseAnnotations
do { annotations = try CaseAnnotations.load(kase, store: store) } catch { fail("annotations: \(error)") }
log(String(format: "%d review statuses, %d annotations in %.2f s", annotations.reviewStatuses.count,
           annotations.current.count, seconds(since: clock)))

// The screen as the shell builds it: loaded, then the scan's answer.
var base = AppModel(casePath: options.casePath, size: size, catalog: catalog, themeName: "default-dark")
base.useAnnotationStore(store)
clock = .now
_ = base.update(.message(.loaded(kase, annotations: annotations, problem: nil)))
_ = base.update(.message(.finished(generation: request.generation, result, seconds: 1)))
base.settle()
let firstScreen = base.render()
log(String(format: "first screen with figures: %.1f ms (update + settle + render)", seconds(since: clock) * 1000))

/// One step of the script: a label and its keys, each timed alone.
struct Step {
    var label: String
    var keys: [Key]
    /// Keys pressed before, untimed (to reach the state the step measures).
    var setup: [Key] = []
}

func chars(_ s: String) -> [Key] { s.map { Key.character($0) } }

let modelCount = Set(result.outputs.map { $0.model ?? "unknown" }).count
let fullScript: [Step] = [
    Step(label: "works: j", keys: Array(repeating: .character("j"), count: 10)),
    Step(label: "works: PgDn", keys: [.pageDown, .pageDown]),
    Step(label: "works: G", keys: [.character("G")]),
    Step(label: "works: g", keys: [.character("g")]),
    Step(label: "works: s (each sort)", keys: Array(repeating: .character("s"), count: 4)),
    Step(label: "Tab (focus pairs)", keys: [.tab]),
    Step(label: "pairs: j", keys: Array(repeating: .character("j"), count: 10)),
    Step(label: "pairs: PgDn", keys: [.pageDown, .pageDown, .pageDown]),
    Step(label: "pairs: G", keys: [.character("G")]),
    Step(label: "pairs: g", keys: [.character("g")]),
    Step(label: "pairs: s (each sort)", keys: Array(repeating: .character("s"), count: 5)),
    Step(label: "M (model filter, each)", keys: Array(repeating: .character("M"), count: modelCount + 1)),
    Step(label: "pairs: j (model filter)", keys: Array(repeating: .character("j"), count: 5), setup: [.character("M")]),
    Step(label: "f (flagged/unreviewed/off)", keys: Array(repeating: .character("f"), count: 3), setup: [.escape]),
    Step(label: "/ (open search line)", keys: [.character("/")]),
    Step(label: "/ typed letter by letter", keys: chars("out-00042")),
    Step(label: "/ Backspace", keys: [.backspace, .backspace, .backspace]),
    Step(label: "/ Enter", keys: [.enter]),
    Step(label: "pairs: j (text filter)", keys: Array(repeating: .character("j"), count: 3)),
    Step(label: "Esc (clear filters)", keys: [.escape]),
    Step(label: "Enter (open pair)", keys: [.enter]),
    Step(label: "Esc (pair → overview)", keys: [.escape]),
    Step(label: "Enter (open reconstruction)", keys: [.enter], setup: [.tab]),
    Step(label: "Esc (reconstruction → overview)", keys: [.escape]),
    Step(label: "W (works × models)", keys: [.character("W")]),
    Step(label: "W: j", keys: Array(repeating: .character("j"), count: 5)),
    Step(label: "W: PgDn", keys: [.pageDown, .pageDown]),
    Step(label: "W: G", keys: [.character("G")]),
    Step(label: "W: s (each sort)", keys: Array(repeating: .character("s"), count: 4)),
    Step(label: "W: Esc", keys: [.escape]),
    Step(label: "R (review list, all pairs)", keys: [.character("R")]),
    Step(label: "R: j", keys: Array(repeating: .character("j"), count: 5)),
    Step(label: "R: PgDn", keys: [.pageDown, .pageDown]),
    Step(label: "R: G", keys: [.character("G")]),
    Step(label: "R: U (unreviewed only)", keys: [.character("U"), .character("U")]),
    Step(label: "R: Esc", keys: [.escape]),
    Step(label: "A (annotations list)", keys: [.character("A")]),
    Step(label: "A: j", keys: Array(repeating: .character("j"), count: 5)),
    Step(label: "A: G", keys: [.character("G")]),
    Step(label: "A: T (tag filter)", keys: [.character("T"), .character("T")]),
    Step(label: "A: Esc", keys: [.escape]),
    Step(label: "? help", keys: [.character("?"), .escape]),
]

let script = fullScript.filter { step in !options.skip.contains { step.label.hasPrefix($0) } }
var timings: [String: [Double]] = [:]
var screens = "# first screen\n\(firstScreen.textSnapshot())\n# roles\n\(firstScreen.styleSnapshot())\n"
for round in 1...options.repeats {
    var model = base
    for step in script {
        for k in step.setup {
            _ = model.update(.key(k))
            model.settle()
            _ = model.render()
        }
        for k in step.keys {
            let start = ContinuousClock.now
            _ = model.update(.key(k))
            model.settle()
            let screen = model.render()
            let ms = seconds(since: start) * 1000
            withExtendedLifetime(screen) {}
            timings[step.label, default: []].append(ms)
            if round == 1 && options.screens != nil {
                screens += "# \(step.label): \(k)\n\(screen.textSnapshot())\n# roles\n\(screen.styleSnapshot())\n"
            }
        }
        if let xs = timings[step.label], round == 1 {
            log(String(format: "  %@: max %.1f ms", step.label, xs.max() ?? 0))
        }
    }
    log("round \(round) done")
    if round == 1, let path = options.screens {
        do { try screens.write(toFile: path, atomically: true, encoding: .utf8) } catch { fail("cannot write \(path): \(error)") }
        screens = ""
    }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

print("case \(options.casePath): \(result.pairs.count) pairs, \(kase.works.count) works, \(result.outputs.count) outputs; "
      + "screen \(options.rows)×\(options.cols); \(options.repeats) rounds; "
      + "\(annotations.reviewStatuses.count) review statuses, \(annotations.current.count) annotations")
print("| key (update + render) | n | median ms | max ms |")
print("| --- | ---: | ---: | ---: |")
var over = 0
for step in script {
    let xs = timings[step.label] ?? []
    guard !xs.isEmpty else { continue }
    let mx = xs.max()!
    if mx >= 50 { over += 1 }
    print(String(format: "| %@ | %d | %.1f | %.1f |%@", step.label, xs.count, median(xs), mx, mx >= 50 ? " over 50 ms" : ""))
}
print(over == 0 ? "every key under 50 ms" : "\(over) keys over 50 ms")
