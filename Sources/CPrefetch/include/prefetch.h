#ifndef EXHIBIT_PREFETCH_H
#define EXHIBIT_PREFETCH_H

/// Asks the CPU to start loading the cache line at `address` for a read soon, so the
/// k-gram index's random lookups overlap their cache misses instead of waiting for
/// each in turn. A hint only: it never faults and never changes a result.
static inline void exhibit_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// As `exhibit_prefetch`, for a line about to be written.
static inline void exhibit_prefetch_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
