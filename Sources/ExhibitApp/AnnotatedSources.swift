import ExhibitCore

/// Where the annotated documents stand in the case on screen: for each source that a
/// current annotation or review status names, the case indices of the works and outputs
/// whose `source` it is. Made when the case or the annotations change
/// (``AppModel/annotations``), from `CaseAnnotations.documentsBySource`, so the lists that
/// need a source (`A`, `R`, the pairs' review marks and "unreviewed only" filter) look up
/// the few annotated documents instead of spelling the source of each of 100,000 outputs.
struct AnnotatedSources: Sendable {
    /// Case indices into `Case.works`, by source, ascending.
    private(set) var works: [String: [Int]] = [:]
    /// Case indices into `Case.outputs`, by source, ascending.
    private(set) var outputs: [String: [Int]] = [:]
    /// The source of each output (case index) that a review-status record names.
    private(set) var reviewed: [Int: String] = [:]

    /// Nothing annotated.
    init() {}

    /// The annotated documents of `kase`; each one found by its id (the case keeps a side
    /// sorted by id, unique) and kept only if its `source` is the one named.
    init(kase: Case?, annotations: CaseAnnotations?) {
        guard let kase, let annotations else { return }
        for (source, documents) in annotations.documentsBySource {
            for d in documents {
                let side = d.role == .work ? kase.works : kase.outputs
                guard let i = Self.index(of: d.id, in: side), side[i].source == source else { continue }
                switch d.role {
                case .work: works[source, default: []].append(i)
                case .output: outputs[source, default: []].append(i)
                }
            }
        }
        for key in works.keys { works[key]?.sort() }
        for key in outputs.keys { outputs[key]?.sort() }
        for r in annotations.reviewStatuses {
            let source = r.annotation.target.source
            for i in outputs[source] ?? [] { reviewed[i] = source }
        }
    }

    /// Index of the document with `id` in `documents`: a binary search (a loaded case's
    /// sides are sorted by id), else a scan (a case put together unsorted).
    static func index(of id: String, in documents: [Document]) -> Int? {
        var (lo, hi) = (0, documents.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if documents[mid].id < id { lo = mid + 1 } else { hi = mid }
        }
        if lo < documents.count && documents[lo].id == id { return lo }
        return documents.firstIndex { $0.id == id }
    }
}
