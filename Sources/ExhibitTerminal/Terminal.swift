import ExhibitUI
internal import CNcursesw
internal import CTermGuard
#if canImport(Glibc)
internal import Glibc
#endif

/// The one object that talks to ncurses. Not `Sendable` on purpose: ncurses
/// is not thread-safe, so the terminal lives on the thread that made it;
/// other threads reach the UI only through a ``Mailbox`` or ``Waker``.
///
/// The terminal is restored by ``shutdown()`` (also run by `deinit`) after
/// quit, Ctrl-C, SIGTERM or SIGHUP, and by a crash handler (`CTermGuard`)
/// after SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT or SIGFPE. While it runs,
/// standard error (when a terminal) is captured and replayed at shutdown or
/// crash, so stray messages neither garble the screen nor get lost.
public final class Terminal {
    /// Signals turned into ``Event/terminate(signal:)``.
    public static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// How many colors can be shown (after `NO_COLOR`).
    public private(set) var colorMode: ColorMode
    /// The theme used to turn cell styles into colors; changing it takes
    /// effect at the next ``present(_:)``.
    public var theme: Theme {
        didSet { resolved.removeAll() }
    }
    /// Value of `TERM` used, for the status line and error messages.
    public let termName: String

    private let screenPointer: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    private let inputFD: Int32
    private var ttyFile: UnsafeMutablePointer<FILE>?
    private let wakePipe: WakePipe
    private let signalPipe: WakePipe
    private var resolved: [CellStyle: (attrs: attr_t, pair: Int32)] = [:]
    private var pairs: [ResolvedColors: Int32] = [:]
    var isShutDown = false
    /// The terminal's file descriptor (standard output, or `/dev/tty`).
    private var ttyFD: Int32 = 1
    // Input state, read and written by TerminalInput.swift (so not private).
    /// The bracketed paste being read, between its start and end codes.
    var pasting: BracketedPaste?
    /// When the paste last had input (see ``pasteIdleLimit``).
    var pasteInputAt = ContinuousClock.now
    /// A paste's start code that may have been cut after its ESC or `ESC [`: when,
    /// and the bytes that would finish it.
    var startCodeCut: (at: ContinuousClock.Instant, rest: [UInt8])?
    /// The bytes of a character typed so far.
    var utf8 = UTF8Assembler()

    private struct ResolvedColors: Hashable {
        var fg: Int32
        var bg: Int32
    }

    /// Whether standard output is a terminal (when false, show a plain
    /// report instead of the TUI).
    public static var standardOutputIsTerminal: Bool { isatty(1) == 1 }

