/// The machine-readable results of a scan (SPEC §8): one JSON object with keys in a
/// fixed order. Same case and options give byte-identical text.
public enum ScanReport {
    /// The report as a JSON value.
    public static func json(case kase: Case, result r: ScanResult) -> JSONValue {
        body(case: kase, result: r, works: .array(r.works.map(work)), outputs: .array(r.outputs.map(output)),
             pairs: .array(r.pairs.map { pair($0, r) }))
    }

    /// The report as text, `json(case:result:).serialized(indent:)` byte for byte, its
    /// works, outputs and pairs serialized on all cores and never all held as values at once.
    public static func text(case kase: Case, result r: ScanResult, indent: Int? = 1) -> String {
        String(decoding: utf8(case: kase, result: r, indent: indent), as: UTF8.self)
    }

    /// `text(case:result:indent:)` as UTF-8, as it is written to a file.
    public static func utf8(case kase: Case, result r: ScanResult, indent: Int? = 1) -> [UInt8] {
        made(case: kase, result: r).utf8(indent: indent)
    }

    /// `utf8(case:result:indent:)` handed to `emit` a piece at a time, in order, never
    /// held whole (an XL scan's report is a gigabyte: it goes to its file as it is made).
    /// - Throws: the first error `emit` throws.
    public static func utf8(case kase: Case, result r: ScanResult, indent: Int? = 1,
                            emit: ([UInt8]) throws -> Void) throws {
        try made(case: kase, result: r).utf8(indent: indent, emit: emit)
    }

    /// The report with its works, outputs and pairs made on demand (`JSONValue.elements`).
    private static func made(case kase: Case, result r: ScanResult) -> JSONValue {
        // The works too: each carries its figures per model, a tenth of a large report.
        body(case: kase, result: r, works: .elements(count: r.works.count) { work(r.works[$0]) },
             outputs: .elements(count: r.outputs.count) { output(r.outputs[$0]) },
             pairs: .elements(count: r.pairs.count) { pair(r.pairs[$0], r) })
    }

