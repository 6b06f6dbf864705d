/// Builds the format-neutral `ExportContent` of a selection from a case and its scan.
struct ExportContentBuilder {
    let kase: Case
    let result: ScanResult
    let options: ExportOptions

    /// - Throws: `ExportError` for unknown ids, a pair without passages, a passage
    ///   number out of range, or annotations asked for without a store.
    func build(_ selection: ExportSelection) throws -> ExportContent {
        switch selection {
        case .pair(let work, let output, let passage): try pair(work: work, output: output, passage: passage)
        case .work(let id): try work(id)
        case .annotations(let tag): try annotations(tag: tag)
        }
    }

    // MARK: Pair

    private func pair(work workID: String, output outputID: String, passage: Int?) throws -> ExportContent {
        guard let wi = result.works.firstIndex(where: { $0.id == workID }) else { throw ExportError.unknownWork(workID) }
        guard let oi = result.outputs.firstIndex(where: { $0.id == outputID }) else { throw ExportError.unknownOutput(outputID) }
        guard let pi = result.pairs.firstIndex(where: { $0.work == wi && $0.output == oi }) else {
            return try noPassages(work: wi, output: oi, passage: passage)
        }
        let p = result.pairs[pi]
        if let passage, !(1...p.passages.count).contains(passage) {
            throw ExportError.noSuchPassage(passage, count: p.passages.count)
        }
        let workDoc = kase.works[result.works[wi].document]
        let outDoc = kase.outputs[result.outputs[oi].document]
        let selected = passage.map { [$0 - 1] } ?? Array(p.passages.indices)

        var excerpts = [ExportExcerpt]()
        var rows = [ExportPassageRow]()
        for i in selected {
            let s = p.passages[i]
            let (w, o) = sides(pairIndex: pi, passage: i, workDoc: workDoc, outDoc: outDoc)
            excerpts.append(ExportExcerpt(heading: "Passage \(i + 1) of \(p.passages.count)",
                                          figures: passageFigures(s), primary: w, counterparts: [o]))
            rows.append(ExportPassageRow(work: workDoc, output: outDoc, number: i + 1, passage: s,
                                         workSegments: w.segments, outputSegments: o.segments, notes: w.notes + o.notes))
        }
        let out = result.outputs[oi]
        var summary = [
            ExportField("Work", workDoc.id + (workDoc.title.map { " — \($0)" } ?? "")),
            ExportField("Output", outDoc.id),
            ExportField("Model", out.model ?? "(not recorded)"),
            ExportField("Method (metadata)", out.method),
            ExportField("Prompt", outDoc.prompt ?? "(not recorded)"),
            ExportField("Classification", p.classification.rawValue),
            ExportField("Passages", Self.passagesValue(p)),
            ExportField("Matched words", "\(p.matchedWords) (output words copied verbatim, not echo, supplied, boilerplate or excluded)"),
            ExportField("Work coverage", percentAndFraction(p.workCoverage)),
            ExportField("Strict coverage (passages ≥ 40 words)", percentAndFraction(p.strictCoverage)),
            ExportField("Output coverage", percentAndFraction(p.outputCoverage)),
            ExportField("Supplied by the prompt", suppliedValue(pairIndex: pi)),
            ExportField("Longest verbatim run", "\(p.longestVerbatim) words"),
            ExportField("Longest passage", "\(p.longestPassage) words"),
            ExportField("Output words", "\(out.tokens), of which prompt echo \(out.echoTokens)"),
        ]
        let excluded = result.works[wi].excludedTokens
        if excluded > 0 { summary.insert(Self.excludedField(excluded), at: 8) }
        if let aimed = out.work { summary.insert(ExportField("Aimed at work (metadata)", aimed), at: 4) }
        if let why = p.noEvidenceLabel {
            summary.insert(ExportField("Evidence", "none (\(why)): listed for review, counted in no figure"), at: 0)
        }
        let subject = "pair: work \(workDoc.id) × output \(outDoc.id), "
            + (passage.map { "passage \($0) of \(p.passages.count)" } ?? "all passages (\(p.passages.count))")
        let shown = Set(rows.flatMap(\.notes))
        return ExportContent(
            kind: .pair, title: "Pair: work \(workDoc.id) × output \(outDoc.id)",
            provenance: ExportProvenance(case: kase, result: result, subject: subject, documents: [workDoc, outDoc],
                                         options: options, annotationsShown: shown.count),
            summary: summary, flags: p.flags, excerpts: excerpts, passageRows: rows, annotationRows: [])
    }

