import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// What the screen shows of evidence and of a passage's other places (docs/figures.md).
@Suite struct EvidenceScreenTests {
    /// Works A, B, C share a 10-word quotation; output `oq` quotes it; output `oe` only
    /// repeats ten words of its prompt, which are A's.
    static func quotationCase() throws -> String {
        let dir = try TempCase.folder()
        try FileManager.default.createDirectory(atPath: dir + "/works", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/outputs", withIntermediateDirectories: true)
        func words(_ p: String, _ r: Range<Int>) -> String { r.map { "\(p)\($0)" }.joined(separator: " ") }
        let q = words("q", 0..<10)
        for w in ["a", "b", "c"] {
            try (words(w, 0..<20) + " " + q + " " + words(w, 20..<40) + "\n")
                .write(toFile: dir + "/works/\(w).txt", atomically: true, encoding: .utf8)
        }
        let lines = [
            "{\"id\": \"oe\", \"model\": \"m\", \"prompt\": \"\(words("a", 0..<20))\", \"output\": \"\(words("a", 5..<15)) and so on\"}",
            "{\"id\": \"oq\", \"model\": \"m\", \"output\": \"as they say \(q) indeed\"}",
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: dir + "/outputs/o.jsonl", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func pairsWithoutEvidenceAreDimmedAndCountedApart() throws {
        let dir = try Self.quotationCase()
        defer { TempCase.remove(dir) }
        var model = try AppFixture.scanned(dir, size: Size(rows: 30, cols: 140))
        let overview = model.render().textSnapshot()
        #expect(overview.contains(" Pairs (3 of 3 with evidence; 2 outputs) · sort: longest passage · model: all · 1 without evidence, dimmed"),
                "\(overview)")
        #expect(overview.contains("no evidence: prompt echo"))
        #expect(overview.contains("3 pairs with evidence"))
        // The first pair (oq × a) lists the quotation's other two works.
        model.press(.tab, .enter)
        #expect(model.route == .pair)
        let pair = model.render().textSnapshot()
        #expect(pair.contains("Passage 1/1 · 10 words matched · identity 1 · verbatim · fragment · also in 2 works · longest run 10"),
                "\(pair)")
        // The echo pair: its passage is labelled by its cause and counts nowhere.
        model.press(.escape)
        let rows = model.overview.pairRows
        let echoRow = try #require(rows.firstIndex { !$0.pair.evidence })
        for _ in 0..<echoRow { model.press(.down) }
        model.press(.enter)
        let echo = model.render().textSnapshot()
        #expect(echo.contains("Passage 1/1 · no evidence: prompt echo · counted nowhere"), "\(echo)")
        #expect(echo.contains("Pair · no evidence: prompt echo (counted nowhere) · work 0.0%"), "\(echo)")
    }
}
