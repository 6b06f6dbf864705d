/// Everything the sections of one report read: the case, its scan, the options, and
/// the works and exhibits chosen once for all sections.
struct ReportContext {
    let kase: Case
    let result: ScanResult
    let options: ExpertReportOptions
    /// Indices into `result.works` of the works covered, by id.
    let works: [Int]
    /// The exhibits, strongest first.
    let exhibits: [ExhibitChoice]
}

/// A numbered section of the report, with its entries in the table of contents.
struct ReportSection {
    /// A heading listed in the table of contents.
    struct Entry {
        /// `4`, `4.2`.
        var number: String
        /// Plain text (case text allowed; escaped when written).
        var title: String
        /// The `id` of the heading, ASCII.
        var anchor: String
    }

    var entry: Entry
    /// Sub-headings (`4.1` …) in order.
    var subsections: [Entry]
    /// The section's HTML, its `<h2>` included.
    var html: String
}
