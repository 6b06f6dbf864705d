import ExhibitCore

/// The two tables of the case overview.
public enum OverviewTable: Sendable, Equatable {
    case works, pairs
}

/// Sort orders of the works table, cycled by `s`.
public enum WorkSort: String, CaseIterable, Sendable {
    case strict = "strict coverage"
    case loose = "loose coverage"
    case words
    case title
}

/// Sort orders of the pairs table, cycled by `s`.
public enum PairSort: String, CaseIterable, Sendable {
    case longestPassage = "longest passage"
    case outputCoverage = "output coverage"
    case matchedWords = "matched words"
    case output
    case work
}

/// What narrows the overview: flagged only, one model, a search text.
public struct OverviewQuery: Sendable, Equatable {
    /// Only flagged works and pairs (works whose flags are not known yet stay).
    public var flaggedOnly = false
    /// Only outputs of this model (pairs), figures of this model only (works).
    public var model: String? = nil
    /// Case-insensitive text that ids, titles, models or techniques must contain.
    public var search = ""

    /// No narrowing.
    public init() {}
}

/// One row of the works table.
public struct WorkRow: Sendable, Equatable {
    /// Index into the works.
    public var work: Int
    public var id: String
    /// Title, else the id.
    public var title: String
    public var summary: WorkSummary

    /// Whether the row is flagged; nil while the scan has not pooled the figures.
    public var flagged: Bool? { summary.provisional ? nil : !summary.figures.flags.isEmpty }
}

/// One row of the pairs table: an output and a work it copies from.
public struct PairRow: Sendable, Equatable {
    public var key: PairKey
    public var outputId: String
    public var model: String
    /// `technique` metadata when present, else `method` (or `unknown`).
    public var technique: String
    public var workId: String
    public var pair: PairResult
}

/// Builds, filters and sorts the overview's rows (pure).
enum OverviewTables {
    static func workRows(_ results: Results, _ kase: Case, _ query: OverviewQuery, _ sort: WorkSort) -> [WorkRow] {
        let needle = query.search.lowercased()
        var rows: [WorkRow] = []
        for (w, doc) in kase.works.enumerated() {
            let title = doc.title.map(Format.oneLine) ?? doc.id
            if !needle.isEmpty && !doc.id.lowercased().contains(needle) && !title.lowercased().contains(needle) { continue }
            let row = WorkRow(work: w, id: doc.id, title: title, summary: results.figures(work: w, model: query.model))
            if query.flaggedOnly && row.flagged == false { continue }
            rows.append(row)
        }
        rows.sort { a, b in
            let fa = a.summary.figures, fb = b.summary.figures
            switch sort {
            case .strict where fa.strictCoverage != fb.strictCoverage: return fa.strictCoverage > fb.strictCoverage
            case .loose where fa.looseCoverage != fb.looseCoverage: return fa.looseCoverage > fb.looseCoverage
            case .words where a.summary.tokens != b.summary.tokens: return a.summary.tokens > b.summary.tokens
            case .title where a.title.lowercased() != b.title.lowercased(): return a.title.lowercased() < b.title.lowercased()
            default: return a.id < b.id
            }
        }
        return rows
    }

    static func pairRows(_ results: Results, _ kase: Case, _ query: OverviewQuery, _ sort: PairSort) -> [PairRow] {
        let needle = query.search.lowercased()
        var rows: [PairRow] = []
        rows.reserveCapacity(results.pairs.count)
        for p in results.pairs {
            let model = results.outputModels[p.output]
            if let m = query.model, m != model { continue }
            if query.flaggedOnly && p.flags.isEmpty { continue }
            let doc = kase.outputs[results.outputDocs[p.output]]
            let technique = doc.metadata("technique") ?? doc.method ?? "unknown"
            let workId = kase.works[p.work].id
            if !needle.isEmpty && ![doc.id, model, technique, workId].contains(where: { $0.lowercased().contains(needle) }) {
                continue
            }
            rows.append(PairRow(key: PairKey(work: p.work, output: p.output), outputId: doc.id, model: model,
                                technique: Format.oneLine(technique), workId: workId, pair: p))
        }
        rows.sort { a, b in
            switch sort {
            case .longestPassage where a.pair.longestPassage != b.pair.longestPassage:
                return a.pair.longestPassage > b.pair.longestPassage
            case .outputCoverage where a.pair.outputCoverage != b.pair.outputCoverage:
                return a.pair.outputCoverage > b.pair.outputCoverage
            case .matchedWords where a.pair.matchedWords != b.pair.matchedWords:
                return a.pair.matchedWords > b.pair.matchedWords
            case .work where a.workId != b.workId:
                return a.workId < b.workId
            default:
                return (a.outputId, a.workId) < (b.outputId, b.workId)
            }
        }
        return rows
    }
}
