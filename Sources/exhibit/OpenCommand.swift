import ArgumentParser
import ExhibitApp
import ExhibitClient
import ExhibitCore
import ExhibitTerminal
import ExhibitUI
import Foundation

/// `exhibit open` (the default: `exhibit CASE`): the review screen.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the review screen on a case (the default command: exhibit CASE).",
        discussion: """
            The screen opens at once; the case loads and the engine scans it in the background \
            while keys are answered. Needs a terminal on standard input and output; for a \
            report without one, use exhibit scan CASE. Themes: Themes/*.toml (or $EXHIBIT_THEMES); \
            NO_COLOR shows attributes only.
            """)

    @Argument(help: "The case folder (works/, outputs/, case.toml).")
    var casePath: String

    @Option(help: "Color theme: default-dark, light, high-contrast, monochrome, color-blind.")
    var theme: String = Theme.builtinDefault.name

    @Option(name: .customLong("min-words"), parsing: .unconditional, help: "Shortest seed, in words, 1–1000 (default: case.toml, else 6).")
    var minWords: Int?

    @Option(name: .customLong("max-gap"), parsing: .unconditional, help: "Widest gap bridged inside a passage, in words a side, 0–1000 (default 2).")
    var maxGap: Int?

    @Option(name: .customLong("min-identity"), parsing: .unconditional, help: "Lowest passage identity, 0–1 (default 0.8).")
    var minIdentity: Double?

    @Option(name: .customLong("x-drop"), parsing: .unconditional, help: "Extension of passages beyond their seeds: how far the alignment score may fall below its best, 0 = off (default 4).")
    var xDrop: Int?

    @Option(name: .customLong("where"), help: "Keep outputs whose metadata KEY has VALUE (repeatable).")
    var filters: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Review with a team on this exhibit serve server (e.g. http://127.0.0.1:8080): everyone's annotations and statuses, yours sent there.")
    var server: String?

    @Option(name: .customLong("token-file"), help: "With --server: the file holding your token.")
    var tokenFile: String?

    func validate() throws {
        if (server == nil) != (tokenFile == nil) { throw ValidationError("--server and --token-file go together") }
        try validateMatchFlags(minWords: minWords, maxGap: maxGap, minIdentity: minIdentity, xDrop: xDrop)
        for f in filters where MetadataFilter(f) == nil { throw ValidationError("--where needs KEY=VALUE, got '\(f)'") }
    }

    func run() throws {
        // A case that cannot be opened is said on stderr before the screen is taken over.
        do {
            try CaseLoader.checkOpenable(path: casePath)
        } catch {
            Stderr.write("exhibit: cannot open case \(error)")
            throw ExitCode.failure
        }
        guard isatty(0) == 1, isatty(1) == 1 else {
            Stderr.write("exhibit: the review screen needs a terminal; for a report, run: exhibit scan \(casePath)")
            throw ExitCode(2)
        }
        let catalog = ThemeCatalog.load(directory: ThemeLocator.directory() ?? "Themes")
        let terminal: Terminal
        do {
            terminal = try Terminal()
        } catch {
            Stderr.write("exhibit: \(error)")
            if case .noCursorAddressing = error {
                Stderr.write("exhibit: without the review screen: exhibit scan \(casePath) (figures and passages),"
                             + " exhibit export \(casePath) --help (excerpts to files)")
            }
            throw ExitCode(2)
        }
        var launch = LaunchOptions(minWords: minWords, maxGap: maxGap, minIdentity: minIdentity,
                                   filters: filters.compactMap(MetadataFilter.init))
        launch.xDrop = xDrop
        var model = AppModel(casePath: casePath, size: terminal.size, catalog: catalog, themeName: theme, launch: launch)
        terminal.theme = model.theme

        let mailbox = terminal.makeMailbox(of: AppMessage.self)
        var follower: ServerFollower?
        if let server, let tokenFile {
            do {
                let store = try ServerFollower.store(casePath: casePath, server: server, tokenFile: tokenFile)
                model.useAnnotationStore(store)
                follower = ServerFollower(store: store) { mailbox.post($0) }
            } catch {
                terminal.shutdown()
                Stderr.write("exhibit: \(error)")
                throw ExitCode.failure
            }
        }
        defer { follower?.stop() }
        let engine = ScanEngine(store: StoreSettings(directory: storeOptions.directory, rescan: storeOptions.rescan)) {
            mailbox.post($0)
        }
        engine.load(path: casePath)

        var status: Int32 = 0
        terminal.run(mailbox: mailbox, handle: { event in
            if case .terminate(let signal) = event { status = 128 + signal }
            // Slow work on this thread (a long document's re-wrap) first says so on screen.
            if let busy = model.busyNotice(for: event) { terminal.present(model.render(busy: busy)) }
            let effects = model.update(event)
            if terminal.theme != model.theme { terminal.theme = model.theme }
            for effect in effects {
                switch effect {
                case .quit: return .quit
                case .scan(let request): if let kase = model.kase { engine.scan(kase, request) }
                case .export(let job):
                    if let (kase, result) = model.exportInputs {
                        ExportWorker.start(job, case: kase, result: result) { mailbox.post($0) }
                    }
                case .writeAnnotation(let write):
                    if let (kase, store, previous) = model.annotationWriteInputs {
                        AnnotationWorker.start(write, case: kase, store: store, previous: previous) { mailbox.post($0) }
                    }
                case .reloadAnnotations(let text, let error):
                    if let (kase, store, previous) = model.annotationWriteInputs {
                        AnnotationWorker.reload(case: kase, store: store, previous: previous, notice: text, error: error) {
                            mailbox.post($0)
                        }
                    }
                case .reviewStatus(let change):
                    if let kase = model.kase {
                        ServerFollower.save(change, case: kase, store: model.reviewStore) { mailbox.post($0) }
                    }
                }
            }
            return .continue
        }, render: {
            model.settle()
            return model.render()
        })
        engine.stop()
        terminal.shutdown()
        if status != 0 { throw ExitCode(status) }
    }
}

/// Finds `Themes/`: `$EXHIBIT_THEMES`, else the nearest `Themes` folder holding
/// `default-dark.toml` above the executable (`.build/debug/exhibit`) or the
/// working directory.
enum ThemeLocator {
    static func directory() -> String? {
        if let dir = ProcessInfo.processInfo.environment["EXHIBIT_THEMES"] { return dir }
        let fm = FileManager.default
        var starts = [fm.currentDirectoryPath]
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append((exe as NSString).deletingLastPathComponent)
        }
        for start in starts {
            var dir = start
            for _ in 0..<6 {
                if fm.fileExists(atPath: dir + "/Themes/default-dark.toml") { return dir + "/Themes" }
                dir = (dir as NSString).deletingLastPathComponent
                if dir == "/" || dir.isEmpty { break }
            }
        }
        return nil
    }
}
