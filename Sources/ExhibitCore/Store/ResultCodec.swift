/// The `record` column of each store row: every field of a work, output or pair that
/// the exact `ScanResult` needs, in the `BinaryWriter` layout. One place for the
/// layout; bump `StoreSchema.version` when it changes.
enum ResultCodec {
    // MARK: Works

    static func encode(_ w: WorkResult, tokens: DocumentTokens) -> [UInt8] {
        var out = BinaryWriter()
        out.string(w.id)
        out.optionalString(w.title)
        out.int(w.document)
        out.int(w.tokens)
        out.int(w.excludedTokens)
        figures(w.figures, into: &out)
        out.int(w.byModel.count)
        for m in w.byModel {
            out.string(m.model)
            figures(m.figures, into: &out)
        }
        documentTokens(tokens, into: &out)
        return out.bytes
    }

    /// - Parameter tokens: false to skip the token data (an empty `DocumentTokens`).
    static func decodeWork(_ bytes: [UInt8], tokens withTokens: Bool = true) throws -> (WorkResult, DocumentTokens) {
        var r = BinaryReader(bytes)
        let id = try r.string(), title = try r.optionalString()
        let document = try r.int(), tokens = try r.int(), excluded = try r.int()
        let figures = try figures(&r)
        var byModel = [(model: String, figures: WorkFigures)]()
        for _ in 0..<(try r.count()) { byModel.append((try r.string(), try Self.figures(&r))) }
        var w = WorkResult(id: id, title: title, document: document, tokens: tokens, figures: figures, byModel: byModel)
        w.excludedTokens = excluded
        let t = try documentTokens(&r, decode: withTokens)
        try end(r)
        return (w, t)
    }

    // MARK: Outputs

    static func encode(_ o: OutputResult, tokens: DocumentTokens, attempts: [Int]) -> [UInt8] {
        var out = BinaryWriter()
        outputHeader(o, into: &out)
        outputTail(tokens: tokens, attempts: attempts, into: &out)
        return out.bytes
    }

    /// The part of an output record after its header (`outputHeader`): its token data,
    /// then its attempts. The same bytes for the output wherever it stands in the case
    /// (`UndecodedTokens`).
    static func outputTail(tokens: DocumentTokens, attempts: [Int], into out: inout BinaryWriter) {
        documentTokens(tokens, into: &out)
        out.int(attempts.count)
        for a in attempts { out.int(a) }
    }

    /// - Parameter tokens: false to skip the token data (an empty `DocumentTokens`).
    static func decodeOutput(_ bytes: [UInt8], tokens withTokens: Bool = true) throws -> (OutputResult, DocumentTokens, [Int]) {
        var r = BinaryReader(bytes)
        let o = try outputHeader(&r)
        let t = try documentTokens(&r, decode: withTokens)
        var attempts = [Int]()
        for _ in 0..<(try r.count()) { attempts.append(try r.int()) }
        try end(r)
        return (o, t, attempts)
    }

    /// An output record's fields before its token data (`encode(_:tokens:attempts:)`).
    static func outputHeader(_ r: inout BinaryReader) throws -> OutputResult {
        let id = try r.string(), document = try r.int(), model = try r.optionalString(), method = try r.string()
        let work = try r.optionalString(), tokens = try r.int(), echo = try r.int(), traced = try r.double()
        return OutputResult(id: id, document: document, model: model, method: method, work: work,
                            tokens: tokens, echoTokens: echo, tracedCoverage: traced)
    }

    /// Writes the fields of `outputHeader`.
    static func outputHeader(_ o: OutputResult, into out: inout BinaryWriter) {
        out.string(o.id)
        out.int(o.document)
        out.optionalString(o.model)
        out.string(o.method)
        out.optionalString(o.work)
        out.int(o.tokens)
        out.int(o.echoTokens)
        out.double(o.tracedCoverage)
    }

    // MARK: Pairs

