import Testing
@testable import ExhibitApp
@testable import ExhibitCore
import ExhibitUI

/// The indexes and caches that keep the overview's lists quick on a large case
/// (`Benchmarks/exhibit-screenbench`): each gives what the plain computation gives,
/// and is rebuilt when the results change.
@Suite struct ScreenIndexTests {
    /// A small deterministic generator (a linear congruential one), so a failure repeats.
    struct Dice {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    /// Letters that lowercase in interesting ways: ASCII both cases, accented, ß, İ, a
    /// combining accent (which joins the letter before it into one character).
    static let alphabet: [String] = ["a", "A", "b", "B", "-", "1", "é", "É", "ß", "İ", "\u{301}", "x", "X", " "]

    static func word(_ dice: inout Dice, length: Int) -> String {
        (0..<length).map { _ in alphabet[dice.next(alphabet.count)] }.joined()
    }

    /// The plain search the table did before: every row's fields lowercased, each time.
    static func plainSearch(_ needle: String, _ rows: [PairRow]) -> [Int] {
        let n = needle.lowercased()
        guard !n.isEmpty else { return Array(rows.indices) }
        return rows.indices.filter { i in
            let r = rows[i]
            return [r.outputId, r.model, r.technique, r.workId].contains { $0.lowercased().contains(n) }
        }
    }

    static func rows(_ count: Int, _ dice: inout Dice, pair: PairResult) -> [PairRow] {
        (0..<count).map { i in
            PairRow(key: PairKey(work: i % 7, output: i), outputId: word(&dice, length: 1 + dice.next(6)),
                    model: word(&dice, length: 1 + dice.next(3)), technique: word(&dice, length: dice.next(3)),
                    workId: word(&dice, length: 1 + dice.next(4)), pair: pair)
        }
    }

    @Test func theSearchFindsWhatAPlainFilterFindsWhileTyping() throws {
        let pair = try #require(AppFixture.scanned().results?.pairs.first)
        var dice = Dice(state: 12)
        let rows = Self.rows(400, &dice, pair: pair)
        var search = PairSearch()
        var needle = ""
        for _ in 0..<300 {
            // Mostly typing and deleting letters (the narrowing path), sometimes a new text.
            switch dice.next(10) {
            case 0...5: needle += Self.alphabet[dice.next(Self.alphabet.count)]
            case 6...7: if !needle.isEmpty { needle.removeLast() }
            case 8: needle = Self.word(&dice, length: dice.next(3))
            default: needle = ""
            }
            #expect(search.matches(needle.lowercased(), in: rows) == Self.plainSearch(needle, rows), "needle \(needle.debugDescription)")
        }
    }

    @Test func rowsThatStreamInAreSearchedToo() throws {
        let pair = try #require(AppFixture.scanned().results?.pairs.first)
        var dice = Dice(state: 3)
        var rows = Self.rows(50, &dice, pair: pair)
        var search = PairSearch()
        #expect(search.matches("x", in: rows) == Self.plainSearch("x", rows))
        // More rows arrive, one of them surely matching; then the same text and a longer one.
        rows += Self.rows(50, &dice, pair: pair)
        rows[99].outputId = "out-xx"
        let found = search.matches("x", in: rows)
        #expect(found.contains(99))
        #expect(found == Self.plainSearch("x", rows))
        #expect(search.matches("xx", in: rows) == Self.plainSearch("xx", rows))
    }

    @Test func thePairsTableForgetsItsSearchWhenTheResultsChange() throws {
        let (_, kase, request) = try AppFixture.loaded()
        let run = try AppFixture.run(kase, request)
        var results = Results(generation: 1, options: request.options, kase: kase)
        results.finish(run.result, seconds: 1)
        var table = PairTable()
        table.sync(results, kase)
        table.arrange(OverviewQuery(), .output)
        try #require(table.count > 1)
        let id = table[0].outputId
        table.arrange({ var q = OverviewQuery(); q.search = id; return q }(), .output)
        #expect(table.rows.allSatisfy { $0.outputId.lowercased().contains(id.lowercased()) || $0.workId.lowercased().contains(id.lowercased()) })
        // A new scan with as many pairs, but their outputs swapped: the same text must
        // find the rows of the new results, not those the old ones had at its place.
        var swapped = run.result
        let outputs = swapped.pairs.map(\.output)
        for i in swapped.pairs.indices { swapped.pairs[i].output = outputs[(i + 1) % outputs.count] }
        var next = Results(generation: 2, options: request.options, kase: kase)
        next.finish(swapped, seconds: 2)
        table.sync(next, kase)
        var q = OverviewQuery()
        q.search = id
        table.arrange(q, .output)
        var plain = PairTable()
        plain.sync(next, kase)
        plain.arrange(OverviewQuery(), .output)
        let expected = plain.rows.filter { r in
            [r.outputId, r.model, r.technique, r.workId].contains { $0.lowercased().contains(id.lowercased()) }
        }
        #expect(table.rows == expected)
        #expect(table.evidenceCount == expected.filter(\.pair.evidence).count)
    }

    @Test func theEvidenceCountFollowsTheStreamAndTheFinalResult() throws {
        let (_, kase, request) = try AppFixture.loaded()
        let run = try AppFixture.run(kase, request)
        var results = Results(generation: 1, options: request.options, kase: kase)
        for event in run.stream {
            results.apply(event, seconds: 0.1)
            #expect(results.evidencePairs == EvidenceCounts(results.pairs).pairs)
        }
        // A pair sent again with its evidence gone (as a streamed pair can be replaced).
        if case .output(let index, let tokens, let pairs)? = run.stream.last(where: {
            if case .output(_, _, let p) = $0 { !p.isEmpty } else { false }
        }) {
            var changed = pairs
            changed[0].evidence.toggle()
            results.apply(.output(index: index, tokens: tokens, pairs: changed), seconds: 0.2)
            #expect(results.evidencePairs == EvidenceCounts(results.pairs).pairs)
        }
        results.finish(run.result, seconds: 1)
        #expect(results.evidencePairs == EvidenceCounts(run.result.pairs).pairs)
        #expect(results.evidencePairs > 0)
    }

    @Test func theWorksByModelsSortEqualsAPlainSortOfTheStrings() throws {
        var dice = Dice(state: 99)
        let values = (0..<300).map { _ in Self.word(&dice, length: dice.next(4)) }
        let ranks = ModelTable.ranks(values)
        for _ in 0..<2000 {
            let i = dice.next(values.count), j = dice.next(values.count)
            #expect((ranks[i] < ranks[j]) == (values[i] < values[j]))
            #expect((ranks[i] == ranks[j]) == (values[i] == values[j]))
        }
        var model = try AppFixture.scanned()
        model.press(.character("W"))
        for _ in 0..<ModelTable.Sort.allCases.count {
            model.press(.character("s"))
            let table = try #require(model.layers.top as? ModelTable)
            let plain = table.rows.sorted { a, b in
                func key(_ r: ModelTable.Row) -> (Double, String, String) {
                    switch table.sort {
                    case .work: (0, r.work ?? "", r.model)
                    case .strict: (-r.strict, r.work ?? "", r.model)
                    case .loose: (-r.loose, r.work ?? "", r.model)
                    case .model: (0, r.model, r.work ?? "")
                    }
                }
                return key(a) < key(b)
            }
            #expect(table.rows == plain, "sort \(table.sort)")
        }
    }
}
