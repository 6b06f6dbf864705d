import Foundation

/// Memoizes the normalization of non-ASCII grapheme clusters, whose exact computation
/// (Foundation NFKC, case folding, Unicode name lookups) costs microseconds.
///
/// Two levels: a plain dictionary per `tokenize` call (no locking on the hot path), in
/// front of a process-wide memo shared by all calls and threads, so each distinct
/// cluster is normalized once per process and options, not once per document.
/// Entries are pure functions of (cluster bytes, options), so sharing them is safe and
/// results never depend on what was tokenized before.
struct NormalizationCache {
    let options: NormalizationOptions
    /// The options as bits, part of every shared key.
    private let optionBits: UInt32
    private var facts: [UInt32: ScalarFacts] = [:]
    private var clusters: [ClusterKey: NormalizedCluster] = [:]
    private let shared = NormalizationMemo.shared

    init(options: NormalizationOptions) {
        self.options = options
        optionBits = NormalizationMemo.bits(options)
    }

    /// Facts about the non-ASCII scalar `value`, and its normalized form when alone.
    @inline(__always)
    mutating func facts(_ value: UInt32) -> ScalarFacts {
        if let f = facts[value] { return f }
        return factsMiss(value)
    }

    private mutating func factsMiss(_ value: UInt32) -> ScalarFacts {
        let key = value | optionBits << 24
        let f = shared.facts(key) { ScalarFacts(Unicode.Scalar(value)!, options: options) }
        facts[value] = f
        return f
    }

    /// The normalized form of the cluster whose UTF-8 is `bytes[range]`; `cluster` gives
    /// its text on a miss.
    @inline(__always)
    mutating func cluster(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, text cluster: () -> String
    ) -> NormalizedCluster {
        let key = ClusterKey(bytes, range, optionBits: optionBits)
        if let c = clusters[key] { return c }
        let c = shared.cluster(key) { ClusterNormalizer.normalize(cluster(), options: options) }
        clusters[key] = c
        return c
    }
}

/// A cluster's UTF-8 bytes and the option bits as a dictionary key: packed into two
/// words when the cluster has at most 14 bytes (nearly always), else kept as an array.
struct ClusterKey: Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var long: [UInt8]? = nil

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, optionBits: UInt32) {
        let count = range.count
        if count <= 14 {
            var i = 0
            for p in range {
                let b = UInt64(bytes[p])
                if i < 8 { low |= b << (8 * i) } else { high |= b << (8 * (i - 8)) }
                i += 1
            }
            high |= UInt64(count) << 48 | UInt64(optionBits) << 56
        } else {
            high = UInt64(optionBits) << 56 | 0xFF << 48
            long = Array(bytes[range])
        }
    }
}

/// The process-wide memo behind `NormalizationCache`. Bounded: past `capacity` entries
/// it stops remembering new ones (each call still caches locally).
final class NormalizationMemo: @unchecked Sendable {
    static let shared = NormalizationMemo()
    /// Most entries kept per table.
    let capacity = 200_000

    // Guarded by `lock`.
    private let lock = NSLock()
    private var facts: [UInt32: ScalarFacts] = [:]
    private var clusters: [ClusterKey: NormalizedCluster] = [:]

    /// The options that change normalized forms or kinds, as bits (fit in 8 bits).
    static func bits(_ o: NormalizationOptions) -> UInt32 {
        (o.nfkc ? 1 : 0) | (o.caseFold ? 2 : 0) | (o.quotes ? 4 : 0)
            | (o.invisibles ? 8 : 0) | (o.hyphens ? 16 : 0) | (o.cjkChars ? 32 : 0)
    }

    func facts(_ key: UInt32, compute: () -> ScalarFacts) -> ScalarFacts {
        if let f = lock.withLock({ facts[key] }) { return f }
        // Computed outside the lock: it is slow and idempotent.
        let f = compute()
        lock.withLock { if facts.count < capacity { facts[key] = f } }
        return f
    }

    func cluster(_ key: ClusterKey, compute: () -> NormalizedCluster) -> NormalizedCluster {
        if let c = lock.withLock({ clusters[key] }) { return c }
        let c = compute()
        lock.withLock { if clusters.count < capacity { clusters[key] = c } }
        return c
    }
}
