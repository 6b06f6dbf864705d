/// A label and a value, e.g. `identity` / `0.978723`. Values may hold case text;
/// formats escape them.
public struct ExportField: Sendable, Hashable {
    /// Exhibit's own words, e.g. `identity`.
    public var label: String
    /// The figure or text; may be case text.
    public var value: String
    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// One side of an excerpt: a stretch of one document, labelled.
public struct ExportSide: Sendable, Hashable {
    public var role: DocumentRole
    /// The document's id (case text).
    public var documentID: String
    /// Case-relative source (`works/a.txt`, `outputs/r.jsonl#id`).
    public var source: String
    /// e.g. `Work harbor-lights` or `Output o-7 (model-a), passage 2`.
    public var caption: String
    /// Unicode scalar offsets into the document's decoded text, half-open.
    public var scalars: Range<Int>
    /// Token indices, half-open.
    public var tokens: Range<Int>
    /// Figures of this side (a reproducing passage's, in a work export); often empty.
    public var figures: [ExportField]
    /// The text of `scalars`, cut by label.
    public var segments: [StyledSegment]
    /// Annotations on this document whose span intersects `scalars`.
    public var notes: [ExportAnnotation]
}

/// One excerpt: a passage of a pair, a reproduced span of a work with the passages
/// that reproduce it, or an annotated span.
public struct ExportExcerpt: Sendable, Hashable {
    /// e.g. `Passage 1 of 3`.
    public var heading: String
    /// Figures of the passage, span or annotation.
    public var figures: [ExportField]
    /// The work side (pair, work) or the annotated document; nil for an orphaned
    /// annotation, whose quote is then among `figures`.
    public var primary: ExportSide?
    /// The output side of a pair's passage, or each passage reproducing a work's span.
    public var counterparts: [ExportSide]
}

/// A passage as a CSV row needs it.
public struct ExportPassageRow: Sendable, Hashable {
    public var work: Document
    public var output: Document
    /// 1-based number within its pair.
    public var number: Int
    public var passage: Passage
    /// The passage's work text, labelled by this passage alone.
    public var workSegments: [StyledSegment]
    /// The passage's output text, labelled by this passage alone.
    public var outputSegments: [StyledSegment]
    /// Annotations intersecting either side.
    public var notes: [ExportAnnotation]
}

/// An annotation as the CSV and W3C JSON formats need it.
public struct ExportAnnotationRow: Sendable, Hashable {
    public var annotation: ExportAnnotation
    /// The annotated document, when the case has it.
    public var document: Document?
    /// Segments of the annotated text (empty when orphaned or the document is missing).
    public var segments: [StyledSegment]
    /// TextQuoteSelector: the annotated text and up to 32 scalars either side, from the
    /// document when anchored, else the recorded quote with empty prefix and suffix.
    public var exact: String?
    public var prefix: String
    public var suffix: String
    /// `anchored`, `orphaned`, or `document not in case`.
    public var status: String
}

/// Everything an export shows, before formatting: built once, written by each format,
/// so all formats show the same excerpts, figures and marks.
public struct ExportContent: Sendable, Hashable {
    /// Which selection the content comes from.
    public enum Kind: String, Sendable, Hashable { case pair, work, annotations }
    public var kind: Kind
    /// e.g. `Pair: work harbor-lights × output o-extract-harbor`.
    public var title: String
    /// The header every format starts with.
    public var provenance: ExportProvenance
    /// Figures of the pair or work; metadata of the output.
    public var summary: [ExportField]
    /// *Substantial* findings of the pair or work, with the rule that fired.
    public var flags: [Finding]
    /// In document order: passages by output start, spans by work position, annotations
    /// by source and offset.
    public var excerpts: [ExportExcerpt]
    /// Pair and work selections: one per passage shown.
    public var passageRows: [ExportPassageRow]
    /// Annotation selections: one per annotation.
    public var annotationRows: [ExportAnnotationRow]

    /// Whether a work the export shows has spans excluded by counsel, so legends
    /// explain the `excluded` marking (and say nothing of it otherwise).
    public var showsExclusions: Bool { !provenance.exclusions.isEmpty }
}
