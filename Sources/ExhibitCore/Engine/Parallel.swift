import Dispatch
import Synchronization

/// `(0..<count).map(body)` on `threads` threads. Results are in index order, so the
/// output never depends on scheduling. Work is handed out in chunks of `chunk`
/// indices from a shared counter, which balances documents of very unequal length.
func parallelMap<T: Sendable>(_ count: Int, threads: Int, chunk: Int = 1,
                              _ body: @Sendable (Int) -> T) -> [T] {
    if threads <= 1 || count <= 1 { return (0..<count).map(body) }
    let next = Atomic<Int>(0)
    let collected = Mutex<[(Int, T)]>([])
    DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
        var local = [(Int, T)]()
        while true {
            let start = next.add(chunk, ordering: .relaxed).oldValue
            if start >= count { break }
            for i in start..<min(start + chunk, count) { local.append((i, body(i))) }
        }
        collected.withLock { $0.append(contentsOf: local) }
    }
    return collected.withLock { pairs in
        pairs.sort { $0.0 < $1.0 }
        return pairs.map(\.1)
    }
}