    static func encode(_ p: PairResult) -> [UInt8] {
        var out = BinaryWriter()
        out.int(p.work)
        out.int(p.output)
        out.int(p.passages.count)
        for s in p.passages { passage(s, into: &out) }
        out.string(p.classification.rawValue)
        out.double(p.workCoverage)
        out.double(p.strictCoverage)
        out.double(p.outputCoverage)
        out.int(p.matchedWords)
        out.int(p.supplied)
        out.bool(p.evidence)
        out.optionalString(p.cause?.rawValue)
        out.int(p.longestVerbatim)
        out.int(p.longestPassage)
        out.ranges(p.reproduced)
        out.ranges(p.strictReproduced)
        out.ranges(p.suppliedRanges)
        out.ranges(p.outputCounted)
        findings(p.flags, into: &out)
        return out.bytes
    }

    static func decodePair(_ bytes: [UInt8]) throws -> PairResult {
        var r = BinaryReader(bytes)
        let work = try r.int(), output = try r.int()
        var passages = [Passage]()
        for _ in 0..<(try r.count()) { passages.append(try passage(&r)) }
        guard let classification = Classification(rawValue: try r.string()) else {
            throw StoreError.malformed("unknown classification")
        }
        var p = PairResult(work: work, output: output, passages: passages, classification: classification,
                           workCoverage: try r.double(), strictCoverage: try r.double(), outputCoverage: try r.double(),
                           matchedWords: try r.int(), supplied: try r.int(), evidence: try r.bool(),
                           cause: try cause(&r), longestVerbatim: try r.int(), longestPassage: try r.int(),
                           reproduced: try r.ranges(), strictReproduced: try r.ranges(), suppliedRanges: try r.ranges(),
                           flags: [])
        p.outputCounted = try r.ranges()
        p.flags = try findings(&r)
        try end(r)
        return p
    }

    // MARK: Result-wide lists

    static func encode(warnings: [CaseIssue], exclusions: [ExcludedSpan], boilerplateWorks: Int?) -> [UInt8] {
        var out = BinaryWriter()
        issues(warnings, into: &out)
        out.int(exclusions.count)
        for e in exclusions {
            out.string(e.source)
            out.range(e.scalars)
            out.optionalString(e.annotation)
        }
        out.optionalInt(boilerplateWorks)
        return out.bytes
    }

    static func decodeResultLists(_ bytes: [UInt8]) throws
        -> (warnings: [CaseIssue], exclusions: [ExcludedSpan], boilerplateWorks: Int?) {
        var r = BinaryReader(bytes)
        let warnings = try issues(&r)
        var exclusions = [ExcludedSpan]()
        for _ in 0..<(try r.count()) {
            exclusions.append(ExcludedSpan(source: try r.string(), scalars: try r.range(), annotation: try r.optionalString()))
        }
        let threshold = try r.optionalInt()
        try end(r)
        return (warnings, exclusions, threshold)
    }

    // MARK: Parts

    /// A list of case issues (path, line, offset, message): one layout for the result's
    /// warnings and the case outline's errors and warnings (`CaseOutlineCodec`).
    static func issues(_ list: [CaseIssue], into out: inout BinaryWriter) {
        out.int(list.count)
        for i in list {
            out.string(i.path)
            out.optionalInt(i.line)
            out.optionalInt(i.offset)
            out.string(i.message)
        }
    }

    static func issues(_ r: inout BinaryReader) throws -> [CaseIssue] {
        var out = [CaseIssue]()
        for _ in 0..<(try r.count()) {
            out.append(CaseIssue(path: try r.string(), line: try r.optionalInt(), offset: try r.optionalInt(),
                                 message: try r.string()))
        }
        return out
    }

    private static func end(_ r: BinaryReader) throws {
        guard r.isAtEnd else { throw StoreError.malformed("record longer than its fields") }
    }

