import ExhibitCore

/// A (work, output) pair by indices into the scan's works and outputs.
public struct PairKey: Hashable, Sendable, Comparable {
    /// Index into the works (`ScanResult.works`, = `Case.works`).
    public var work: Int
    /// Index into the scanned outputs (`ScanResult.outputs`).
    public var output: Int

    /// By work, then output.
    public static func < (a: PairKey, b: PairKey) -> Bool { (a.work, a.output) < (b.work, b.output) }
}

/// The results on screen. While the first scan runs they fill in from the
/// engine's stream (each pair complete, with its figures and token data);
/// when it ends they are replaced by the final ``ScanResult``, whose pooled
/// work figures (attempts, hits, flags) only exist then.
public struct Results: Sendable {
    /// The scan these results come from.
    public let generation: Int
    /// Its options (parameters, filters).
    public let options: ScanOptions
    /// Case indices of the scanned outputs: output `o` is `Case.outputs[outputDocs[o]]`
    /// (the outputs kept by the `--where` filters, in id order, as the scan numbers them).
    public let outputDocs: [Int]
    /// Output ids, by output index.
    public let outputIds: [String]
    /// Model names used for grouping (`model` metadata, else `unknown`), by output index.
    public let outputModels: [String]
    /// Models of the scanned outputs, sorted.
    public let models: [String]
    /// Pairs found so far; sorted by work, then output, once final.
    public private(set) var pairs: [PairResult] = []
    /// How many of ``pairs`` have evidence (`EvidenceCounts(pairs).pairs`), kept as pairs
    /// arrive so the screen does not count 50,000 pairs on every frame.
    public private(set) var evidencePairs = 0
    /// How many passages of evidence (`cause` nil) each of ``pairs`` has, kept as pairs
    /// arrive: the `R` list numbers its rows from them without reading 50,000 pairs'
    /// passages on opening.
    private(set) var evidencePassageCounts: [Int] = []
    /// Every work's token data, once the engine has indexed the works.
    public private(set) var workTokens: [DocumentTokens]?
    /// Token data of the outputs that have pairs, by output index.
    public private(set) var outputTokens: [Int: DocumentTokens] = [:]
    /// The final result, once the scan is done.
    public private(set) var final: ScanResult?
    /// These are stored results shown marked stale while the case is scanned again
    /// (`AppModel.showStale`). The scan's result replaces them under the same
    /// generation, so the tables' caches tell the two apart by this.
    var isStale = false
    /// What the works × models table needs of the final result, made when it arrives.
    private(set) var modelTableIndex: ModelTableIndex?
    /// Seconds after start when the first pair arrived.
    public var firstPairSeconds: Double?
    /// Seconds after start when the scan ended.
    public var finishedSeconds: Double?
    /// Seconds after start when this scan's engine run began (its first
    /// message), so a re-scan's time is its own, not the program's.
    public var startedSeconds: Double?
    private var pairIndex: [PairKey: Int] = [:]
    private var pairsByWork: [Int: [Int]] = [:]

    /// Empty results for scan `generation` of `kase` with `options`.
    public init(generation: Int, options: ScanOptions, kase: Case) {
        self.generation = generation
        self.options = options
        outputDocs = kase.outputs.indices.filter { i in options.filters.allSatisfy { $0.matches(kase.outputs[i]) } }
        outputIds = outputDocs.map { kase.outputs[$0].id }
        outputModels = outputDocs.map { kase.outputs[$0].model ?? "unknown" }
        models = Set(outputModels).sorted()
    }

    /// True once the final result is in.
    public var isFinal: Bool { final != nil }

    /// Adds what the engine streamed.
    public mutating func apply(_ event: ScanStreamEvent, seconds: Double) {
        switch event {
        case .works(let tokens):
            workTokens = tokens
        case .output(let index, let tokens, let found):
            guard final == nil else { return }
            outputTokens[index] = tokens
            for p in found { add(p) }
            if firstPairSeconds == nil && !found.isEmpty { firstPairSeconds = seconds }
        }
    }

