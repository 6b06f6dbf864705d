/// An annotated span as exports need it: where it is, what counsel said, who and when
/// (SPEC §5). The annotation store plugs in by making its record type conform to
/// `AnnotatedSpan`, or by building these values directly.
public struct ExportAnnotation: Sendable, Hashable {
    /// The annotation's id (kept in the W3C export), or nil when unknown.
    public var id: String?
    /// Case-relative source: a file path, with `#<id>` for a JSONL record
    /// (`outputs/a.jsonl#run-7`), as `Document.source` gives it.
    public var source: String
    /// The annotated text: Unicode scalar offsets into the document's decoded text, half-open.
    public var scalars: Range<Int>
    /// Tag, e.g. `key-passage`.
    public var tag: String
    /// Counsel's note (may be empty).
    public var note: String
    /// Who made it.
    public var creator: String
    /// When, as recorded (ISO 8601 / xsd:dateTime text); exports copy it unchanged.
    public var created: String
    /// The quoted text (TextQuoteSelector `exact`), if recorded; shown for orphaned annotations.
    public var quote: String?
    /// True when the store could not re-anchor it to the current text (SPEC §5): its
    /// offsets are then not trusted, and exports show the quote instead of the text.
    public var orphaned: Bool

    public init(id: String? = nil, source: String, scalars: Range<Int>, tag: String, note: String = "",
                creator: String, created: String, quote: String? = nil, orphaned: Bool = false) {
        self.id = id
        self.source = source
        self.scalars = scalars
        self.tag = tag
        self.note = note
        self.creator = creator
        self.created = created
        self.quote = quote
        self.orphaned = orphaned
    }
}

/// Anything that can be exported as an annotated span. The annotation store's record
/// type conforms to this; `exportAnnotation` has a default built from the properties.
public protocol AnnotatedSpan {
    var annotationID: String? { get }
    /// Case-relative source, as `ExportAnnotation.source`.
    var source: String { get }
    /// Unicode scalar offsets, half-open.
    var scalars: Range<Int> { get }
    var tag: String { get }
    var note: String { get }
    var creator: String { get }
    /// ISO 8601 text.
    var created: String { get }
    var quote: String? { get }
    var orphaned: Bool { get }
}

extension AnnotatedSpan {
    /// The span as the exporter's input value.
    public var exportAnnotation: ExportAnnotation {
        ExportAnnotation(id: annotationID, source: source, scalars: scalars, tag: tag, note: note,
                         creator: creator, created: created, quote: quote, orphaned: orphaned)
    }
}

extension ExportAnnotation: AnnotatedSpan {
    public var annotationID: String? { id }
}
