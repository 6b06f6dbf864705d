#if canImport(Glibc)
import Glibc
#endif

/// Gives the pages of freed heap memory back to the system between the phases of a
/// large scan (issue 12: an XL scan's peak resident memory).
///
/// Why: glibc keeps memory freed in its arenas (small and middle-sized blocks: the
/// works' texts once tokenized, each work's token ids once concatenated into the
/// index) for later use, and it counts as resident; the matching threads allocate from
/// arenas of their own, so those pages stay idle while the resident size grows.
/// `malloc_trim(0)` hands every whole free page of every arena back (glibc ≥ 2.8), at
/// the cost of a walk over the heap (milliseconds per gigabyte). Results never depend
/// on it; elsewhere than glibc it does nothing.
enum HeapTrim {
    /// glibc's `int malloc_trim(size_t pad)`, looked up at run time: Swift's Glibc module
    /// does not declare it (`malloc.h`); nil elsewhere.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Hands the free pages of every heap arena back to the system.
    static func release() {
        _ = trim?(0)
    }
}
