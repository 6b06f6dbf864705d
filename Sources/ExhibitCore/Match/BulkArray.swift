/// The index's large arrays (the k-gram table, its postings, the works' token ids, the
/// scaffolding that builds them), made with their pages first written on all cores.
///
/// Why: the kernel zeroes each page of a fresh allocation when it is first touched; for an
/// XL case's index (about 4 GB) that was seconds on one core. They were once asked for
/// 2 MiB pages (`MADV_HUGEPAGE`): on a machine whose memory the case's files had
/// fragmented, the kernel compacted memory on every fault to find them, 12 s of system
/// time at XL, and matching was no faster for them (63.4 s without, 62.5–64.1 s with;
/// docs/measurements.md, sixth pass), so plain pages it is.
enum BulkArray {
    /// Elements written per part: 4 MiB, enough to pay for a hand-out.
    private static let partBytes = 4 << 20

    /// `[T](repeating: value, count: count)`, its parts first written on `threads` threads.
    static func make<T: BitwiseCopyable & Sendable>(repeating value: T, count: Int, threads: Int = 1) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let whole = SharedBuffer(buffer)
            inParts(count: count, stride: MemoryLayout<T>.stride, threads: threads) { part in
                UnsafeMutableBufferPointer(rebasing: whole.buffer[part]).initialize(repeating: value)
            }
            initialized = count
        }
    }

    /// A copy of `source`, its parts written on `threads` threads.
    static func copy<T: BitwiseCopyable & Sendable>(of source: [T], threads: Int = 1) -> [T] {
        source.withUnsafeBufferPointer { from in
            let input = SharedBuffer(UnsafeMutableBufferPointer(mutating: from))
            return [T](unsafeUninitializedCapacity: from.count) { buffer, initialized in
                let whole = SharedBuffer(buffer)
                inParts(count: from.count, stride: MemoryLayout<T>.stride, threads: threads) { part in
                    _ = UnsafeMutableBufferPointer(rebasing: whole.buffer[part])
                        .initialize(from: UnsafeBufferPointer(rebasing: input.buffer[part]))
                }
                initialized = from.count
            }
        }
    }

    /// Calls `body` with consecutive parts of `0..<count` (elements of `stride` bytes),
    /// `partBytes` each, on `threads` threads; all of them at once on this one when the
    /// array is small.
    private static func inParts(count: Int, stride: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let per = max(1, partBytes / max(1, stride))
        let parts = (count + per - 1) / per
        guard threads > 1, parts > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        _ = parallelMap(parts, threads: threads, chunk: 1) { n in body((n * per)..<min(count, (n + 1) * per)) }
    }
}

/// A buffer handed to the threads that each write their own part of it.
private struct SharedBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
