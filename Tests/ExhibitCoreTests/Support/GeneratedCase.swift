import Foundation
@testable import ExhibitCore

/// A deterministic generated case for the sharded-scan tests: works of pseudo-random
/// words (a fixed linear congruential generator, so every run writes the same bytes),
/// outputs that copy, edit, quote two works at once or say nothing, and a boilerplate
/// sentence shared by `boilerplateWorks` works spread over the case.
enum GeneratedCase {
    /// The sentence the boilerplate works share (14 words, above min_words 6).
    static let boilerplate = "this article may not be reproduced or shared in any form without written permission"

    /// Writes the case into `c` (works/w00.txt…, outputs/runs.jsonl) and returns nothing;
    /// `works` works of about 260 words, `outputs` outputs.
    static func write(into c: TempCase, works: Int = 9, outputs: Int = 24, boilerplateWorks: [Int] = [0, 3, 6, 8]) throws {
        var rng = LCG(seed: 20261206)
        let lexicon = (0..<1500).map { i in "w" + String(i, radix: 36) + ["a", "e", "o", "u"][i % 4] }
        var texts = [[String]]()
        for w in 0..<works {
            var words = (0..<260).map { _ in lexicon[rng.next(lexicon.count)] }
            if boilerplateWorks.contains(w) {
                words.insert(contentsOf: boilerplate.split(separator: " ").map(String.init), at: 100 + w)
            }
            // A refrain: one sentence three times in the same work.
            if w == 4 {
                let refrain = Array(words[20..<32])
                words.insert(contentsOf: refrain, at: 150)
                words.insert(contentsOf: refrain, at: 200)
            }
            texts.append(words)
            try c.write("works/w\(w < 10 ? "0" : "")\(w).txt", words.joined(separator: " ") + "\n")
        }
        var lines = [String]()
        for o in 0..<outputs {
            let w = o % works, other = (o * 7 + 3) % works
            var words: [String]
            var prompt = ""
            switch o % 6 {
            case 0:    // a long verbatim copy
                words = Array(texts[w][30..<130])
            case 1:    // a copy with a word changed every ninth word
                words = Array(texts[w][10..<120]).enumerated().map { $0.offset % 9 == 8 ? "changed" : $0.element }
            case 2:    // a quotation found in two works: the boilerplate sentence plus real copies
                words = Array(texts[w][0..<50]) + boilerplate.split(separator: " ").map(String.init)
                    + Array(texts[other][60..<110])
            case 3:    // an extraction: the prompt holds the opening, the output continues
                prompt = texts[w][0..<30].joined(separator: " ")
                words = Array(texts[w][0..<90])
            case 4:    // the refrain work, copied around its repeats
                words = Array(texts[4][140..<230])
            default:   // nothing copied
                words = (0..<80).map { _ in lexicon[rng.next(lexicon.count)] + "x" }
            }
            let model = ["model-a", "model-b", "model-c"][o % 3]
            var fields = ["\"id\": \"r\(o < 10 ? "0" : "")\(o)\"", "\"model\": \"\(model)\"",
                          "\"output\": \"\(words.joined(separator: " "))\""]
            if !prompt.isEmpty {
                fields += ["\"prompt\": \"\(prompt)\"", "\"method\": \"extraction\"",
                           "\"work\": \"w\(w < 10 ? "0" : "")\(w)\""]
            }
            lines.append("{" + fields.joined(separator: ", ") + "}")
        }
        try c.write("outputs/runs.jsonl", lines.joined(separator: "\n") + "\n")
        try c.write("case.toml", "title = \"Generated\"\n")
    }

    /// A 64-bit linear congruential generator (Knuth's MMIX constants).
    struct LCG {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }
}
