import Foundation
import ExhibitUI
import ExhibitTerminal

enum DemoApp {
    static func run(arguments: [String]) -> Int32 {
        var themeName = Theme.builtinDefault.name
        var themesDir: String? = ProcessInfo.processInfo.environment["EXHIBIT_THEMES"]
        var crashKey = false
        var args = arguments[...]
        while let arg = args.popFirst() {
            switch arg {
            case "--theme": themeName = args.popFirst() ?? themeName
            case "--themes": themesDir = args.popFirst()
            case "--crash-key": crashKey = true // lets the e2e test check crash restore
            default:
                FileHandle.standardError.write(Data("exhibit-tui-demo: unknown argument \(arg)\n".utf8))
                return 2
            }
        }
        guard Terminal.standardOutputIsTerminal else {
            FileHandle.standardError.write(Data("exhibit-tui-demo: standard output is not a terminal\n".utf8))
            return 2
        }
        let catalog = ThemeCatalog.load(directory: themesDir ?? findThemes() ?? "Themes")

        let terminal: Terminal
        do {
            terminal = try Terminal()
        } catch {
            FileHandle.standardError.write(Data("exhibit-tui-demo: \(error)\n".utf8))
            return 2
        }
        var model = DemoModel(catalog: catalog, themeName: themeName, size: terminal.size, crashKey: crashKey)
        terminal.theme = model.theme

        let mailbox = terminal.makeMailbox(of: DemoMessage.self)
        let engine = FakeEngine()
        engine.start(mailbox: mailbox)

        var status: Int32 = 0
        terminal.run(mailbox: mailbox, handle: { event in
            if case .terminate(let signal) = event { status = 128 + signal }
            let action = model.update(event)
            if terminal.theme != model.theme { terminal.theme = model.theme }
            return action
        }, render: { model.render() })

        engine.stop()
        terminal.shutdown()
        return status
    }

    /// `Themes/` next to the package: searched upward from the executable
    /// (`.build/debug/exhibit-tui-demo`) and from the working directory.
    static func findThemes() -> String? {
        let fm = FileManager.default
        var starts = [fm.currentDirectoryPath]
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append((exe as NSString).deletingLastPathComponent)
        }
        for start in starts {
            var dir = start
            for _ in 0..<6 {
                let candidate = dir + "/Themes"
                if fm.fileExists(atPath: candidate + "/default-dark.toml") { return candidate }
                dir = (dir as NSString).deletingLastPathComponent
                if dir == "/" || dir.isEmpty { break }
            }
        }
        return nil
    }
}
