import ExhibitCore
import Foundation
import Synchronization

/// Writes to standard error.
enum Stderr {
    /// Writes one line; case text in it (file names, ids, values) is data, so control
    /// characters and escape sequences are made visible (`␛`), never sent raw.
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((VisibleText.escaped(line, keepLayout: true) + "\n").utf8))
    }
}

/// A one-line progress display on standard error, redrawn in place; only used when
/// standard error is a terminal. Updates come from worker threads, so drawing is
/// serialized and throttled to ten a second.
final class ProgressLine: Sendable {
    private let last = Mutex<Double>(0)

    static func forStandardError() -> ProgressLine? {
        isatty(2) == 1 ? ProgressLine() : nil
    }

    func show(_ p: ScanProgress) {
        let now = Date().timeIntervalSince1970
        last.withLock { t in
            guard now - t >= 0.1 || p.phase == .done else { return }
            t = now
            let text: String
            switch p.phase {
            case .tokenizing: text = "reading \(p.documentsTokenized)/\(p.documentsTotal) documents"
            case .indexing: text = "indexing works"
            case .matching: text = "matching \(p.outputsMatched)/\(p.outputsTotal) outputs, \(p.pairsFound) pairs"
            case .pooling, .done: text = "pooling figures"
            }
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
        }
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// Wall-clock time per phase, printed to stderr when `EXHIBIT_TIMING` is set: what the
/// benchmark notes report. Never changes results.
final class PhaseTiming: Sendable {
    private struct State {
        var last: Double
        var phase: ScanProgress.Phase?
        var rows: [(String, Double)] = []
    }
    private let state: Mutex<State>

    private init() { state = Mutex(State(last: Date().timeIntervalSince1970)) }

    static func fromEnvironment() -> PhaseTiming? {
        ProcessInfo.processInfo.environment["EXHIBIT_TIMING"] == nil ? nil : PhaseTiming()
    }

    /// Closes the current span under `name`.
    func mark(_ name: String) {
        let now = Date().timeIntervalSince1970
        state.withLock { s in
            s.rows.append((name, now - s.last))
            s.last = now
        }
    }

    /// Closes the previous scan phase when a new one starts.
    func phase(_ p: ScanProgress.Phase) {
        let now = Date().timeIntervalSince1970
        state.withLock { s in
            guard s.phase != p else { return }
            // Before the first phase: reading the store (and its sidecar) for the scan.
            s.rows.append((s.phase?.rawValue ?? "store lookup", now - s.last))
            s.last = now
            s.phase = p
        }
    }

    func report() {
        let rows = state.withLock { $0.rows }
        for (name, t) in rows { Stderr.write(String(format: "timing %-12@ %.3f s", name as NSString, t)) }
    }
}
