import Foundation

extension RandomAccessCollection where Index == Int, Element: Sendable, Self: Sendable {
    /// `map` run on all cores (`parallelMap`). The result has the same order as `self`, so
    /// it is as deterministic as `transform` is; only the wall-clock order of calls varies.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let first = startIndex
        // A few chunks per core balance uneven items without paying for a hand-out per item.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return parallelMap(count, threads: cores, chunk: Swift.max(1, count / (4 * Swift.max(1, cores)))) { transform(self[first + $0]) }
    }
}
