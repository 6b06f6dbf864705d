import Dispatch
import Synchronization

/// A scan that reads its outputs a batch of files at a time and keeps only their
/// outlines (issue 12): the works are tokenized and indexed first, then each batch is
/// read, matched on all cores and its texts dropped, so an XL case's output texts are
/// never all held. Its result equals `scan(_:options:…)` of the case `CaseLoader.load`
/// gives, byte for byte in every report.
extension Scanner {
    /// Scans the case `batches` reads, with every output (no `options.filters`: the
    /// results store holds every output, and its callers filter after).
    /// - Parameters:
    ///   - batches: the case as read so far (works, no outputs); read to its end here.
    ///   - progress, control: as for `scan(_:options:…)`.
    ///   - worksPrepared: given the prepared works once they are ready.
    /// - Returns: the case as `CaseLoader.load` gives it but with outlines for outputs
    ///   and works (`text` empty, `prompt` nil: what the reports and the store read);
    ///   the result, without output token data (every `outputTokens` entry empty: the
    ///   reports never read it); and, parallel to its outputs, the token data and
    ///   attempts of each output that keeps token data (`DocumentTokens.isWorthKeeping`)
    ///   encoded as its store record holds them (`ResultsStore.write(encodedTokens:)`),
    ///   nil for the others.
    /// - Throws: `CancellationError` when `control` is cancelled.
    static func scan(batches: inout CaseOutputBatches, options: ScanOptions,
                            progress: (@Sendable (ScanProgress) -> Void)? = nil,
                            control: ScanControl? = nil,
                            worksPrepared: ((PreparedWorks) -> Void)? = nil)
        throws -> (Case, ScanResult, [UndecodedTokens?]) {
        precondition(options.filters.isEmpty, "a streamed scan holds every output; filter its result")
        var engineWarnings = [CaseIssue]()
        var held: MatchEngine? = try engine(for: batches.kase, options: options, control: control, progress: progress,
                                            warnings: &engineWarnings)
        worksPrepared?(held!.prepared)
        // The works' texts are tokenized: from here on only their outlines are read.
        batches.dropWorkTexts()
        // The texts and the engine's scaffolding are freed: their pages go back (`HeapTrim`).
        HeapTrim.release()
        let works = batches.kase.works
        held!.works = works
        let k = held!.k
        // What pooling needs of the engine: the index is let go before it.
        let workTokens = held!.workTokens, threshold = held!.threshold
        let exclusions = held!.exclusionsApplied
        let workIDs = works.map(\.id)
        let threads = max(1, options.threads)

        // Each batch is read, matched and its texts dropped; an output keeps its outline,
        // its token data only when worth keeping (`OutputScan.dropTokensNotWorthKeeping`),
        // and then encoded (`OutputScan.encodeTokens`), its pairs as records
        // (`OutputScan.encodePairs`) until the index is let go.
        var outlines = [Document](), scans = [OutputScan]()
        var pairsFound = 0
        // The next batch is read while this one is matched: reading and hashing is one
        // task per file, so a core would otherwise wait for the batch's largest file.
        let reader = BatchReader(batches)
        var upcoming = reader.read()
        while let batch = upcoming {
            let group = DispatchGroup()
            let ahead = Mutex<[Document]?>(nil)
            DispatchQueue.global().async(group: group) {
                let next = reader.read()
                ahead.withLock { $0 = next }
            }
            defer {
                group.wait()
                upcoming = ahead.withLock { $0 }
            }
            if control?.isCancelled == true { throw CancellationError() }
            let matched = outlines.count
            progress?(ScanProgress(phase: .matching, documentsTokenized: works.count + matched,
                                   documentsTotal: works.count + matched + batch.count, outputsMatched: matched,
                                   outputsTotal: matched + batch.count, pairsFound: pairsFound))
            let engine = held!
            let part: [OutputScan] = parallelMap(batch.count, threads: threads, chunk: 16) { i in
                if control?.isCancelled == true { return OutputScan() }
                // The index is set once the outputs are in id order.
                var scan = engine.match(batch[i], outputIndex: 0)
                AlsoInFinder.addSharedQuotations(to: &scan.pairs, minWords: k, workIDs: workIDs)
                scan.fingerprint = OutputFingerprint.of(batch[i])
                scan.dropTokensNotWorthKeeping()
                scan.encodeTokens()
                scan.encodePairs()
                return scan
            }
            for var d in batch {
                d.text = ""
                d.prompt = nil
                outlines.append(d)
            }
            for s in part { pairsFound += s.pairRecords.count }
            scans += part
        }
        held = nil
        batches = reader.batches
        if control?.isCancelled == true { throw CancellationError() }

        // The case's order: outputs by id (unique once duplicates are left out).
        let order = outlines.indices.sorted { outlines[$0].id < outlines[$1].id }
        // Each outline is moved, not copied, into the case's order (a copy retains every
        // field); the scans are put in order, their pairs decoded, on all cores (`inOrder`).
        var outputs = [Document]()
        outputs.reserveCapacity(order.count)
        for from in order {
            outputs.append(Self.take(&outlines[from], leaving: Document(id: "", role: .output, path: "", text: "")))
        }
        outlines = []
        let (perOutput, encoded) = try inOrder(scans, order: order, threads: threads)
        scans = []
        let kase = batches.finish(outputs: outputs)
        progress?(ScanProgress(phase: .pooling, documentsTokenized: works.count + outputs.count,
                               documentsTotal: works.count + outputs.count, outputsMatched: outputs.count,
                               outputsTotal: outputs.count, pairsFound: pairsFound))
        let warnings = filterWarnings(kase, filters: [], kept: outputs.count) + engineWarnings
        let result = pool(works: works, outputs: outputs, outputDocs: Array(outputs.indices), options: options,
                          perOutput: perOutput, workTokens: workTokens, warnings: warnings,
                          threshold: threshold, exclusions: exclusions)
        progress?(ScanProgress(phase: .done, documentsTokenized: works.count + outputs.count,
                               documentsTotal: works.count + outputs.count, outputsMatched: outputs.count,
                               outputsTotal: outputs.count, pairsFound: pairsFound))
        return (kase, result, encoded)
    }

