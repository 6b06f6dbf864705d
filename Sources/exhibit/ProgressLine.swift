import ExhibitCore
import Foundation
import Synchronization

/// Writes to standard error.
enum Stderr {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
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