    /// `3`, or `3 with evidence; 1 more listed without evidence (no evidence: prompt echo), counted nowhere`.
    static func passagesValue(_ p: PairResult) -> String {
        let without = p.passages.filter { !$0.evidence }
        guard !without.isEmpty else { return String(p.evidencePassages) }
        let causes = Set(without.map(\.displayLabel)).sorted().joined(separator: ", ")
        return "\(p.evidencePassages) with evidence; \(without.count) more listed without evidence (\(causes)), counted nowhere"
    }

    /// The supplied count, and how many of those words the excerpts mark: the count is over
    /// the whole work, the marks only inside the passages shown, so the two differ when
    /// the prompt held work text the output did not copy.
    private func suppliedValue(pairIndex pi: Int) -> String {
        let p = result.pairs[pi]
        guard p.supplied > 0 else { return "0 work words" }
        var shown = [Range<Int>]()
        for s in p.passages { shown.append(s.workTokens) }
        let windows = mergeIntervals(shown)
        let marked = windows.reduce(0) { n, window in
            n + TokenLabeler.labels(pairIndex: pi, in: result, passages: [], workWindow: window, outputWindow: 0..<0)
                .work.count(.supplied)
        }
        return "\(p.supplied) work words held by the prompt (whole work); \(marked) of them inside the passages shown,"
            + " marked as from the prompt"
    }

    /// A pair with no passage: the header, the pair's documents and `no passages`.
    private func noPassages(work wi: Int, output oi: Int, passage: Int?) throws -> ExportContent {
        if let passage { throw ExportError.noSuchPassage(passage, count: 0) }
        let workDoc = kase.works[result.works[wi].document]
        let outDoc = kase.outputs[result.outputs[oi].document]
        let out = result.outputs[oi]
        let k = result.options.match.minWords
        var why = "the output shares no run of ≥ min_words \(k) words with the work outside boilerplate"
        let words = (work: result.works[wi].tokens, output: out.tokens)
        if words.work < k { why = Scanner.tooShortMessage(words: words.work, minWords: k) + " (work)" }
        if words.output < k { why = Scanner.tooShortMessage(words: words.output, minWords: k) + " (output)" }
        let summary = [
            ExportField("Work", workDoc.id + (workDoc.title.map { " — \($0)" } ?? "")),
            ExportField("Output", outDoc.id),
            ExportField("Model", out.model ?? "(not recorded)"),
            ExportField("Passages", "no passages: \(why)"),
        ]
        return ExportContent(
            kind: .pair, title: "Pair: work \(workDoc.id) × output \(outDoc.id)",
            provenance: ExportProvenance(case: kase, result: result, subject: "pair: work \(workDoc.id) × output \(outDoc.id), no passages",
                                         documents: [workDoc, outDoc], options: options, annotationsShown: 0),
            summary: summary, flags: [], excerpts: [], passageRows: [], annotationRows: [])
    }

    /// The work and output sides of passage `i` of pair `pi`, labelled by that passage alone.
    private func sides(pairIndex pi: Int, passage i: Int, workDoc: Document, outDoc: Document) -> (ExportSide, ExportSide) {
        let p = result.pairs[pi]
        let s = p.passages[i]
        let labels = TokenLabeler.labels(pairIndex: pi, in: result, passages: [i],
                                         workWindow: s.workTokens, outputWindow: s.outputTokens)
        let wt = result.workTokens[p.work], ot = result.outputTokens[p.output]
        let work = ExportSide(
            role: .work, documentID: workDoc.id, source: workDoc.source, caption: "Work \(workDoc.id)",
            scalars: s.workScalars, tokens: s.workTokens, figures: [],
            segments: StyledText.segments(text: workDoc.text, scalars: s.workScalars, tokens: wt, labels: labels.work),
            notes: notes(on: workDoc, s.workScalars))
        let model = result.outputs[p.output].model.map { " (\($0))" } ?? ""
        let output = ExportSide(
            role: .output, documentID: outDoc.id, source: outDoc.source, caption: "Output \(outDoc.id)\(model)",
            scalars: s.outputScalars, tokens: s.outputTokens, figures: [],
            segments: StyledText.segments(text: outDoc.text, scalars: s.outputScalars, tokens: ot, labels: labels.output),
            notes: notes(on: outDoc, s.outputScalars))
        return (work, output)
    }

