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
    static func array<T: BitwiseCopyable>(repeating value: T, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            advise(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: value)
            initialized = count
        }
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
