import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// The indexes that keep the review lists quick on a large case
/// (`Benchmarks/exhibit-screenbench`): where the annotated documents are
/// (``AnnotatedSources``), the `R` list's rows made when shown, the pairs table's
/// "unreviewed only" filter, the works × models table's index kept with the results.
/// Each gives what the plain computation (every source spelled, every row built) gives,
/// and follows the annotations and the results when they change.
@Suite struct ScreenReviewIndexTests {
    /// The demo scanned, with review statuses in memory: every passage of evidence of the
    /// first pair reviewed, the first passage of the second flagged, of the third set back
    /// to unreviewed; a note on a work and on an output; a status on an output the case
    /// does not have.
    static func reviewed() throws -> (AppModel, InMemoryAnnotationStore) {
        var model = try AppFixture.scanned()
        let store = InMemoryAnnotationStore()
        model.useAnnotationStore(store)
        let kase = try #require(model.kase), results = try #require(model.results)
        let evidence = results.pairs.filter { p in p.passages.contains { $0.cause == nil } }
        try #require(evidence.count >= 3)
        func source(_ p: PairResult) -> String { kase.outputs[results.outputDocs[p.output]].source }
        for p in evidence[0].passages where p.cause == nil {
            try AnnotationEditing.setStatus(kase, source: source(evidence[0]), range: p.outputScalars, status: .reviewed,
                                            creator: "ana", store: store)
        }
        for (pair, status) in [(evidence[1], ReviewStatus.flagged), (evidence[2], .unreviewed)] {
            let first = try #require(pair.passages.first { $0.cause == nil })
            try AnnotationEditing.setStatus(kase, source: source(pair), range: first.outputScalars, status: status,
                                            creator: "ben", store: store)
        }
        let work = try #require(kase.works.first), output = try #require(kase.outputs.last)
        try store.append(Annotation.make(source: work.source, text: ScalarText(work.text), range: 0..<5,
                                         body: AnnotationBody(tag: "follow-up", note: "a work"), creator: "ana"))
        try store.append(Annotation.make(source: output.source, text: ScalarText(output.text), range: 0..<3,
                                         body: AnnotationBody(tag: "follow-up", note: "an output"), creator: "ana"))
        try store.append(Annotation.make(source: "outputs/gone.jsonl#x", text: ScalarText("gone text"), range: 0..<4,
                                         body: AnnotationBody(tag: ReviewStatus.tag, status: .reviewed), creator: "ana"))
        _ = model.performingWrites(model.update(.message(.annotationsChanged(notice: nil, error: false))))
        model.settle()
        return (model, store)
    }

    /// Where each named source is, found by spelling every document's source.
    static func plainSources(_ kase: Case, _ annotations: CaseAnnotations)
        -> (works: [String: [Int]], outputs: [String: [Int]], reviewed: [Int: String]) {
        let named = Set((annotations.current + annotations.reviewStatuses).map(\.annotation.target.source))
        var works: [String: [Int]] = [:], outputs: [String: [Int]] = [:], reviewed: [Int: String] = [:]
        for (i, d) in kase.works.enumerated() where named.contains(d.source) { works[d.source, default: []].append(i) }
        for (i, d) in kase.outputs.enumerated() where named.contains(d.source) { outputs[d.source, default: []].append(i) }
        let statuses = Set(annotations.reviewStatuses.map(\.annotation.target.source))
        for (i, d) in kase.outputs.enumerated() where statuses.contains(d.source) { reviewed[i] = d.source }
        return (works, outputs, reviewed)
    }