    private func passageFigures(_ s: Passage) -> [ExportField] {
        var out = [ExportField("label", s.displayLabel), ExportField("tier", s.tier.rawValue),
         ExportField("matched", "\(s.matched) words"), ExportField("identity", formatFraction(s.identity)),
         ExportField("longest verbatim run", "\(s.longestVerbatim) words"),
         ExportField("same tokens (echo, supplied and boilerplate included)", String(s.same))]
        if !s.alsoIn.isEmpty { out.append(ExportField("also in", Self.alsoInValue(s.alsoIn))) }
        return out
    }

    /// `2 works: a [10, 52); b [300, 342)` (a refrain's places are in the same work).
    static func alsoInValue(_ places: [AlsoIn]) -> String {
        let works = Set(places.map(\.work)).count
        return "\(works == 1 ? "1 work" : "\(works) works"): " + places.map(\.description).joined(separator: "; ")
    }

    // MARK: Work

    private func work(_ workID: String) throws -> ExportContent {
        guard let wi = result.works.firstIndex(where: { $0.id == workID }) else { throw ExportError.unknownWork(workID) }
        let w = result.works[wi]
        let workDoc = kase.works[w.document]
        let tokens = result.workTokens[wi]
        let labels = TokenLabeler.workLabels(work: wi, in: result)

        // Every passage of the work, labelled by itself, once.
        struct Contribution {
            var pair: Int
            var passage: Int
            var work: TokenLabels
            var output: TokenLabels
        }
        var contributions = [Contribution]()
        for (pi, p) in result.pairs.enumerated() where p.work == wi {
            for (i, s) in p.passages.enumerated() {
                let l = TokenLabeler.labels(pairIndex: pi, in: result, passages: [i],
                                            workWindow: s.workTokens, outputWindow: s.outputTokens)
                if l.work.labels.contains(where: \.isEvidence) {
                    contributions.append(Contribution(pair: pi, passage: i, work: l.work, output: l.output))
                }
            }
        }

        var excerpts = [ExportExcerpt]()
        var documents = [workDoc]
        var rowKeys = Set<[Int]>()
        var rows = [ExportPassageRow]()
        let spans = w.figures.reproduced
        for (k, span) in spans.enumerated() {
            let scalars = tokens.scalars(of: span)
            let strict = Intervals.overlap(w.figures.strictReproduced, span)
            let primary = ExportSide(
                role: .work, documentID: workDoc.id, source: workDoc.source, caption: "Work \(workDoc.id)",
                scalars: scalars, tokens: span, figures: [],
                segments: StyledText.segments(text: workDoc.text, scalars: scalars, tokens: tokens, labels: labels),
                notes: notes(on: workDoc, scalars))
            var counterparts = [ExportSide]()
            for c in contributions {
                let p = result.pairs[c.pair], s = p.passages[c.passage]
                guard s.workTokens.overlaps(span) else { continue }
                let inSpan = s.workTokens.clamped(to: span).filter { c.work[$0].isEvidence }
                guard let first = inSpan.first, let last = inSpan.last else { continue }
                let outDoc = kase.outputs[result.outputs[p.output].document]
                documents.append(outDoc)
                let model = result.outputs[p.output].model.map { " (\($0))" } ?? ""
                counterparts.append(ExportSide(
                    role: .output, documentID: outDoc.id, source: outDoc.source,
                    caption: "Output \(outDoc.id)\(model), passage \(c.passage + 1) of \(p.passages.count)",
                    scalars: s.outputScalars, tokens: s.outputTokens,
                    figures: [ExportField("reproduces work tokens", "\(inSpan.count) in [\(first), \(last + 1))"),
                              ExportField("passage work scalars", "[\(s.workScalars.lowerBound), \(s.workScalars.upperBound))"),
                              ExportField("label", s.displayLabel), ExportField("tier", s.tier.rawValue),
                              ExportField("matched", "\(s.matched) words"), ExportField("identity", formatFraction(s.identity)),
                              ExportField("classification", p.classification.rawValue)],
                    segments: StyledText.segments(text: outDoc.text, scalars: s.outputScalars,
                                                  tokens: result.outputTokens[p.output], labels: c.output),
                    notes: notes(on: outDoc, s.outputScalars)))
                if rowKeys.insert([c.pair, c.passage]).inserted {
                    rows.append(ExportPassageRow(
                        work: workDoc, output: outDoc, number: c.passage + 1, passage: s,
                        workSegments: StyledText.segments(text: workDoc.text, scalars: s.workScalars, tokens: tokens, labels: c.work),
                        outputSegments: counterparts.last!.segments,
                        notes: notes(on: workDoc, s.workScalars) + counterparts.last!.notes))
                }
            }
            excerpts.append(ExportExcerpt(
                heading: "Reproduced span \(k + 1) of \(spans.count)",
                figures: [ExportField("work tokens", "\(span.count) in [\(span.lowerBound), \(span.upperBound))"),
                          ExportField("of them in passages ≥ 40 words (strict)", String(strict)),
                          ExportField("passages reproducing it", String(counterparts.count))],
                primary: primary, counterparts: counterparts))
        }
        rows.sort { ($0.output.id, $0.number) < ($1.output.id, $1.number) }

        let f = w.figures
        var summary = [
            ExportField("Work", workDoc.id + (workDoc.title.map { " — \($0)" } ?? "")),
            ExportField("Work words", String(w.tokens)),
        ]
        if w.excludedTokens > 0 { summary.append(Self.excludedField(w.excludedTokens)) }
        summary += workFigures(f)
        for (model, mf) in w.byModel {
            summary.append(ExportField("Model \(model)",
                                       "strict \(percentAndFraction(mf.strictCoverage)), loose \(percentAndFraction(mf.looseCoverage)), "
                                           + "longest block \(mf.longestBlock), outputs \(mf.outputsContributing), hits/attempts \(mf.hits)/\(mf.attempts)"))
        }
        let shown = Set(excerpts.flatMap { ($0.primary.map { [$0] } ?? []) + $0.counterparts }.flatMap(\.notes))
        return ExportContent(
            kind: .work, title: "Work reconstruction: \(workDoc.id)",
            provenance: ExportProvenance(case: kase, result: result, subject: "work reconstruction: \(workDoc.id), reproduced spans: \(spans.count)",
                                         documents: documents, options: options, annotationsShown: shown.count),
            summary: summary, flags: f.flags, excerpts: excerpts, passageRows: rows, annotationRows: [])
    }

