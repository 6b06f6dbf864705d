/// Why the terminal could not be started.
public enum TerminalError: Error, Sendable, CustomStringConvertible {
    /// Standard output is not a terminal (piped or redirected).
    case notATerminal
    /// ncurses does not know the terminal type (`TERM`).
    case unknownTerminal(String)
    /// The terminal cannot move the cursor (no `cup` capability, e.g.
    /// `TERM=dumb`), so a full-screen view would be garbage.
    case noCursorAddressing(String)
    /// No UTF-8 locale could be set, so wide characters would show as blanks.
    case noUTF8Locale(String)
    /// A system call failed.
    case system(String)

    /// One line for the user, without a program-name prefix.
    public var description: String {
        switch self {
        case .notATerminal:
            return "standard output is not a terminal"
        case .unknownTerminal(let term):
            return "unknown terminal type TERM=\(term.isEmpty ? "(unset)" : term); try TERM=xterm-256color"
        case .noCursorAddressing(let term):
            return "the review screen needs a terminal that can move the cursor; TERM=\(term.isEmpty ? "(unset)" : term) cannot"
        case .noUTF8Locale(let codeset):
            return "no UTF-8 locale available (codeset \(codeset)); set LANG=C.UTF-8"
        case .system(let message):
            return message
        }
    }
}
