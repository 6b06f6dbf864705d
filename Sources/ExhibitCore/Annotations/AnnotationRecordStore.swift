import Synchronization

/// Where a case's annotation records live: an append-only log of records. The file
/// store (`AnnotationStore`, `annotations.jsonl` in the case folder) is the one Exhibit
/// uses; `InMemoryAnnotationStore` serves tests, and a server store is one more
/// implementation. `AnnotationEditing` and `CaseAnnotations.load` work through it.
public protocol AnnotationRecordStore: Sendable {
    /// Appends one record, durably for a persistent store: when this returns it is kept.
    /// - Throws: `AnnotationError.io` (or the store's own error) when it is not kept.
    func append(_ annotation: Annotation) throws
    /// Every record, in append order, with the warnings of lines that did not parse.
    func read() throws -> AnnotationLog
}

extension AnnotationStore: AnnotationRecordStore {}

/// Records kept in memory, as the file store would hold them (one JSON line each, read
/// back by the same parser): for tests and for a screen that must not write.
public final class InMemoryAnnotationStore: AnnotationRecordStore {
    private let bytes = Mutex<[UInt8]>([])

    /// An empty store.
    public init() {}

    public func append(_ annotation: Annotation) throws {
        let line = Array(AnnotationJSON.line(annotation).utf8) + [0x0A]
        bytes.withLock { $0 += line }
    }

    public func read() throws -> AnnotationLog {
        AnnotationStore.parse(bytes.withLock { $0 })
    }
}