    private static func body(case kase: Case, result r: ScanResult, works: JSONValue, outputs: JSONValue,
                             pairs: JSONValue) -> JSONValue {
        let o = r.options
        var parameters: [(String, JSONValue)] = [
            ("min_words", .int(o.match.minWords)),
            ("max_gap", .int(o.match.maxGap)),
            ("min_identity", .fraction(o.match.minIdentity)),
            ("x_drop", .int(o.match.xDrop)),
            ("echo_words", .int(o.match.echoWords)),
            ("boilerplate_works", r.boilerplateWorks.map { .int($0) } ?? .null),
            ("substantial_words", .int(o.findings.substantialWords)),
            ("near_exact_identity", .fraction(o.findings.nearExactIdentity)),
            ("substantial_fraction", .fraction(o.findings.substantialFraction)),
        ]
        let n = o.normalize
        parameters.append(("normalize", .object([
            ("nfkc", .bool(n.nfkc)), ("case_fold", .bool(n.caseFold)), ("quotes", .bool(n.quotes)),
            ("invisibles", .bool(n.invisibles)), ("hyphens", .bool(n.hyphens)), ("cjk_chars", .bool(n.cjkChars)),
        ])))
        parameters.append(("where", .array(o.filters.map { .string($0.description) })))
        // Counsel's exclusions change the figures, so they are parameters of the run.
        parameters.append(("excluded", .array(r.exclusions.map { x in
            .object([("source", .string(x.source)), ("start", .int(x.scalars.lowerBound)),
                     ("end", .int(x.scalars.upperBound)), ("annotation", .optional(x.annotation))])
        })))

        let issue: (CaseIssue) -> JSONValue = { i in
            .object([("path", .string(i.path)), ("line", i.line.map { .int($0) } ?? .null),
                      ("offset", i.offset.map { .int($0) } ?? .null), ("message", .string(i.message))])
        }
        let warnings = (kase.warnings + r.warnings).sorted {
            ($0.path, $0.line ?? 0, $0.offset ?? 0) < ($1.path, $1.line ?? 0, $1.offset ?? 0)
        }
        return .object([
            ("engine", .object([("name", .string("exhibit")), ("version", .string(r.engineVersion))])),
            ("parameters", .object(parameters)),
            ("case", .object([("title", .string(kase.title))])),
            ("files", .array(kase.files.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("errors", .array(kase.errors.map(issue))),
            ("warnings", .array(warnings.map(issue))),
            ("works", works),
            ("outputs", outputs),
            ("pairs", pairs),
        ])
    }

    private static func work(_ w: WorkResult) -> JSONValue {
        .object([("id", .string(w.id)), ("title", .optional(w.title)), ("tokens", .int(w.tokens)),
                 ("excluded_tokens", .int(w.excludedTokens))]
            + figures(w.figures)
            + [("by_model", .object(w.byModel.map { ($0.model, .object(figures($0.figures))) }))])
    }

    private static func output(_ out: OutputResult) -> JSONValue {
        .object([("id", .string(out.id)), ("model", .optional(out.model)), ("method", .string(out.method)),
                 ("work", .optional(out.work)), ("tokens", .int(out.tokens)), ("echo_tokens", .int(out.echoTokens)),
                 ("traced_coverage", .fraction(out.tracedCoverage))])
    }

    private static func figures(_ f: WorkFigures) -> [(String, JSONValue)] {
        [("strict_coverage", .fraction(f.strictCoverage)), ("loose_coverage", .fraction(f.looseCoverage)),
         ("longest_block", .int(f.longestBlock)), ("long_passages", .int(f.longPassages)),
         ("outputs_contributing", .int(f.outputsContributing)), ("attempts", .int(f.attempts)),
         ("hits", .int(f.hits)), ("flags", flags(f.flags))]
    }

    private static func flags(_ f: [Finding]) -> JSONValue {
        .array(f.map { .object([("rule", .string($0.rule)), ("detail", .string($0.detail))]) })
    }

    /// `[{"work", "start", "end"}]`: work ids and scalar offsets.
    private static func alsoIn(_ places: [AlsoIn], _ r: ScanResult) -> JSONValue {
        .array(places.map { .object([("work", .string($0.workID)), ("start", .int($0.scalars.lowerBound)),
                                     ("end", .int($0.scalars.upperBound))]) })
    }

    private static func pair(_ p: PairResult, _ r: ScanResult) -> JSONValue {
        let side: (Range<Int>, Range<Int>) -> JSONValue = { scalars, tokens in
            .object([("start", .int(scalars.lowerBound)), ("end", .int(scalars.upperBound)),
                     ("first_token", .int(tokens.lowerBound)), ("end_token", .int(tokens.upperBound))])
        }
        return .object([
            ("work", .string(r.works[p.work].id)), ("output", .string(r.outputs[p.output].id)),
            ("classification", .string(p.classification.rawValue)),
            ("work_coverage", .fraction(p.workCoverage)), ("strict_coverage", .fraction(p.strictCoverage)),
            ("output_coverage", .fraction(p.outputCoverage)), ("matched_words", .int(p.matchedWords)),
            ("supplied", .int(p.supplied)), ("evidence", .bool(p.evidence)), ("longest_verbatim", .int(p.longestVerbatim)),
            ("longest_passage", .int(p.longestPassage)),
            ("passages", .array(p.passages.map { s in
                .object([("work", side(s.workScalars, s.workTokens)), ("output", side(s.outputScalars, s.outputTokens)),
                         ("matched", .int(s.matched)), ("longest_verbatim", .int(s.longestVerbatim)),
                         ("identity", .fraction(s.identity)), ("tier", .string(s.tier.rawValue)),
                         ("label", .string(s.displayLabel)), ("evidence", .bool(s.evidence)),
                         ("also_in", alsoIn(s.alsoIn, r))])
            })),
            ("flags", flags(p.flags)),
        ])
    }
}
