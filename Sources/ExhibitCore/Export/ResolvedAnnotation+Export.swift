/// The annotation store's resolved records are what exports show: the current range
/// (Unicode scalars) where the annotation is anchored, the recorded one and the quote
/// when it is orphaned.
extension ResolvedAnnotation: AnnotatedSpan {
    public var annotationID: String? { annotation.id }
    public var source: String { annotation.target.source }
    public var scalars: Range<Int> { status.range ?? annotation.target.position.range }
    public var tag: String { annotation.body.tag }
    public var note: String { annotation.body.note }
    public var creator: String { annotation.creator }
    public var created: String { annotation.created }
    public var quote: String? { annotation.target.quote.exact }
    public var orphaned: Bool { status.range == nil }
}
