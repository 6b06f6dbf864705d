extension CaseAnnotations {
    /// The work spans counsel's current `exclude` annotations leave out of the figures,
    /// for `ScanOptions.exclusions`, and a warning for each one that excludes nothing.
    ///
    /// A span is taken where the annotation stands now (anchored, or re-anchored after the
    /// work changed), with the current record's id. An orphaned `exclude` annotation
    /// excludes nothing, since its place is unknown; one on an output excludes nothing,
    /// since the figures measure how much of a work is copied. Both are warned about
    /// (path `annotations.jsonl`, with the record's line and byte offset), so counsel
    /// are never misled into thinking a span was left out.
    /// - Parameter works: the case's works; annotations on other sources are not spans.
    public func exclusions(works: [Document]) -> (spans: [ExcludedSpan], warnings: [CaseIssue]) {
        let workSources = Set(works.map(\.source))
        var spans = [ExcludedSpan]()
        var warnings = [CaseIssue]()
        for r in current where r.annotation.body.tag == Self.excludeTag {
            let a = r.annotation
            let warn = { (why: String) in
                warnings.append(CaseIssue(path: AnnotationStore.fileName, line: r.entry.record.line,
                                          offset: r.entry.record.offset,
                                          message: "exclude annotation \(a.id) on \(a.target.source) \(why); it excludes nothing"))
            }
            guard workSources.contains(a.target.source) else {
                warn("is not on a work")
                continue
            }
            guard let range = r.status.range else {
                warn("is orphaned")
                continue
            }
            spans.append(ExcludedSpan(source: a.target.source, scalars: range, annotation: a.id))
        }
        return (spans, warnings)
    }
}