    /// Starts curses on the terminal.
    ///
    /// Sets the locale (falling back to `C.UTF-8` when the environment's is
    /// not UTF-8), opens `/dev/tty` when standard input is not a terminal,
    /// ignores SIGINT/SIGTERM/SIGHUP before `newterm` so ncurses does not
    /// install its own exit handlers and then routes them to the run loop,
    /// enables colors (`use_default_colors`, none when `NO_COLOR` is set and
    /// non-empty), the mouse (wheel and clicks, no click delay) and a 25 ms
    /// escape delay unless `ESCDELAY` is set.
    ///
    /// - Parameter theme: the initial theme.
    /// - Throws: ``TerminalError`` when standard output is not a terminal,
    ///   `TERM` is unknown or cannot move the cursor (`dumb`), no UTF-8
    ///   locale exists or a pipe cannot be made.
    public init(theme: Theme = .builtinDefault) throws(TerminalError) {
        self.theme = theme
        try Terminal.setUTF8Locale()
        guard isatty(1) == 1 else { throw TerminalError.notATerminal }

        let term = Terminal.environment("TERM") ?? ""
        termName = term
        wakePipe = try WakePipe()
        do {
            signalPipe = try WakePipe()
        } catch {
            wakePipe.close()
            throw error
        }

        // The crash guard saves the tty mode before curses changes it.
        var ttyFD: Int32 = 1
        var inFD: Int32 = 0
        let useStdio = isatty(0) == 1
        if !useStdio {
            let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
            guard fd >= 0 else {
                wakePipe.close()
                signalPipe.close()
                throw TerminalError.notATerminal
            }
            ttyFD = fd
            inFD = fd
        }
        inputFD = inFD
        _ = termguard_arm(ttyFD, Terminal.fallbackReset, Terminal.fallbackReset.utf8.count)

        // Signals the loop (or ncurses, or the crash guard) must receive,
        // whatever mask the parent process handed down.
        let needed = Terminal.terminationSignals + [SIGWINCH, SIGTSTP, SIGCONT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]
        _ = needed.withUnsafeBufferPointer { termguard_unblock_signals($0.baseAddress, Int32($0.count)) }
        Terminal.terminationSignals.withUnsafeBufferPointer {
            termguard_ignore_signals($0.baseAddress, Int32($0.count))
        }

        var file: UnsafeMutablePointer<FILE>? = nil
        let screen: OpaquePointer? = useStdio ? shim_newterm_stdio(nil) : shim_newterm_fd(nil, ttyFD, &file)
        guard let screen, let win = shim_stdscr() else {
            termguard_disarm()
            termguard_release_signals()
            if let file { fclose(file) } else if !useStdio { _ = close(ttyFD) }
            wakePipe.close()
            signalPipe.close()
            throw TerminalError.unknownTerminal(term)
        }
        // A terminal without cursor addressing (TERM=dumb) would show garbage.
        guard shim_tigetstr("cup") != nil else {
            endwin()
            delscreen(screen)
            termguard_restore_now()
            termguard_disarm()
            termguard_release_signals()
            if let file { fclose(file) } else if !useStdio { _ = close(ttyFD) }
            wakePipe.close()
            signalPipe.close()
            throw TerminalError.noCursorAddressing(term)
        }
        screenPointer = screen
        window = win
        ttyFile = file

        cbreak() // keeps ISIG: Ctrl-C is SIGINT, Ctrl-Z suspends via ncurses
        noecho()
        nonl()
        intrflush(win, false)
        keypad(win, true)
        nodelay(win, true) // the loop blocks in poll(), never in curses
        leaveok(win, true)
        curs_set(0)
        if Terminal.environment("ESCDELAY") == nil { set_escdelay(25) }

        // COLORS is only known after start_color(), which NO_COLOR skips.
        let noColor = Terminal.environment("NO_COLOR")
        var colors = 0
        if has_colors() && ColorMode.detect(terminalColors: 256, noColor: noColor) != .none {
            start_color()
            use_default_colors()
            colors = Int(shim_colors())
        }
        colorMode = ColorMode.detect(terminalColors: colors, noColor: noColor)

        // Bracketed paste (xterm mode 2004): the terminal wraps pasted text in
        // ESC [200~ … ESC [201~, which ncurses reports as two key codes of ours.
        define_key("\u{1B}[200~", Terminal.pasteStartCode)
        define_key("\u{1B}[201~", Terminal.pasteEndCode)
        Terminal.write(ttyFD, "\u{1B}[?2004h")
        self.ttyFD = ttyFD

        mousemask(SHIM_BUTTON1_PRESSED | SHIM_BUTTON1_RELEASED | SHIM_BUTTON3_PRESSED
                  | SHIM_BUTTON4_PRESSED | SHIM_BUTTON5_PRESSED, nil)
        mouseinterval(0)
        // The legacy (X10) mouse encoding puts a column in one byte and loses
        // clicks beyond column 223. Where terminfo's kmous is not already SGR
        // (tmux-256color says ESC [M), ask for SGR 1006 reports ourselves and
        // decode them (Terminal.sgrMouse); terminals without it ignore the mode.
        let kmous = shim_tigetstr("kmous").map { String(cString: $0) } ?? ""
        if kmous != "\u{1B}[<" {
            define_key("\u{1B}[<", Terminal.sgrMouseCode)
            Terminal.write(ttyFD, "\u{1B}[?1006h")
        }

        let reset = Terminal.terminfoReset()
        _ = termguard_set_reset(reset, reset.utf8.count)

        let signals = Terminal.terminationSignals
        _ = signals.withUnsafeBufferPointer {
            termguard_catch_signals(signalPipe.writeFD, $0.baseAddress, Int32($0.count))
        }
        _ = termguard_capture_stderr()
    }

