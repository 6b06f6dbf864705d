import Foundation

/// W3C Web Annotation `TextPositionSelector`: a span of the document's decoded text by
/// Unicode scalar (code point) offsets, half-open `[start, end)` (SPEC §2).
public struct TextPositionSelector: Sendable, Hashable {
    /// First scalar of the span, counted from 0.
    public var start: Int
    /// One past the last scalar of the span.
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
    /// `start..<end`, in Unicode scalars.
    public var range: Range<Int> { start..<max(start, end) }
}

/// W3C Web Annotation `TextQuoteSelector`: the annotated text itself with a little
/// context on each side, so the span can be found again when the document changes.
public struct TextQuoteSelector: Sendable, Hashable {
    /// The annotated text, exactly as in the document.
    public var exact: String
    /// Up to `contextLength` Unicode scalars just before the span (fewer at the start of the document).
    public var prefix: String
    /// Up to `contextLength` Unicode scalars just after the span (fewer at the end of the document).
    public var suffix: String
    /// Context kept on each side, in Unicode scalars.
    public static let contextLength = 32
    public init(exact: String, prefix: String, suffix: String) {
        self.exact = exact
        self.prefix = prefix
        self.suffix = suffix
    }
}

/// What an annotation points at: one document of the case, with the hash of the text it
/// was made on and both selectors.
public struct AnnotationTarget: Sendable, Hashable {
    /// Case-relative path, with `#<id>` for a JSONL record (`outputs/a.jsonl#run-7`);
    /// the same as `Document.source`.
    public var source: String
    /// Lower-case hex SHA-256 (FIPS 180-4) of the document's decoded text encoded as UTF-8,
    /// when the annotation was made. A different hash means the text changed.
    public var sha256: String
    /// Where the span was, in Unicode scalars of the text that had `sha256`.
    public var position: TextPositionSelector
    /// What the span said, to find it again when the text changed.
    public var quote: TextQuoteSelector
    public init(source: String, sha256: String, position: TextPositionSelector, quote: TextQuoteSelector) {
        self.source = source
        self.sha256 = sha256
        self.position = position
        self.quote = quote
    }
}

/// What counsel said about the span: a tag from the case's tag list and a free-text note;
/// for a passage's review status (SPEC §11), the status, with tag `ReviewStatus.tag`.
public struct AnnotationBody: Sendable, Hashable {
    /// One of the case's tags (`CaseSettings.tags`), e.g. `key-passage` or `exclude`.
    public var tag: String
    /// Free text; may be empty.
    public var note: String
    /// Set only on a review-status record: the status it gives the passage.
    public var status: ReviewStatus?
    public init(tag: String, note: String = "", status: ReviewStatus? = nil) {
        self.tag = tag
        self.note = note
        self.status = status
    }
}

/// One record of `annotations.jsonl` (SPEC §5), a W3C Web Annotation.
///
/// Records are never rewritten: an edit is a new record whose `supersedes` names the
/// record it replaces, and a deletion is a new record with `deleted` set that supersedes
/// the deleted one (and repeats its target and body, so it is readable on its own).
public struct Annotation: Sendable, Hashable, Identifiable {
    /// `urn:uuid:` followed by a random (version 4) UUID, lower case.
    public var id: String
    /// ISO 8601 date and time in UTC, e.g. `2025-06-01T09:30:00.125Z`.
    public var created: String
    /// Who made the record: `$EXHIBIT_USER`, else `$USER`, else the name stored in the
    /// user config (`UserConfig`), else `unknown`.
    public var creator: String
    public var target: AnnotationTarget
    public var body: AnnotationBody
    /// Id of the earlier record this one replaces (edit or deletion), or nil.
    public var supersedes: String?
    /// True when this record deletes the record it supersedes.
    public var deleted: Bool

    public init(id: String = Annotation.newID(), created: String = Annotation.timestamp(),
                creator: String = Annotation.defaultCreator(), target: AnnotationTarget,
                body: AnnotationBody, supersedes: String? = nil, deleted: Bool = false) {
        self.id = id
        self.created = created
        self.creator = creator
        self.target = target
        self.body = body
        self.supersedes = supersedes
        self.deleted = deleted
    }

    /// A new annotation of `range` (Unicode scalars, half-open) in `text`, the decoded text
    /// of the document named `source`.
    /// - Throws: `AnnotationError.emptyRange` or `.rangeOutOfBounds`.
    public static func make(source: String, text: ScalarText, range: Range<Int>, body: AnnotationBody,
                            id: String = newID(), created: String = timestamp(),
                            creator: String = defaultCreator()) throws -> Annotation {
        guard !range.isEmpty else { throw AnnotationError.emptyRange(source: source, start: range.lowerBound) }
        guard range.lowerBound >= 0, range.upperBound <= text.count else {
            throw AnnotationError.rangeOutOfBounds(source: source, range: range, length: text.count)
        }
        let target = AnnotationTarget(source: source, sha256: text.sha256,
                                      position: TextPositionSelector(start: range.lowerBound, end: range.upperBound),
                                      quote: text.quote(range))
        return Annotation(id: id, created: created, creator: creator, target: target, body: body)
    }

    /// A record replacing this one with a new body and, optionally, a new target.
    public func revised(body: AnnotationBody, target: AnnotationTarget? = nil, id: String = newID(),
                        created: String = timestamp(), creator: String = defaultCreator()) -> Annotation {
        Annotation(id: id, created: created, creator: creator, target: target ?? self.target,
                   body: body, supersedes: self.id)
    }

    /// A record deleting this one; it repeats this record's target and body.
    public func deletion(id: String = newID(), created: String = timestamp(),
                         creator: String = defaultCreator()) -> Annotation {
        Annotation(id: id, created: created, creator: creator, target: target, body: body,
                   supersedes: self.id, deleted: true)
    }

    /// A fresh `urn:uuid:` id (RFC 4122 version 4 UUID, lower case).
    public static func newID() -> String { "urn:uuid:" + UUID().uuidString.lowercased() }

    /// The current time as ISO 8601 in UTC with milliseconds, e.g. `2025-06-01T09:30:00.125Z`.
    public static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }

    /// `$EXHIBIT_USER`, else `$USER`, else the user config's `creator`, else `unknown`
    /// (empty values are skipped). Screens ask for a name instead of signing `unknown`
    /// (`knownCreator`).
    public static func defaultCreator(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        knownCreator(environment: environment) ?? "unknown"
    }

    /// `$EXHIBIT_USER`, else `$USER`, else the user config's `creator`; nil when none is set.
    public static func knownCreator(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for key in ["EXHIBIT_USER", "USER"] {
            if let v = environment[key], !v.isEmpty { return v }
        }
        return UserConfig.load(environment: environment).creator
    }
}
