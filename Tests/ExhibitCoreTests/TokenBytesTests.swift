import Testing
@testable import ExhibitCore

/// The scan's byte path: tokens as one UTF-8 buffer, interned and resolved from bytes,
/// and the prompt-echo table. Values are computed by hand.
@Suite struct TokenBytesTests {
    @Test func tokenBytesHoldTheTokensOfTokenize() {
        let text = "The Café’s co-\nop, ½ and 東京!"
        let bytes = Tokenizer().tokenBytes(text)
        #expect(bytes.tokenized == Tokenizer().tokenize(text))
        // "the", "café's", "coop", "1", "2", "and", "東", "京"
        #expect(bytes.count == 8)
        #expect(Array(bytes.bytes[bytes.range(1)]) == Array("café's".utf8))
        #expect(Array(bytes.bytes[bytes.range(2)]) == Array("coop".utf8))
        // ½ gives two tokens of one cluster: the same source range.
        #expect(bytes.starts[3] == bytes.starts[4] && bytes.ends[3] == bytes.ends[4])
    }

    @Test func idsFromBytesEqualIdsFromStrings() {
        let t = Tokenizer().tokenBytes("a rose is a rose is a rose")
        var fromBytes = Vocabulary()
        var fromStrings = Vocabulary()
        #expect(fromBytes.ids(t) == [0, 1, 2, 0, 1, 2, 0, 1])
        #expect(fromStrings.ids(["a", "rose", "is", "a", "rose", "is", "a", "rose"]) == [0, 1, 2, 0, 1, 2, 0, 1])
        #expect(fromBytes.count == 3)
    }

    @Test func resolvingLeavesTheVocabularyAloneAndNumbersUnknownTokensAfterIt() {
        var works = Vocabulary()
        _ = works.ids(Tokenizer().tokenBytes("one two three"))
        var unknown = Vocabulary()
        let output = works.resolve(Tokenizer().tokenBytes("two four one five four"), unknown: &unknown)
        #expect(output == [1, 3, 0, 4, 3])
        // The prompt shares the output's unknown tokens: "five" is the same id.
        let prompt = works.resolve(Tokenizer().tokenBytes("five six"), unknown: &unknown)
        #expect(prompt == [4, 5])
        #expect(works.count == 3)
    }

    @Test func theVocabularyGrowsWithoutLosingAToken() {
        var v = Vocabulary(capacity: 1)
        let words = (0..<5000).map { "w\($0)" }
        let ids = v.ids(words)
        #expect(ids == (0..<5000).map { UInt32($0) })
        #expect(v.ids(words.reversed()) == ids.reversed())
        var unknown = Vocabulary()
        #expect(v.resolve(Tokenizer().tokenBytes("w4999 w0 zz"), unknown: &unknown) == [4999, 0, 5000])
    }

    @Test func echoMarksRunsOfThePromptWhateverTheirHashChains() {
        // The prompt repeats "a b" so several windows share a chain; min run 3.
        let prompt: [UInt32] = [1, 2, 1, 2, 3, 9, 9, 9]
        let output: [UInt32] = [7, 1, 2, 3, 8, 9, 9, 9, 9, 2, 1, 2]
        let mask = EchoDetector.echoMask(output: output, prompt: prompt, minRun: 3)
        // "1 2 3" at 1..<4 and "9 9 9" at 5..<9 (two windows); "2 1 2" is in the prompt too.
        #expect(mask == [false, true, true, true, false, true, true, true, true, true, true, true])
        #expect(EchoDetector.echoMask(output: output, prompt: [1, 2], minRun: 3) == [Bool](repeating: false, count: 12))
    }
}