    /// `scans` in the case's order (`order[o]`: the index into `scans` of output `o`),
    /// their pairs decoded (`OutputScan.decodePairs`, on all cores: the index is let go
    /// by now) and given their output's index; and apart, parallel to them, each one's
    /// token data held encoded (`OutputScan.encoded`).
    private static func inOrder(_ scans: [OutputScan], order: [Int], threads: Int) throws
        -> ([OutputScan], [UndecodedTokens?]) {
        let decoded: [Result<OutputScan, any Error>] = parallelMap(order.count, threads: threads, chunk: 256) { o in
            Result {
                var scan = scans[order[o]]
                try scan.decodePairs()
                for p in scan.pairs.indices { scan.pairs[p].output = o }
                return scan
            }
        }
        var perOutput = [OutputScan](), encoded = [UndecodedTokens?]()
        perOutput.reserveCapacity(order.count)
        encoded.reserveCapacity(order.count)
        for r in decoded {
            var scan = try r.get()
            encoded.append(scan.encoded)
            scan.encoded = nil
            perOutput.append(scan)
        }
        return (perOutput, encoded)
    }

    /// `value`, `placeholder` left in its place (a move out of an array element).
    private static func take<T>(_ value: inout T, leaving placeholder: T) -> T {
        var out = placeholder
        swap(&out, &value)
        return out
    }

    /// The engine of `kase`'s works (a function of its own, so the case with the works'
    /// texts is let go when it returns).
    private static func engine(for kase: Case, options: ScanOptions, control: ScanControl?,
                               progress: (@Sendable (ScanProgress) -> Void)?,
                               warnings: inout [CaseIssue]) throws -> MatchEngine {
        try MatchEngine.prepare(kase: kase, works: kase.works, outputs: [], options: options,
                                allWorks: kase.works.map(\.id), globalWork: Array(kase.works.indices), global: nil,
                                prepared: nil, control: control, progress: progress, warnings: &warnings)
    }
}

/// Hands out the batches of a `CaseOutputBatches` to one reader thread at a time: each
/// read is waited for before the next starts or `batches` is read back.
private final class BatchReader: @unchecked Sendable {
    var batches: CaseOutputBatches
    init(_ batches: CaseOutputBatches) { self.batches = batches }
    func read() -> [Document]? { batches.nextBatch() }
}
