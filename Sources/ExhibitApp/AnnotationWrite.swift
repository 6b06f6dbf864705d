import Foundation
import ExhibitCore

/// An annotation change the screen asks the shell to write (``AppEffect/writeAnnotation(_:)``):
/// `update` does no I/O, the shell hands it to ``AnnotationWorker`` and the answer comes
/// back as ``AppMessage/annotationWritten(_:)``.
public struct AnnotationWrite: Sendable, Equatable {
    /// What is appended to the store.
    public enum Change: Sendable, Equatable {
        /// A new annotation of `range` (Unicode scalars, half-open) of document `source`.
        case create(source: String, range: Range<Int>, tag: String, note: String)
        /// New tag and note for the annotation whose current record is `id`.
        case revise(id: String, tag: String, note: String)
        /// A deletion record for the annotation whose current record is `id`.
        case delete(id: String)
    }

    /// Numbers the writes of one session, so the answer finds what asked for it.
    public var id: Int
    public var change: Change
    /// Who signs the record.
    public var creator: String
    /// When set, the creator was just typed: store it in the user config found
    /// through this environment (`$XDG_CONFIG_HOME`, `$HOME`) before writing.
    public var rememberCreatorIn: [String: String]?
    // Built by the screen only: the memberwise initializer (internal) is the one it uses.
}

/// How an ``AnnotationWrite`` ended (``AppMessage/annotationWritten(_:)``).
public struct AnnotationWriteOutcome: Sendable {
    public enum Result: Sendable, Equatable {
        /// The record is kept (appended, fsync'd for the file store).
        case saved(Annotation)
        /// Record `id` was replaced by `newer` by another process: nothing written.
        case superseded(id: String, newer: String)
        /// Why nothing was written.
        case failed(String)
    }

    public var write: AnnotationWrite
    public var result: Result
    /// The annotations re-read after the write (only targets not anchored before are
    /// anchored again); nil when the write failed or the re-read did.
    public var annotations: CaseAnnotations?
    /// Why the annotations could not be re-read, if they could not.
    public var rereadError: String?
    /// Why the typed creator could not be stored in the user config (used for this session only).
    public var creatorNotStored: String?
}

/// Annotations re-read after a change made outside the screen (``AppMessage/annotationsReloaded(_:)``).
public struct AnnotationReload: Sendable {
    /// The annotations, or nil when they could not be read (`failure` says why).
    public var annotations: CaseAnnotations?
    public var failure: String?
    /// For the status line, with whether it reports a problem.
    public var notice: String?
    public var noticeIsError = false
}

/// Writes annotations off the UI thread, one at a time in the order asked (a serial
/// queue: two quick saves land in order and each answer carries a re-read that
/// includes the earlier one).
public enum AnnotationWorker {
    private static let queue = DispatchQueue(label: "exhibit-annotations")

    /// Appends `write` to `store` (nil: the case's `annotations.jsonl`), then re-reads
    /// the annotations reusing the anchors of `previous`.
    public static func perform(_ write: AnnotationWrite, case kase: Case, store: (any AnnotationRecordStore)?,
                               previous: CaseAnnotations?) -> AnnotationWriteOutcome {
        var outcome = AnnotationWriteOutcome(write: write, result: .failed(""))
        if let environment = write.rememberCreatorIn {
            do {
                try UserConfig(creator: write.creator).save(environment: environment)
            } catch {
                outcome.creatorNotStored = "\(error)"
            }
        }
        do {
            let record: Annotation
            switch write.change {
            case .create(let source, let range, let tag, let note):
                record = try AnnotationEditing.annotate(kase, source: source, range: range, tag: tag, note: note,
                                                        creator: write.creator, store: store)
            case .revise(let id, let tag, let note):
                record = try AnnotationEditing.revise(kase, id: id, tag: tag, note: note, creator: write.creator,
                                                      store: store)
            case .delete(let id):
                record = try AnnotationEditing.delete(kase, id: id, creator: write.creator, store: store)
            }
            outcome.result = .saved(record)
        } catch AnnotationError.superseded(let id, let newer) {
            outcome.result = .superseded(id: id, newer: newer)
        } catch {
            outcome.result = .failed("\(error)")
            return outcome
        }
        do {
            outcome.annotations = try CaseAnnotations.load(kase, store: store, reusing: previous)
        } catch {
            outcome.rereadError = "\(error)"
        }
        return outcome
    }

    /// Re-reads the annotations of `kase` from `store` (nil: `annotations.jsonl`) on the
    /// worker queue, reusing the anchors of `previous`, and posts them with `notice`.
    /// Queued behind any write, so the answer includes it.
    public static func reload(case kase: Case, store: (any AnnotationRecordStore)?, previous: CaseAnnotations?,
                              notice: String?, error: Bool, post: @escaping @Sendable (AppMessage) -> Void) {
        queue.async { post(.annotationsReloaded(reread(case: kase, store: store, previous: previous,
                                                       notice: notice, error: error))) }
    }

    /// The re-read of ``reload(case:store:previous:notice:error:post:)``, done on the caller's thread (tests).
    public static func reread(case kase: Case, store: (any AnnotationRecordStore)?, previous: CaseAnnotations?,
                              notice: String?, error: Bool) -> AnnotationReload {
        var r = AnnotationReload(notice: notice, noticeIsError: error)
        do {
            r.annotations = try CaseAnnotations.load(kase, store: store, reusing: previous)
        } catch {
            r.failure = "\(error)"
        }
        return r
    }

    /// ``perform(_:case:store:previous:)`` on the worker queue; posts the outcome.
    public static func start(_ write: AnnotationWrite, case kase: Case, store: (any AnnotationRecordStore)?,
                             previous: CaseAnnotations?, post: @escaping @Sendable (AppMessage) -> Void) {
        queue.async { post(.annotationWritten(perform(write, case: kase, store: store, previous: previous))) }
    }
}
