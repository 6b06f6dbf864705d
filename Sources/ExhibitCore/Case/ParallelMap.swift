import Dispatch
import Foundation

/// Wraps a value that is handed to concurrent workers under a discipline the
/// compiler cannot check (each worker writes disjoint slots).
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

extension RandomAccessCollection where Index == Int, Element: Sendable, Self: Sendable {
    /// `map` run on all cores. The result has the same order as `self`, so it is as
    /// deterministic as `transform` is; only the wall-clock order of calls varies.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let n = count
        // A few chunks per core balance uneven items without paying a dispatch per item.
        let chunks = Swift.min(n, 4 * Swift.max(1, loadingParallelism))
        if chunks <= 1 { return map(transform) }
        let first = startIndex
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            let base = UncheckedSendable(value: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let lo = chunk * n / chunks
                let hi = (chunk + 1) * n / chunks
                for i in lo..<hi {
                    (base.value + i).initialize(to: transform(self[first + i]))
                }
            }
            initialized = n
        }
    }
}

/// Workers used for loading: the active processor count.
private let loadingParallelism = ProcessInfo.processInfo.activeProcessorCount
