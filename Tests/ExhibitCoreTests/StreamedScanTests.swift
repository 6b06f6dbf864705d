import Foundation
import Testing
@testable import ExhibitCore

/// Issue 12: an output keeps its token data only when worth keeping (a pair or a marked
/// token), and a scan that reads its outputs a batch of files at a time
/// (`Scanner.scan(batches:)`) gives the same reports as one of the case loaded whole.
@Suite struct StreamedScanTests {
    /// `ResultsStoreTests.smallCase` plus outputs without pairs: one with plain words,
    /// one echoing its prompt, one in a file of its own whose id repeats an earlier one.
    static func mixedCase() throws -> TempCase {
        let c = try ResultsStoreTests.smallCase()
        try c.write("outputs/plain.txt", "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu")
        try c.write("outputs/echo.jsonl", """
            {"id": "e1", "prompt": "please repeat after me the quick brown fox jumps over the lazy dog", "output": "sure: the quick brown fox jumps over the lazy dog, happily"}

            """)
        try c.write("outputs/zz.jsonl", """
            {"id": "o1", "output": "a later record with an id already taken"}

            """)
        return c
    }

    @Test func pairlessOutputsKeepNoTokenDataButTheSameFigures() throws {
        let c = try Self.mixedCase()
        let kase = try c.load()
        let result = try Scanner.scan(kase, options: ScanOptions(settings: kase.settings, threads: 2))
        let byID = Dictionary(uniqueKeysWithValues: result.outputs.enumerated().map { ($1.id, $0) })
        let withPairs = Set(result.pairs.map(\.output))
        let plain = try #require(byID["plain"]), echo = try #require(byID["e1"])
        #expect(!withPairs.contains(plain) && !withPairs.contains(echo))
        // No pair, no mark: no token data, the counts kept.
        #expect(result.outputTokens[plain] == .empty)
        #expect(result.outputs[plain].tokens == 12 && result.outputs[plain].echoTokens == 0)
        // No pair but an echo: kept, so an annotation's export still shows the echo.
        #expect(result.outputTokens[echo].count == result.outputs[echo].tokens)
        #expect(result.outputs[echo].echoTokens > 0 && result.outputTokens[echo].echoCount == result.outputs[echo].echoTokens)
        for o in withPairs { #expect(result.outputTokens[o].count == result.outputs[o].tokens) }
        // Labels of an unmarked output are those of no token data.
        let full = Tokenizer(options: ScanOptions(settings: kase.settings, threads: 1).normalize).tokenize(kase.output("plain")!.text)
        var kept = result
        kept.outputTokens[plain] = DocumentTokens(starts: full.starts, ends: full.ends,
                                                  boilerplate: Array(repeating: false, count: full.starts.count),
                                                  echo: Array(repeating: false, count: full.starts.count))
        let text = kase.output("plain")!.text, scalars = 0..<text.unicodeScalars.count
        #expect(StyledText.segments(text: text, scalars: scalars, tokens: result.outputTokens[plain],
                                    labels: TokenLabeler.outputLabels(output: plain, in: result))
                == StyledText.segments(text: text, scalars: scalars, tokens: kept.outputTokens[plain],
                                       labels: TokenLabeler.outputLabels(output: plain, in: kept)))
    }

    /// The JSON of a scan of the case loaded whole, and of a streamed scan reading one
    /// output file per batch.
    static func bothWays(_ c: TempCase, threads: Int = 2) throws -> (whole: String, streamed: String) {
        let kase = try c.load()
        let options = ScanOptions(settings: kase.settings, threads: threads)
        let whole = try Scanner.scan(kase, options: options)
        var batches = try CaseOutputBatches(path: c.root, batchBytes: 1)
        let (outline, streamed, encoded) = try Scanner.scan(batches: &batches, options: options)
        #expect(outline.outputs.allSatisfy { $0.text.isEmpty && $0.prompt == nil })
        #expect(outline.files == kase.files && outline.errors == kase.errors && outline.warnings == kase.warnings)
        #expect(streamed.outputFingerprints == whole.outputFingerprints)
        // The token data is held encoded, the result's left empty; decoded, it is the whole scan's.
        #expect(streamed.outputTokens.allSatisfy { $0 == .empty } && encoded.count == whole.outputs.count)
        for (o, tail) in encoded.enumerated() {
            #expect((tail == nil) == (whole.outputTokens[o] == .empty))
            if let tail {
                let (tokens, attempts) = try ResultCodec.decodeTail(tail)
                #expect(tokens == whole.outputTokens[o] && attempts == whole.attempts[o])
            }
        }
        return (ResultsStoreTests.json(kase, whole), ResultsStoreTests.json(outline, streamed))
    }

    @Test func aStreamedScanEqualsAScanOfTheWholeCase() throws {
        let c = try Self.mixedCase()
        let r = try Self.bothWays(c)
        #expect(r.whole.contains("duplicate output id") && r.whole.contains("\"pairs\""))
        #expect(r.streamed == r.whole)
        let one = try Self.bothWays(c, threads: 1)
        #expect(one.streamed == r.whole)
    }

    @Test func aStreamedScanOfAGeneratedCaseEqualsAScanOfTheWholeCase() throws {
        let c = try TempCase()
        try GeneratedCase.write(into: c, works: 9, outputs: 60)
        // Outputs over several files, and a whole-file output, so batches split them.
        try c.write("outputs/more.jsonl", #"{"id": "m1", "output": "nothing of the works here at all, not one word"}"# + "\n")
        try c.write("outputs/a-single.txt", "a whole-file output with words of its own and none of the works")
        let r = try Self.bothWays(c)
        #expect(r.streamed == r.whole)
    }

    @Test func aStreamedScanWritesTheStoreAFullScanWould() throws {
        let c = try Self.mixedCase()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let kase = try c.load()
        let options = ScanOptions(settings: kase.settings, threads: 2)
        var batches = try CaseOutputBatches(path: c.root, batchBytes: 1)
        let (outline, streamed) = try StoredScanner.streamedResult(batches: &batches, options: options,
                                                                   settings: StoreSettings(directory: dir, rescan: true))
        let whole = try Scanner.scan(kase, options: options)
        #expect(ResultsStoreTests.json(outline, streamed) == ResultsStoreTests.json(kase, whole))
        #expect(streamed.outputTokens.allSatisfy { $0 == .empty })
        // The store is current for the case loaded whole, and gives the same report.
        let key = StoreKey(case: kase, options: options, noExclusions: false)
        #expect(key == StoreKey(case: outline, options: options, noExclusions: false))
        guard case .current(let stored) = ResultsStore.lookup(StoreLocation(directory: dir), key: key, options: options) else {
            Issue.record("the streamed scan's store is not current")
            return
        }
        #expect(ResultsStoreTests.json(kase, stored) == ResultsStoreTests.json(kase, whole))
        #expect(stored.outputTokens == whole.outputTokens)
        // Its works' sidecar serves an incremental scan.
        #expect(WorksSidecar.read(StoreLocation(directory: dir), key: key, case: kase, options: options) != nil)
    }
}
