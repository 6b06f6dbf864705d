import Foundation

extension RandomAccessCollection where Index == Int, Element: Sendable, Self: Sendable {
    /// `map` run on all cores (through the engine's `parallelMap`). The result has the
    /// same order as `self`, so it is as deterministic as `transform` is.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let threads = ProcessInfo.processInfo.activeProcessorCount
        let first = startIndex
        return parallelMap(count, threads: threads) { transform(self[first + $0]) }
    }
}
