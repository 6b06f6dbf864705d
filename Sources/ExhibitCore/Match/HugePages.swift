#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Large arrays that the index reads at random (the k-gram table, its postings, the
/// works' token ids), asked to be backed by 2 MiB pages where the kernel offers them
/// (Linux transparent huge pages in `madvise` mode, `MADV_HUGEPAGE`).
///
/// Why: a lookup in a table of hundreds of megabytes misses the TLB on almost every
/// probe with 4 KiB pages; with 2 MiB pages the whole table fits the second-level TLB,
/// so a probe costs one cache miss instead of a cache miss and a page walk (the
/// technique of Linux's `Documentation/admin-guide/mm/transhuge.rst`, "madvise" mode).
/// Contents and results never depend on it: where the kernel declines, the array is an
/// ordinary one.
enum HugePages {
    /// 2 MiB, the x86-64 and arm64 (4 KiB granule) huge page.
    static let size = 2 << 20

    /// `[T](repeating: value, count: count)`, its interior 2 MiB-aligned range advised
    /// before any page is touched (so the first touch faults in huge pages). Arrays under
    /// 8 MiB are left alone: they fit the TLB anyway.
    /// - Parameter threads: the pages are first touched on this many threads. Why: the
    ///   kernel zeroes each page as it is first touched, and for an XL case's index
    ///   (gigabytes) that zeroing on one thread was a serial phase of seconds.
    static func array<T: BitwiseCopyable & Sendable>(repeating value: T, count: Int, threads: Int = 1) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            let whole = UnsafeSendableBuffer(buffer)
            inParts(count: count, stride: MemoryLayout<T>.stride, threads: threads) { part in
                UnsafeMutableBufferPointer(rebasing: whole.buffer[part]).initialize(repeating: value)
            }
            initialized = count
        }
    }

    /// A copy of `source` on huge pages, as `array(repeating:count:threads:)` gives:
    /// written once, on `threads` threads.
    static func array<T: BitwiseCopyable & Sendable>(copying source: [T], threads: Int = 1) -> [T] {
        source.withUnsafeBufferPointer { from in
            let input = UnsafeSendableBuffer(UnsafeMutableBufferPointer(mutating: from))
            return [T](unsafeUninitializedCapacity: from.count) { buffer, initialized in
                advise(UnsafeMutableRawBufferPointer(buffer))
                let whole = UnsafeSendableBuffer(buffer)
                inParts(count: from.count, stride: MemoryLayout<T>.stride, threads: threads) { part in
                    _ = UnsafeMutableBufferPointer(rebasing: whole.buffer[part])
                        .initialize(from: UnsafeBufferPointer(rebasing: input.buffer[part]))
                }
                initialized = from.count
            }
        }
    }

    /// Calls `body` with consecutive parts of `0..<count` (elements of `stride` bytes),
    /// 4 MiB each, on `threads` threads; all of them on this one when the array is small.
    private static func inParts(count: Int, stride: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let per = max(1, (2 * size) / max(1, stride))
        let parts = (count + per - 1) / per
        guard threads > 1, parts > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        _ = parallelMap(parts, threads: threads, chunk: 1) { n in body((n * per)..<min(count, (n + 1) * per)) }
    }

    /// Advises the interior 2 MiB-aligned part of `raw` (bytes) for huge pages; nothing
    /// for a buffer under 8 MiB or where `madvise` is not offered.
    static func advise(_ raw: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard raw.count >= 4 * size, let base = raw.baseAddress else { return }
        let first = (Int(bitPattern: base) + size - 1) & ~(size - 1)
        let last = (Int(bitPattern: base) + raw.count) & ~(size - 1)
        guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        // A refusal (THP off, an old kernel) leaves ordinary pages: nothing to report.
        _ = madvise(start, last - first, MADV_HUGEPAGE)
        #endif
    }
}

/// A buffer handed to the threads that each write their own part of it.
private struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}