    private static func figures(_ f: WorkFigures, into out: inout BinaryWriter) {
        out.double(f.strictCoverage)
        out.double(f.looseCoverage)
        out.int(f.longestBlock)
        out.int(f.longPassages)
        out.int(f.outputsContributing)
        out.int(f.attempts)
        out.int(f.hits)
        findings(f.flags, into: &out)
        out.ranges(f.reproduced)
        out.ranges(f.strictReproduced)
    }

    private static func figures(_ r: inout BinaryReader) throws -> WorkFigures {
        var f = WorkFigures()
        f.strictCoverage = try r.double()
        f.looseCoverage = try r.double()
        f.longestBlock = try r.int()
        f.longPassages = try r.int()
        f.outputsContributing = try r.int()
        f.attempts = try r.int()
        f.hits = try r.int()
        f.flags = try findings(&r)
        f.reproduced = try r.ranges()
        f.strictReproduced = try r.ranges()
        return f
    }

    private static func findings(_ fs: [Finding], into out: inout BinaryWriter) {
        out.int(fs.count)
        for f in fs {
            out.string(f.rule)
            out.string(f.detail)
        }
    }

    private static func findings(_ r: inout BinaryReader) throws -> [Finding] {
        var out = [Finding]()
        for _ in 0..<(try r.count()) { out.append(Finding(rule: try r.string(), detail: try r.string())) }
        return out
    }

    private static func cause(_ r: inout BinaryReader) throws -> NoEvidenceCause? {
        guard let raw = try r.optionalString() else { return nil }
        guard let c = NoEvidenceCause(rawValue: raw) else { throw StoreError.malformed("unknown cause '\(raw)'") }
        return c
    }

    private static func passage(_ s: Passage, into out: inout BinaryWriter) {
        out.range(s.workTokens)
        out.range(s.outputTokens)
        out.range(s.workScalars)
        out.range(s.outputScalars)
        out.int(s.runs.count)
        for run in s.runs {
            out.int(run.work)
            out.int(run.output)
            out.int(run.length)
        }
        out.int(s.matched)
        out.int(s.same)
        out.int(s.longestVerbatim)
        out.double(s.identity)
        out.optionalString(s.cause?.rawValue)
        out.int(s.alsoIn.count)
        for a in s.alsoIn {
            out.int(a.work)
            out.range(a.scalars)
            out.string(a.workID)
        }
    }

    private static func passage(_ r: inout BinaryReader) throws -> Passage {
        let wt = try r.range(), ot = try r.range(), ws = try r.range(), os = try r.range()
        var runs = [AlignedRun]()
        for _ in 0..<(try r.count()) { runs.append(AlignedRun(work: try r.int(), output: try r.int(), length: try r.int())) }
        var s = Passage(workTokens: wt, outputTokens: ot, workScalars: ws, outputScalars: os, runs: runs,
                        matched: try r.int(), same: try r.int(), longestVerbatim: try r.int(), identity: try r.double())
        s.cause = try cause(&r)
        for _ in 0..<(try r.count()) { s.alsoIn.append(AlsoIn(work: try r.int(), scalars: try r.range(), workID: try r.string())) }
        return s
    }

    private static func documentTokens(_ t: DocumentTokens, into out: inout BinaryWriter) {
        out.offsets(t.starts)
        out.offsets(t.ends)
        out.flags(t.boilerplate)
        out.flags(t.echo)
        out.flags(t.excluded)
    }

    static func documentTokens(_ r: inout BinaryReader, decode: Bool = true) throws -> DocumentTokens {
        guard decode else {
            try r.skipOffsets()
            try r.skipOffsets()
            for _ in 0..<3 { try r.skipFlags() }
            return DocumentTokens(starts: [], ends: [], boilerplate: [], echo: [])
        }
        return DocumentTokens(starts: try r.offsets(), ends: try r.offsets(), boilerplate: try r.flags(), echo: try r.flags(),
                       excluded: try r.flags())
    }
}