    /// What counsel's exclusions took out of a work's figures.
    private static func excludedField(_ tokens: Int) -> ExportField {
        ExportField("Excluded by counsel", "\(tokens) work words (exclude annotations): never reproduced or matched,"
                        + " and left out of the coverage denominator")
    }

    private func workFigures(_ f: WorkFigures) -> [ExportField] {
        [ExportField("Strict coverage (passages ≥ 40 words)", percentAndFraction(f.strictCoverage)),
         ExportField("Loose coverage (any passage)", percentAndFraction(f.looseCoverage)),
         ExportField("Longest block", "\(f.longestBlock) words"),
         ExportField("Long passages (merged spans ≥ 40 words)", String(f.longPassages)),
         ExportField("Outputs contributing", String(f.outputsContributing)),
         ExportField("Hits / attempts", "\(f.hits) / \(f.attempts)")]
    }

    // MARK: Annotations

    private func annotations(tag: String?) throws -> ExportContent {
        guard let all = options.annotations else { throw ExportError.annotationsUnavailable }
        let chosen = all.filter { tag == nil || $0.tag == tag }.sorted {
            ($0.source, $0.scalars.lowerBound, $0.scalars.upperBound, $0.created, $0.id ?? "")
                < ($1.source, $1.scalars.lowerBound, $1.scalars.upperBound, $1.created, $1.id ?? "")
        }
        var excerpts = [ExportExcerpt]()
        var rows = [ExportAnnotationRow]()
        var documents = [Document]()
        for (k, a) in chosen.enumerated() {
            let doc = document(source: a.source)
            var segments = [StyledSegment]()
            var status = doc == nil ? "document not in case" : a.orphaned ? "orphaned" : "anchored"
            var exact = a.quote, prefix = "", suffix = ""
            var primary: ExportSide?
            var figures = [ExportField("tag", a.tag), ExportField("creator", a.creator), ExportField("created", a.created),
                           ExportField("source", a.source),
                           ExportField("scalars", "[\(a.scalars.lowerBound), \(a.scalars.upperBound))")]
            if let found = doc {
                let (d, role, index) = found
                documents.append(d)
                let length = d.text.unicodeScalars.count
                if !a.orphaned && a.scalars.upperBound > length {
                    status = "orphaned (offsets beyond the document's \(length) scalars)"
                }
                if status == "anchored" {
                    let tokens = role == .work ? index.map { result.workTokens[$0] } : index.map { result.outputTokens[$0] }
                    if let tokens, let index {
                        let window = StyledText.tokenRange(covering: a.scalars, tokens)
                        let labels = role == .work ? TokenLabeler.workLabels(work: index, in: result, window: window)
                            : TokenLabeler.outputLabels(output: index, in: result, window: window)
                        segments = StyledText.segments(text: d.text, scalars: a.scalars, tokens: tokens, labels: labels)
                        figures.append(ExportField("passages overlapping", overlapping(role: role, index: index, a.scalars)))
                        primary = ExportSide(role: role, documentID: d.id, source: d.source,
                                             caption: "\(role == .work ? "Work" : "Output") \(d.id)", scalars: a.scalars,
                                             tokens: window, figures: [], segments: segments, notes: [a])
                    } else {
                        // In the case but not in the scan (filtered out): text without marks.
                        let text = String(VisibleText.slice(d.text, scalars: a.scalars))
                        segments = text.isEmpty ? [] : [StyledSegment(text: text, label: .outside, scalars: a.scalars)]
                        figures.append(ExportField("passages overlapping", "not scanned (excluded by --where)"))
                        primary = ExportSide(role: role, documentID: d.id, source: d.source,
                                             caption: "\(role == .work ? "Work" : "Output") \(d.id)", scalars: a.scalars,
                                             tokens: 0..<0, figures: [], segments: segments, notes: [a])
                    }
                    exact = String(VisibleText.slice(d.text, scalars: a.scalars))
                    prefix = String(VisibleText.slice(d.text, scalars: max(0, a.scalars.lowerBound - 32)..<a.scalars.lowerBound))
                    suffix = String(VisibleText.slice(d.text, scalars: a.scalars.upperBound..<(a.scalars.upperBound + 32)))
                }
            }
            figures.append(ExportField("status", status))
            if primary == nil {
                figures.append(ExportField("note", a.note.isEmpty ? "(no text)" : a.note))
                figures.append(ExportField("recorded quote", a.quote ?? "(none recorded)"))
            }
            excerpts.append(ExportExcerpt(heading: "Annotation \(k + 1) of \(chosen.count): \(a.tag)", figures: figures,
                                          primary: primary, counterparts: []))
            rows.append(ExportAnnotationRow(annotation: a, document: doc?.0, segments: segments, exact: exact,
                                            prefix: prefix, suffix: suffix, status: status))
        }
        let what = tag.map { "annotations tagged \($0)" } ?? "all annotations"
        return ExportContent(
            kind: .annotations, title: "Annotations" + (tag.map { ": \($0)" } ?? ""),
            provenance: ExportProvenance(case: kase, result: result, subject: "\(what) (\(chosen.count))",
                                         documents: documents, options: options, annotationsShown: chosen.count),
            summary: [ExportField("Annotations", String(chosen.count)), ExportField("Tag", tag ?? "(all)")],
            flags: [], excerpts: excerpts, passageRows: [], annotationRows: rows)
    }