    /// Replaces what streamed in with the final result.
    public mutating func finish(_ result: ScanResult, seconds: Double) {
        final = result
        modelTableIndex = ModelTableIndex(result)
        finishedSeconds = seconds
        workTokens = result.workTokens
        outputTokens = [:]
        pairs = []
        evidencePairs = 0
        evidencePassageCounts = []
        pairIndex = [:]
        pairsByWork = [:]
        for p in result.pairs { add(p) }
        if firstPairSeconds == nil && !result.pairs.isEmpty { firstPairSeconds = seconds }
    }

    private mutating func add(_ p: PairResult) {
        let key = PairKey(work: p.work, output: p.output)
        if let i = pairIndex[key] {
            evidencePairs += (p.evidence ? 1 : 0) - (pairs[i].evidence ? 1 : 0)
            pairs[i] = p
            evidencePassageCounts[i] = Self.evidencePassages(p)
            return
        }
        pairIndex[key] = pairs.count
        pairsByWork[p.work, default: []].append(pairs.count)
        pairs.append(p)
        evidencePassageCounts.append(Self.evidencePassages(p))
        if p.evidence { evidencePairs += 1 }
    }

    /// Passages of evidence of `p`: those with no `cause`.
    static func evidencePassages(_ p: PairResult) -> Int { p.passages.reduce(0) { $1.cause == nil ? $0 + 1 : $0 } }

    /// The pair of `key`, if it has passages.
    public func pair(_ key: PairKey) -> PairResult? {
        pairIndex[key].map { pairs[$0] }
    }

    /// Number of pairs of work `work` so far.
    public func pairCount(work: Int) -> Int { pairsByWork[work]?.count ?? 0 }

    /// Pairs of work `work`, optionally only those whose output is of `model`.
    public func pairs(work: Int, model: String? = nil) -> [PairResult] {
        (pairsByWork[work] ?? []).map { pairs[$0] }.filter { model == nil || outputModels[$0.output] == model }
    }

    /// Token data of work `work`, once known.
    public func tokens(work: Int) -> DocumentTokens? {
        guard let all = workTokens, all.indices.contains(work) else { return nil }
        return all[work]
    }

    /// Token data of output `output`, once known (outputs with pairs only while streaming).
    public func tokens(output: Int) -> DocumentTokens? {
        if let final { return final.outputTokens.indices.contains(output) ? final.outputTokens[output] : nil }
        return outputTokens[output]
    }

    /// Pooled figures of work `work` over all outputs or those of `model`: the
    /// engine's (``WorkResult``) once final, else the core's `WorkFigures.pooled`
    /// over the pairs so far (the same code and denominator as the final figures).
    public func figures(work: Int, model: String?) -> WorkSummary {
        if let final {
            let w = final.works[work]
            let f = model.map { m in w.byModel.first { $0.model == m }?.figures ?? WorkFigures() } ?? w.figures
            return WorkSummary(tokens: w.tokens, figures: f, provisional: false)
        }
        // The core's pooling over the pairs so far, with the final figures' denominator
        // (excluded words taken out, from the streamed marks).
        let doc = tokens(work: work)
        let f = WorkFigures.pooled(pairs(work: work, model: model), tokens: doc?.coverageTokens ?? 1)
        let n = doc?.count ?? 0
        return WorkSummary(tokens: n, figures: f, provisional: true)
    }
}

/// A work's pooled figures as the screen shows them.
public struct WorkSummary: Sendable, Equatable {
    /// Tokens (words) of the work; 0 until the engine has indexed it.
    public var tokens: Int
    /// The figures. While ``provisional``, `attempts`, `hits` and `flags` are
    /// not known yet (the engine pools them at the end) and read as 0 / none.
    public var figures: WorkFigures
    /// True while the scan is still running: the figures count the pairs so far.
    public var provisional: Bool
}