    @Test func theAnnotatedSourcesAreWhereSpellingEverySourceFindsThem() throws {
        let (model, _) = try Self.reviewed()
        let kase = try #require(model.kase), annotations = try #require(model.annotations)
        let plain = Self.plainSources(kase, annotations)
        #expect(!plain.works.isEmpty && plain.reviewed.count >= 3)
        let found = model.annotatedSources
        #expect(found.works == plain.works)
        #expect(found.outputs == plain.outputs)
        #expect(found.reviewed == plain.reviewed)
        // A case put together unsorted: found by a scan, the same documents.
        var shuffled = kase
        shuffled.outputs.reverse()
        shuffled.works.reverse()
        let again = AnnotatedSources(kase: shuffled, annotations: annotations)
        let plainAgain = Self.plainSources(shuffled, annotations)
        #expect(again.works == plainAgain.works && again.outputs == plainAgain.outputs && again.reviewed == plainAgain.reviewed)
        // The annotations list names the annotated documents as spelling every source did.
        let list = AnnotationList(annotations: annotations, kase: kase, sources: found)
        var names: [String: String] = [:]
        let annotated = Set(annotations.current.map(\.annotation.target.source))
        for (kind, docs) in [("work ", kase.works), ("output ", kase.outputs)] {
            for d in docs where annotated.contains(d.source) { names[d.source] = kind + d.id }
        }
        #expect(list.names == names && names.count == 2)
    }

    @Test func theAnnotatedSourcesFollowTheAnnotations() throws {
        var model = try AppFixture.scanned()
        #expect(model.annotatedSources.reviewed.isEmpty)
        let store = InMemoryAnnotationStore()
        model.useAnnotationStore(store)
        let kase = try #require(model.kase), results = try #require(model.results)
        let pair = try #require(results.pairs.first { p in p.passages.contains { $0.cause == nil } })
        let output = results.outputDocs[pair.output]
        let passage = try #require(pair.passages.first { $0.cause == nil })
        try AnnotationEditing.setStatus(kase, source: kase.outputs[output].source, range: passage.outputScalars,
                                        status: .reviewed, creator: "ana", store: store)
        _ = model.performingWrites(model.update(.message(.annotationsChanged(notice: nil, error: false))))
        #expect(model.annotatedSources.reviewed == [output: kase.outputs[output].source])
    }

    /// The `R` list as it was built before: every passage of evidence, its review looked up
    /// by the output's spelled source.
    static func plainRows(_ model: AppModel) -> [ReviewStatusView.Row] {
        guard let kase = model.kase, let results = model.results else { return [] }
        var rows: [ReviewStatusView.Row] = []
        for p in results.pairs {
            let output = kase.outputs[results.outputDocs[p.output]]
            let evidence = p.passages.filter { $0.cause == nil }
            for (i, passage) in evidence.enumerated() {
                rows.append(ReviewStatusView.Row(outputId: output.id, workId: kase.works[p.work].id, passage: i + 1,
                                                 passages: evidence.count, source: output.source, range: passage.outputScalars,
                                                 review: model.annotations?.review(of: output.source, range: passage.outputScalars)))
            }
        }
        return rows
    }

    @Test func theReviewListGivesThePlainRowsAndFollowsTheStatuses() throws {
        let (reviewed, store) = try Self.reviewed()
        var model = reviewed
        model.press(.character("R"))
        var view = try #require(model.layers.top as? ReviewStatusView)
        var plain = Self.plainRows(model)
        #expect(view.rows == plain)
        #expect(plain.contains { $0.status == .flagged } && plain.contains { $0.status == .reviewed })
        #expect(plain.contains { $0.review?.status == .unreviewed })
        let open = plain.filter { $0.status == .unreviewed }
        #expect(model.render().textSnapshot().contains("\(plain.count) passages, \(open.count) unreviewed"))
        model.press(.character("U"))
        view = try #require(model.layers.top as? ReviewStatusView)
        #expect(view.visible == open)
        // Each unreviewed row, reached by moving, is the one the effect names.
        for (n, row) in open.enumerated() {
            let effects = model.press(.character("r"))
            guard case .reviewStatus(let change)? = effects.last else { Issue.record("no effect at \(n)"); return }
            #expect(change.source == row.source && change.range == row.range && change.label == row.label)
            model.press(.character("j"))
        }
        // A status set elsewhere: the list is rebuilt from the new annotations.
        let kase = try #require(model.kase)
        let target = try #require(open.last)
        try AnnotationEditing.setStatus(kase, source: target.source, range: target.range, status: .disputed,
                                        creator: "cy", store: store)
        _ = model.performingWrites(model.update(.message(.annotationsChanged(notice: nil, error: false))))
        view = try #require(model.layers.top as? ReviewStatusView)
        plain = Self.plainRows(model)
        #expect(view.rows == plain)
        #expect(view.visible == plain.filter { $0.status == .unreviewed })
        #expect(view.visible.count == open.count - 1)
    }

