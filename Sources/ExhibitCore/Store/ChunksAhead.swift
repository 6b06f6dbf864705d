import Dispatch
import Synchronization

/// Items made on all cores a chunk ahead of the one thread that consumes them: while
/// the caller works through chunk n (the store's rows, inserted one at a time into
/// SQLite), chunk n + 1 is being made (their records encoded). The store's writer no
/// longer encodes every record on its own thread, and never holds more than two
/// chunks of them.
enum ChunksAhead {
    /// Calls `body` with each range of `chunk` indices of `0..<count`, in order, and
    /// `make(i)` for each index `i` of it, in the same order; `make` runs on `threads`
    /// threads off the caller's.
    /// - Throws: what `body` throws; the chunk being made then finishes unused.
    static func forEach<T: Sendable>(count: Int, chunk: Int, threads: Int,
                                     make: @escaping @Sendable (Int) -> T,
                                     _ body: (Range<Int>, [T]) throws -> Void) throws {
        guard count > 0 else { return }
        let chunk = max(1, chunk)
        func start(_ range: Range<Int>) -> Pending<T> {
            let pending = Pending<T>()
            DispatchQueue.global().async {
                let items = parallelMap(range.count, threads: threads, chunk: 16) { make(range.lowerBound + $0) }
                pending.items.withLock { $0 = items }
                pending.done.signal()
            }
            return pending
        }
        var range = 0..<min(chunk, count)
        var pending = start(range)
        while true {
            pending.done.wait()
            let items = pending.items.withLock { items in
                defer { items = [] }
                return items
            }
            let next = range.upperBound..<min(range.upperBound + chunk, count)
            if !next.isEmpty { pending = start(next) }
            try body(range, items)
            if next.isEmpty { return }
            range = next
        }
    }

    /// One chunk's items, handed from the thread that made them to the caller.
    private final class Pending<T: Sendable>: Sendable {
        let items = Mutex<[T]>([])
        let done = DispatchSemaphore(value: 0)
    }
}