    deinit {
        shutdown()
    }

    /// Current size in cells.
    public var size: Size {
        Size(rows: Int(getmaxy(window)), cols: Int(getmaxx(window)))
    }

    /// A waker for other threads (e.g. to request a redraw).
    public var waker: Waker { Waker(pipe: wakePipe) }

    /// A new mailbox whose posts wake this terminal's run loop.
    public func makeMailbox<Message: Sendable>(of type: Message.Type = Message.self) -> Mailbox<Message> {
        Mailbox(waker: waker)
    }

    /// Copies `screen` to the terminal: every cell through `setcchar` +
    /// `mvwadd_wch` (continuation cells skipped, ncurses fills them), then
    /// one `doupdate`, which sends only what changed. A screen of another
    /// size is drawn as far as both overlap.
    public func present(_ screen: Screen) {
        guard !isShutDown else { return }
        let rows = min(screen.rows, Int(getmaxy(window)))
        let cols = min(screen.cols, Int(getmaxx(window)))
        var chars = [wchar_t](repeating: 0, count: Int(SHIM_CCHARW_MAX) + 1)
        var cc = cchar_t()
        for r in 0..<rows {
            for c in 0..<cols {
                let cell = screen[r, c]
                if cell.isContinuation { continue }
                let look = lookup(cell.style)
                var n = 0
                for scalar in cell.text.unicodeScalars where n < Int(SHIM_CCHARW_MAX) {
                    chars[n] = wchar_t(bitPattern: scalar.value)
                    n += 1
                }
                if n == 0 {
                    chars[0] = 0x20
                    n = 1
                }
                chars[n] = 0
                var pair = look.pair
                withUnsafePointer(to: &pair) { p in
                    _ = setcchar(&cc, chars, look.attrs, 0, UnsafeRawPointer(p))
                }
                // The bottom-right cell reports ERR (the cursor cannot move
                // past it); the character is drawn all the same.
                _ = mvwadd_wch(window, Int32(r), Int32(c), &cc)
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Clears the physical screen on the next ``present(_:)`` (e.g. after a
    /// theme change, to avoid leftovers from a terminal's own rendering).
    public func redrawAll() {
        clearok(window, true)
    }

    /// Runs the UI loop until `handle` returns ``LoopAction/quit``.
    ///
    /// Presents `render()` once, then blocks in `poll()` on the tty, the
    /// wake pipe and the signal pipe. After each wake-up it gathers every
    /// pending event — terminate signals, mailbox messages, keys and mouse
    /// reports (ncurses' read-ahead drained until `ERR`), `KEY_RESIZE`, a due
    /// tick — hands them to `handle` in that order, and presents `render()`
    /// once. Idle CPU is zero without a tick.
    ///
    /// - Parameters:
    ///   - mailbox: messages from other threads, delivered as ``Event/message(_:)``.
    ///   - tickMilliseconds: if set, a ``Event/tick`` at this interval.
    public func run<Message: Sendable>(mailbox: Mailbox<Message>? = nil, tickMilliseconds: Int? = nil,
                                       handle: (Event<Message>) -> LoopAction, render: () -> Screen) {
        present(render())
        let clock = ContinuousClock()
        let interval = tickMilliseconds.map { Duration.milliseconds(max(1, $0)) }
        var nextTick = interval.map { clock.now + $0 }
        while !isShutDown {
            var timeout: Int32 = -1
            for deadline in [nextTick, pasting.map { _ in pasteInputAt + Terminal.pasteIdleLimit }] {
                guard let deadline else { continue }
                let left = clock.now.duration(to: deadline)
                let ms = Int32(clamping: max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
                timeout = timeout < 0 ? ms : min(timeout, ms)
            }
            var fds = [
                pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakePipe.readFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signalPipe.readFD, events: Int16(POLLIN), revents: 0),
            ]
            // EINTR (SIGWINCH, our signals) just means: look at everything.
            _ = poll(&fds, nfds_t(fds.count), timeout)

            var events: [Event<Message>] = []
            for byte in signalPipe.drain() {
                events.append(.terminate(signal: Int32(byte)))
            }
            _ = wakePipe.drain()
            if let mailbox {
                events.append(contentsOf: mailbox.drain().map { .message($0) })
            }
            events.append(contentsOf: readInput(Message.self))
            if let interval, let next = nextTick, clock.now >= next {
                events.append(.tick)
                var upcoming = next + interval
                while upcoming <= clock.now { upcoming += interval } // skip missed ticks
                nextTick = upcoming
            }
            for event in events where handle(event) == .quit {
                return
            }
            if !events.isEmpty { present(render()) }
        }
    }

    /// Leaves curses and puts the terminal back as it was: `endwin`, the saved
    /// tty mode, signal dispositions, crash handlers; closes the pipes (a
    /// ``Waker`` used later does nothing). Safe to call more than once.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        mousemask(0, nil)
        endwin()
        Terminal.write(ttyFD, "\u{1B}[?2004l\u{1B}[?1006l")
        termguard_restore_now()
        termguard_release_stderr()
        termguard_release_signals()
        termguard_disarm()
        delscreen(screenPointer)
        if let ttyFile {
            fclose(ttyFile)
            self.ttyFile = nil
        } else if inputFD != 0 {
            _ = close(inputFD)
        }
        wakePipe.close()
        signalPipe.close()
    }

    // MARK: - Styles

    private func lookup(_ style: CellStyle) -> (attrs: attr_t, pair: Int32) {
        if let hit = resolved[style] { return hit }
        let look = theme.resolve(style, mode: colorMode)
        var attrs = SHIM_A_NORMAL
        if look.attributes.contains(.bold) { attrs |= SHIM_A_BOLD }
        if look.attributes.contains(.italic) { attrs |= SHIM_A_ITALIC }
        if look.attributes.contains(.underline) { attrs |= SHIM_A_UNDERLINE }
        if look.attributes.contains(.dim) { attrs |= SHIM_A_DIM }
        if look.attributes.contains(.reverse) { attrs |= SHIM_A_REVERSE }
        var pair: Int32 = 0
        if colorMode != .none {
            let key = ResolvedColors(fg: Terminal.colorNumber(look.foreground), bg: Terminal.colorNumber(look.background))
            if key.fg == -1 && key.bg == -1 {
                pair = 0 // pair 0 is the terminal's default colors after use_default_colors
            } else if let cached = pairs[key] {
                pair = cached
            } else {
                let p = alloc_pair(key.fg, key.bg)
                pair = p < 0 ? 0 : p
                pairs[key] = pair
            }
        }
        let result = (attrs: attrs, pair: pair)
        resolved[style] = result
        return result
    }

    private static func colorNumber(_ color: Color) -> Int32 {
        switch color {
        case .terminalDefault: return -1
        case .indexed(let i): return Int32(i)
        }
    }

    // MARK: - Input decoding

    /// Writes `s` to the terminal directly (mode switches ncurses has no capability for).
    private static func write(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    // MARK: - Environment

    /// The value of an environment variable, or nil when unset.
    static func environment(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }

    private static func setUTF8Locale() throws(TerminalError) {
        setlocale(LC_ALL, "")
        if codeset() == "UTF-8" { return }
        // ncursesw draws wide characters as blanks without a UTF-8 LC_CTYPE.
        setlocale(LC_CTYPE, "C.UTF-8")
        let set = codeset()
        if set != "UTF-8" { throw TerminalError.noUTF8Locale(set) }
    }

    private static func codeset() -> String {
        guard let p = nl_langinfo(nl_item(CODESET)) else { return "" }
        return String(cString: p)
    }

    /// Used until terminfo is loaded: leave the alternate screen, reset
    /// attributes, show the cursor, stop mouse reports (xterm sequences).
    private static let fallbackReset = "\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    /// The crash-time reset string from terminfo, with xterm mouse-off
    /// sequences (ncurses does not expose its own).
    private static func terminfoReset() -> String {
        var s = "\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l"
        for cap in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let p = shim_tigetstr(cap) { s += String(cString: p) }
        }
        return s
    }
}