    @Test func theUnreviewedFilterKeepsThePairsThePlainLookUpKeeps() throws {
        var (model, _) = try Self.reviewed()
        let kase = try #require(model.kase), annotations = try #require(model.annotations)
        let results = try #require(model.results)
        let all = model.overview.pairRows
        let plain = all.filter { row in
            let source = kase.outputs[results.outputDocs[row.key.output]].source
            return row.pair.passages.contains { p in
                p.cause == nil && (annotations.review(of: source, range: p.outputScalars)?.status ?? .unreviewed) == .unreviewed
            }
        }
        model.press(.character("f"), .character("f"))
        #expect(model.overview.query.unreviewedOnly)
        #expect(model.overview.pairRows.map(\.key) == plain.map(\.key))
        #expect(plain.count < all.filter { $0.pair.passages.contains { $0.cause == nil } }.count)
    }

    /// `ModelTotals.byModel` as it was written before it read the result in place.
    static func plainTotals(_ result: ScanResult, workIDs: Set<String>? = nil) -> [ModelTotals] {
        let chosen = result.works.indices.filter { workIDs?.contains(result.works[$0].id) ?? true }
        var acc = [String: ModelTotals]()
        for w in chosen {
            let work = result.works[w]
            let denominator = max(0, work.tokens - work.excludedTokens)
            for (model, f) in work.byModel {
                var t = acc[model] ?? ModelTotals(model: model, works: 0, tokens: 0, strictCoverage: 0, looseCoverage: 0,
                                                  longestBlock: 0, longPassages: 0, outputsContributing: 0, attempts: 0, hits: 0)
                t.works += 1
                t.tokens += denominator
                t.strictCoverage += Double(f.strictReproduced.reduce(0) { $0 + $1.count })
                t.looseCoverage += Double(f.reproduced.reduce(0) { $0 + $1.count })
                t.longestBlock = max(t.longestBlock, f.longestBlock)
                t.longPassages += f.longPassages
                t.attempts += f.attempts
                t.hits += f.hits
                acc[model] = t
            }
        }
        var contributing = [String: Set<Int>]()
        for p in result.pairs where Set(chosen).contains(p.work) && !p.reproduced.isEmpty {
            contributing[result.outputs[p.output].model ?? "unknown", default: []].insert(p.output)
        }
        return acc.keys.sorted().map { model in
            var t = acc[model]!
            let n = Double(max(t.tokens, 1))
            t.strictCoverage /= n
            t.looseCoverage /= n
            t.outputsContributing = contributing[model]?.count ?? 0
            return t
        }
    }

    @Test func theModelTotalsEqualThePlainSums() throws {
        let (_, kase, request) = try AppFixture.loaded()
        let result = try AppFixture.run(kase, request).result
        #expect(ModelTotals.byModel(result) == Self.plainTotals(result))
        let some: Set<String> = [result.works[0].id, result.works[result.works.count - 1].id]
        #expect(ModelTotals.byModel(result, workIDs: some) == Self.plainTotals(result, workIDs: some))
        #expect(ModelTotals.byModel(result).contains { $0.outputsContributing > 0 })
    }

    /// The works × models rows as they were built before: every row at once.
    static func plainModelRows(_ r: ScanResult) -> [ModelTable.Row] {
        r.works.flatMap { w in
            [ModelTable.Row(work: w.id, model: "all", figures: w.figures)]
                + w.byModel.map { ModelTable.Row(work: w.id, model: $0.model, figures: $0.figures) }
        }
    }

