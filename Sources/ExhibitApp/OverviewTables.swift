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
    /// Only pairs with a passage of evidence that has no review status (SPEC §11); `f`
    /// reaches it after "flagged only" once a status exists. The works table is not narrowed.
    public var unreviewedOnly = false
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
    /// Work id (file name or JSONL id).
    public var id: String
    /// Title, else the id.
    public var title: String
    /// Pooled figures (of the model filtered on, if any).
    public var summary: WorkSummary

    /// Whether the row is flagged; nil while the scan has not pooled the figures.
    public var flagged: Bool? { summary.provisional ? nil : !summary.figures.flags.isEmpty }
}

/// One row of the pairs table: an output and a work it copies from.
public struct PairRow: Sendable, Equatable {
    /// Which pair.
    public var key: PairKey
    /// Output id.
    public var outputId: String
    /// Model name (`unknown` when not recorded).
    public var model: String
    /// `technique` metadata when present, else `method` (or `unknown`).
    public var technique: String
    /// Work id.
    public var workId: String
    /// The pair's figures and passages.
    public var pair: PairResult
}

/// The works table's rows: built once per work, figures recomputed only for
/// works that got new pairs, then filtered and sorted by index.
struct WorkTable: Sendable {
    private var all: [WorkRow] = []
    /// Pairs each row's figures were computed from.
    private var counted: [Int] = []
    /// What the cached figures depend on besides the pairs.
    private var basis: (generation: Int, final: Bool, stale: Bool, model: String?)? = nil
    /// Each row's id and title lowercased, for the search; made at the first search.
    private var lowered: [(id: String, title: String)] = []
    /// Row indices in display order.
    private(set) var order: [Int] = []

    var count: Int { order.count }
    subscript(i: Int) -> WorkRow { all[order[i]] }
    var rows: [WorkRow] { order.map { all[$0] } }

    /// Brings the rows up to date with `results`.
    mutating func sync(_ results: Results, _ kase: Case, model: String?) {
        if basis?.generation != results.generation || basis?.final != results.isFinal
            || basis?.stale != results.isStale || basis?.model != model || all.count != kase.works.count {
            all = kase.works.enumerated().map { w, doc in
                WorkRow(work: w, id: doc.id, title: doc.title.map(Format.oneLine) ?? doc.id,
                        summary: WorkSummary(tokens: 0, figures: WorkFigures(), provisional: true))
            }
            counted = Array(repeating: -1, count: all.count)
            lowered = []
            basis = (results.generation, results.isFinal, results.isStale, model)
        }
        // While streaming, a work's figures change only when it gets a pair
        // (or its token count arrives with the works' tokens).
        let tokensKnown = results.workTokens != nil
        for w in all.indices {
            let n = results.pairCount(work: w) + (tokensKnown ? 1 : 0)
            if n != counted[w] {
                all[w].summary = results.figures(work: w, model: model)
                counted[w] = n
            }
        }
    }

    /// Filters by `query` and sorts by `sort` (ties by id, as works are numbered).
    mutating func arrange(_ query: OverviewQuery, _ sort: WorkSort) {
        let needle = query.search.lowercased()
        if !needle.isEmpty && lowered.count != all.count { lowered = all.map { ($0.id.lowercased(), $0.title.lowercased()) } }
        order = all.indices.filter { w in
            if query.flaggedOnly && all[w].flagged == false { return false }
            return needle.isEmpty || lowered[w].id.contains(needle) || lowered[w].title.contains(needle)
        }
        let rows = all
        switch sort {
        case .strict:
            order.sort { rows[$0].summary.figures.strictCoverage != rows[$1].summary.figures.strictCoverage
                ? rows[$0].summary.figures.strictCoverage > rows[$1].summary.figures.strictCoverage : $0 < $1 }
        case .loose:
            order.sort { rows[$0].summary.figures.looseCoverage != rows[$1].summary.figures.looseCoverage
                ? rows[$0].summary.figures.looseCoverage > rows[$1].summary.figures.looseCoverage : $0 < $1 }
        case .words:
            order.sort { rows[$0].summary.tokens != rows[$1].summary.tokens ? rows[$0].summary.tokens > rows[$1].summary.tokens : $0 < $1 }
        case .title:
            let titles = rows.map { $0.title.lowercased() }
            order.sort { titles[$0] != titles[$1] ? titles[$0] < titles[$1] : $0 < $1 }
        }
    }
}

