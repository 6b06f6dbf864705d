import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// "Show unreviewed" in the overview's pairs table (SPEC §11): once a status exists, `f`
/// goes off → flagged only → unreviewed only → off; a pair is unreviewed while one of its
/// passages of evidence has no status. Before any status, `f` toggles as it always did.
@Suite struct ReviewStatusFilterTests {
    @Test func withoutStatusesFTogglesFlaggedOnlyAsBefore() throws {
        var model = try AppFixture.scanned()
        model.press(.character("f"))
        #expect(model.overview.query.flaggedOnly && !model.overview.query.unreviewedOnly)
        model.press(.character("f"))
        #expect(model.overview.query == OverviewQuery())
    }

    @Test func unreviewedOnlyHidesAPairWhoseEveryPassageHasAStatus() throws {
        var model = try AppFixture.scanned()
        let store = InMemoryAnnotationStore()
        model.useAnnotationStore(store)
        let kase = try #require(model.kase), results = try #require(model.results)
        let evidence = model.overview.pairRows.filter(\.pair.evidence)
        let done = try #require(evidence.first)
        // Every passage of evidence of the first pair reviewed; of the second, only its first passage.
        let source = kase.outputs[results.outputDocs[done.key.output]].source
        for p in done.pair.passages where p.cause == nil {
            try AnnotationEditing.setStatus(kase, source: source, range: p.outputScalars, status: .reviewed,
                                            creator: "ana", store: store)
        }
        _ = model.performingWrites(model.update(.message(.annotationsChanged(notice: nil, error: false))))
        model.settle()

        model.press(.character("f"))
        #expect(model.overview.query.flaggedOnly)
        model.press(.character("f"))
        model.settle()
        #expect(model.overview.query.unreviewedOnly && !model.overview.query.flaggedOnly)
        let shown = model.overview.pairRows.map(\.key)
        // Hand count: the pairs with evidence but the reviewed one (a pair without evidence is not unreviewed).
        #expect(Set(shown) == Set(evidence.dropFirst().map(\.key)))
        #expect(model.render().textSnapshot().contains("· unreviewed only"))

        // A status cleared elsewhere brings the pair back at the next re-read.
        let first = try #require(done.pair.passages.first { $0.cause == nil })
        try AnnotationEditing.setStatus(kase, source: source, range: first.outputScalars, status: .unreviewed,
                                        creator: "ben", store: store)
        _ = model.performingWrites(model.update(.message(.annotationsChanged(notice: nil, error: false))))
        model.settle()
        #expect(model.overview.pairRows.map(\.key).contains(done.key))

        // f again: every filter off, every pair listed.
        model.press(.character("f"))
        model.settle()
        #expect(model.overview.query == OverviewQuery())
        #expect(model.overview.pairRows.count >= evidence.count)
        #expect(!model.render().textSnapshot().contains("unreviewed only"))
    }
}