    @Test func theWorksByModelsIndexIsMadeWithEachFinalResult() throws {
        let (_, kase, request) = try AppFixture.loaded()
        let run = try AppFixture.run(kase, request)
        var results = Results(generation: 1, options: request.options, kase: kase)
        for event in run.stream { results.apply(event, seconds: 0.1) }
        #expect(results.modelTableIndex == nil && ModelTable(results: results) == nil)
        results.finish(run.result, seconds: 1)
        #expect(results.modelTableIndex == ModelTableIndex(run.result))
        var table = try #require(ModelTable(results: results))
        #expect(table.rows == Self.plainModelRows(run.result))
        #expect(table.totals.map(\.model) == ModelTotals.byModel(run.result).map(\.model))
        // Another result (a work's figures gone, its id changed): a new index, the new rows.
        var changed = run.result
        changed.works[0].byModel = []
        changed.works[0].id = "zz-renamed"
        results.finish(changed, seconds: 2)
        #expect(results.modelTableIndex == ModelTableIndex(changed))
        #expect(results.modelTableIndex != ModelTableIndex(run.result))
        table = try #require(ModelTable(results: results))
        #expect(table.rows == Self.plainModelRows(changed))
        // Sorting by work puts the renamed work last, as comparing the ids does.
        table.cycleSort(); table.cycleSort(); table.cycleSort(); table.cycleSort()
        #expect(table.sort == .work)
        #expect(table.rows == Self.plainModelRows(changed).sorted { ($0.work ?? "", $0.model) < ($1.work ?? "", $1.model) })
    }

    @Test func theEvidencePassageCountsFollowTheStreamAndTheFinalResult() throws {
        let (_, kase, request) = try AppFixture.loaded()
        let run = try AppFixture.run(kase, request)
        var results = Results(generation: 1, options: request.options, kase: kase)
        func plain(_ r: Results) -> [Int] { r.pairs.map { p in p.passages.filter { $0.cause == nil }.count } }
        for event in run.stream {
            results.apply(event, seconds: 0.1)
            #expect(results.evidencePassageCounts == plain(results))
        }
        // A pair sent again with one passage fewer (as a streamed pair can be replaced).
        if case .output(let index, let tokens, let pairs)? = run.stream.last(where: {
            if case .output(_, _, let p) = $0 { p.contains { !$0.passages.isEmpty } } else { false }
        }) {
            var changed = pairs
            let k = changed.firstIndex { !$0.passages.isEmpty }!
            changed[k].passages.removeLast()
            results.apply(.output(index: index, tokens: tokens, pairs: changed), seconds: 0.2)
            #expect(results.evidencePassageCounts == plain(results))
        }
        results.finish(run.result, seconds: 1)
        #expect(results.evidencePassageCounts == plain(results))
        #expect(results.evidencePassageCounts.reduce(0, +) > results.pairs.count / 2)
    }

    /// The search takes in rows as the table syncs them (not at the first letter): a text
    /// grown after more pairs streamed in still finds the new ones.
    @Test func theSearchTakesInRowsAsTheyArrive() throws {
        let (_, kase, request) = try AppFixture.loaded()
        let run = try AppFixture.run(kase, request)
        var results = Results(generation: 1, options: request.options, kase: kase)
        var table = PairTable()
        func plain(_ needle: String) -> [PairRow] {
            var all = PairTable()
            all.sync(results, kase)
            all.arrange(OverviewQuery(), .output)
            return all.rows.filter { r in [r.outputId, r.model, r.technique, r.workId].contains { $0.lowercased().contains(needle) } }
        }
        var needle = ""
        for (n, event) in run.stream.enumerated() {
            results.apply(event, seconds: 0.1)
            table.sync(results, kase)
            needle = n % 2 == 0 ? "o" : "o-"
            var q = OverviewQuery()
            q.search = needle
            table.arrange(q, .output)
            #expect(table.rows == plain(needle), "after event \(n)")
        }
        #expect(!plain("o").isEmpty)
    }
}