/// The pairs table's rows: built once per pair as results stream in, with
/// their sort keys in flat arrays, then filtered and sorted by index (a
/// rebuild of thousands of rows must not keep keys waiting).
struct PairTable: Sendable {
    private var all: [PairRow] = []
    private var longest: [Int] = []
    private var coverage: [Double] = []
    private var matched: [Int] = []
    private var outputIndex: [Int] = []
    private var workIndex: [Int] = []
    private var flagged: [Bool] = []
    private var evidence: [Bool] = []
    /// Whether each row's pair has a passage of evidence (`cause` nil): such a pair of an
    /// output without a review status is unreviewed, known without copying its row.
    private var evidencePassage: [Bool] = []
    /// What the rows were made from: stored results shown stale and the scan's final
    /// result that replaces them share a generation.
    private var basis: (generation: Int, final: Bool, stale: Bool)? = nil
    /// What the search looks in, lowercased (``PairSearch``); made at the first search.
    private var search = PairSearch()
    /// Row indices in display order.
    private(set) var order: [Int] = []
    /// How many rows of ``order`` have evidence (the title counts them).
    private(set) var evidenceCount = 0

    var count: Int { order.count }
    subscript(i: Int) -> PairRow { all[order[i]] }
    var rows: [PairRow] { order.map { all[$0] } }

    /// Position of pair `key` in the display order.
    func position(of key: PairKey) -> Int? { order.firstIndex { all[$0].key == key } }

    /// Adds rows for the pairs found since the last call (all of them again
    /// when the final result replaced the streamed ones).
    mutating func sync(_ results: Results, _ kase: Case) {
        if basis?.generation != results.generation || basis?.final != results.isFinal || basis?.stale != results.isStale {
            all = []; longest = []; coverage = []; matched = []; outputIndex = []; workIndex = []; flagged = []
            evidence = []; evidencePassage = []
            search = PairSearch()
            basis = (results.generation, results.isFinal, results.isStale)
        }
        guard all.count < results.pairs.count else { return }
        // A case has a few techniques and many pairs: each is made one line once (the
        // same bytes: String keys also equate canonically equivalent spellings).
        var oneLine: [String: (technique: String, shown: String)] = [:]
        for p in results.pairs[all.count...] {
            let doc = kase.outputs[results.outputDocs[p.output]]
            let technique = doc.metadata("technique") ?? doc.method ?? "unknown"
            let shown: String
            if let known = oneLine[technique], known.technique.utf8.elementsEqual(technique.utf8) {
                shown = known.shown
            } else {
                shown = Format.oneLine(technique)
                oneLine[technique] = (technique, shown)
            }
            all.append(PairRow(key: PairKey(work: p.work, output: p.output), outputId: doc.id,
                               model: results.outputModels[p.output], technique: shown,
                               workId: kase.works[p.work].id, pair: p))
            longest.append(p.longestPassage)
            coverage.append(p.outputCoverage)
            matched.append(p.matchedWords)
            outputIndex.append(p.output)
            workIndex.append(p.work)
            flagged.append(!p.flags.isEmpty)
            evidence.append(p.evidence)
            evidencePassage.append(p.passages.contains { $0.cause == nil })
        }
        search.take(all)
    }

    /// Filters by `query` and sorts by `sort`. Ties go by output, then work:
    /// indices follow id order (the scan sorts both by id), so integers
    /// stand in for the ids. `unreviewed` says whether a pair is unreviewed, for
    /// `query.unreviewedOnly` (``PairReviewMarks/isUnreviewed(_:)``); it is asked only of
    /// the pairs whose output `reviewed` (by scanned output index; nil: every output)
    /// says a review status names: any other pair is unreviewed when it has a passage of
    /// evidence. So 50,000 pairs cost neither a source spelled nor a row copied.
    mutating func arrange(_ query: OverviewQuery, _ sort: PairSort, unreviewed: (PairRow) -> Bool = { _ in true },
                          reviewed: [Bool]? = nil) {
        // The search first (narrowed from the previous one as a text is typed), then the
        // cheap filters, then the review marks (which look up annotations).
        let candidates = search.matches(query.search.lowercased(), in: all)
        order = candidates.filter { i in
            if query.flaggedOnly && !flagged[i] { return false }
            if let m = query.model, all[i].model != m { return false }
            if query.unreviewedOnly && !(reviewed?[outputIndex[i]] ?? true ? unreviewed(all[i]) : evidencePassage[i]) {
                return false
            }
            return true
        }
        evidenceCount = order.reduce(0) { evidence[$1] ? $0 + 1 : $0 }
        let out = outputIndex, work = workIndex
        func byIds(_ a: Int, _ b: Int) -> Bool { out[a] != out[b] ? out[a] < out[b] : work[a] < work[b] }
        switch sort {
        case .longestPassage:
            let k = longest
            order.sort { k[$0] != k[$1] ? k[$0] > k[$1] : byIds($0, $1) }
        case .outputCoverage:
            let k = coverage
            order.sort { k[$0] != k[$1] ? k[$0] > k[$1] : byIds($0, $1) }
        case .matchedWords:
            let k = matched
            order.sort { k[$0] != k[$1] ? k[$0] > k[$1] : byIds($0, $1) }
        case .output:
            order.sort(by: byIds)
        case .work:
            order.sort { work[$0] != work[$1] ? work[$0] < work[$1] : out[$0] < out[$1] }
        }
    }
}