    /// The case document with this annotation source, its role, and its index in the scan
    /// (`result.works` / `result.outputs`), nil when the scan left it out.
    private func document(source: String) -> (Document, DocumentRole, Int?)? {
        if let i = kase.works.firstIndex(where: { $0.source == source }) {
            return (kase.works[i], .work, result.works.firstIndex { $0.document == i })
        }
        if let i = kase.outputs.firstIndex(where: { $0.source == source }) {
            return (kase.outputs[i], .output, result.outputs.firstIndex { $0.document == i })
        }
        return nil
    }

    /// `work × output passage n` for every passage whose range on this side intersects `scalars`.
    private func overlapping(role: DocumentRole, index: Int, _ scalars: Range<Int>) -> String {
        var out = [String]()
        for p in result.pairs where (role == .work ? p.work : p.output) == index {
            for (i, s) in p.passages.enumerated() where (role == .work ? s.workScalars : s.outputScalars).overlaps(scalars) {
                out.append("\(result.works[p.work].id) × \(result.outputs[p.output].id) passage \(i + 1)")
            }
        }
        return out.isEmpty ? "none" : out.joined(separator: "; ")
    }

    /// Anchored annotations on `doc` whose span intersects `scalars`, in order.
    private func notes(on doc: Document, _ scalars: Range<Int>) -> [ExportAnnotation] {
        guard let all = options.annotations else { return [] }
        return all.filter { !$0.orphaned && $0.source == doc.source && $0.scalars.overlaps(scalars) }
            .sorted { ($0.scalars.lowerBound, $0.created, $0.id ?? "") < ($1.scalars.lowerBound, $1.created, $1.id ?? "") }
    }
}
