import ExhibitCore

/// Counsel's `exclude` annotations as `exhibit scan` and `exhibit export` apply them
/// (unless `--no-exclusions`): current ones on works, where they stand now.
enum CaseExclusions {
    /// `ScanOptions.exclusions` from `store`; prints on standard error each `exclude`
    /// annotation that excludes nothing (orphaned, or not on a work).
    static func spans(_ store: CaseAnnotations, case kase: Case) -> [ExcludedSpan] {
        let (spans, warnings) = store.exclusions(works: kase.works)
        for w in warnings { Stderr.write("warning: " + VisibleText.escaped(w.description)) }
        return spans
    }

    /// The help text of `--no-exclusions`.
    static let flagHelp = "Ignore the case's exclude annotations (by default their work spans are left out of the figures)."
}
