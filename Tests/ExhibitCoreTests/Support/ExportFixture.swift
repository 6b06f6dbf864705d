import Foundation
@testable import ExhibitCore

/// A small in-memory case for export tests whose every mark can be checked by eye.
/// Texts are plain ASCII words (no hyphens, apostrophes or CJK) so the figures do not
/// depend on the tokenizer being rewritten.
///
/// - work `harbor` (66 tokens): 0–10 "The harbor lights of Port Wren went dark on Tuesday
///   night", 11–52 the rest of the article (37 "phones"), 53–65 the reprint line.
/// - output `o-extract` (54 tokens; model-a, extraction): the prompt holds work tokens
///   0–10, so they are *supplied*; the output opens with "went dark on Tuesday night"
///   (tokens 0–4, which the prompt also holds: *echo*), copies work tokens 6–52 with
///   "phones" changed to "radios" (output 31) and "quickly" inserted (output 40), then
///   adds "The town is now raising money" (48–53). One passage: work 6..<53, output
///   0..<48, same 46, matched 41 (46 less 5 echo), identity 46/48, longest verbatim 26.
/// - work `orchard` (49 tokens): 0–11 "Pickers … saying", 12 "that", 13–23 "the owners …
///   warning", 24–35 "The workers … band", 36–48 the reprint line.
/// - output `o-orchard` (36 tokens; model-b): work 0–23 with "that" dropped (passage 1,
///   work 0..<24, output 0..<23, identity 23/24), then the reprint line (23–35,
///   *boilerplate* from `boilerplate.txt`: passage 2, work 36..<49, kept with matched 0).
/// - annotations: one on the output's copy, one on the work's "phones", one orphaned,
///   one over the whole orchard output; notes hold HTML and a formula, as data.
enum ExportFixture {
    static let reprint = "This article originally appeared in The Coastal Gazette and is reprinted with permission."

    static let harbor = "The harbor lights of Port Wren went dark on Tuesday night for the first time\n"
        + "in ninety years, after a storm cut the cable that feeds the old lighthouse. Fishermen\n"
        + "who were still at sea used their phones to find the channel, and the coast guard sent\n"
        + "two boats to guide them home.\n\n" + reprint + "\n"

    static let orchard = "Pickers at the Hollow Creek orchards stopped work on Monday morning, saying that the "
        + "owners had cut their pay by a fifth without warning. The workers gathered at the gate with "
        + "signs and a brass band.\n\n" + reprint + "\n"

    static let extractPrompt = "Continue the article: The harbor lights of Port Wren went dark on Tuesday night"
    static let extractOutput = "went dark on Tuesday night for the first time in ninety years, after a storm cut the "
        + "cable that feeds the old lighthouse. Fishermen who were still at sea used their radios to find the "
        + "channel, and the coast guard quickly sent two boats to guide them home. The town is now raising money."

    static let orchardOutput = "Pickers at the Hollow Creek orchards stopped work on Monday morning, saying the owners "
        + "had cut their pay by a fifth without warning. " + reprint

    /// A fixed export date: 2025-01-31T09:30:00Z.
    static let date = Date(timeIntervalSince1970: 1_738_315_800)

    static func hex(_ seed: Character) -> String { String(repeating: seed, count: 64) }

    static var kase: Case {
        var settings = CaseSettings()
        settings.title = "Export fixture: two articles, two outputs"
        return Case(
            root: "/mem/export-fixture", settings: settings,
            works: [Document(id: "harbor", role: .work, path: "works/harbor.txt", text: harbor, title: "Harbor lights go dark"),
                    Document(id: "orchard", role: .work, path: "works/orchard.txt", text: orchard)],
            outputs: [Document(id: "o-extract", role: .output, path: "outputs/runs.jsonl", line: 1, text: extractOutput,
                               prompt: extractPrompt,
                               metadata: [MetadataEntry(key: "model", value: "model-a"),
                                          MetadataEntry(key: "method", value: "extraction"),
                                          MetadataEntry(key: "work", value: "harbor")]),
                      Document(id: "o-orchard", role: .output, path: "outputs/runs.jsonl", line: 2, text: orchardOutput,
                               prompt: "Tell me about a strike at an orchard.",
                               metadata: [MetadataEntry(key: "model", value: "model-b"),
                                          MetadataEntry(key: "method", value: "regurgitation")])],
            boilerplate: [(1, reprint)],
            // Stand-in hashes (the loader computes real ones): one repeated hex digit per file.
            files: [CaseFile(path: "boilerplate.txt", sha256: hex("b")), CaseFile(path: "case.toml", sha256: hex("c")),
                    CaseFile(path: "outputs/runs.jsonl", sha256: hex("0")), CaseFile(path: "works/harbor.txt", sha256: hex("1")),
                    CaseFile(path: "works/orchard.txt", sha256: hex("2"))])
    }

    /// Scalar range of the first occurrence of `needle` in `text`.
    static func scalars(of needle: String, in text: String) -> Range<Int> {
        let t = Array(text.unicodeScalars), n = Array(needle.unicodeScalars)
        for i in 0...(t.count - n.count) where Array(t[i..<(i + n.count)]) == n { return i..<(i + n.count) }
        fatalError("\(needle) not in text")
    }

    static var annotations: [ExportAnnotation] {
        [ExportAnnotation(id: "a1", source: "outputs/runs.jsonl#o-extract",
                          scalars: scalars(of: "for the first time in ninety years", in: extractOutput),
                          tag: "key-passage", note: "Continues the prompt <b>verbatim</b>; compare =SUM(A1)",
                          creator: "counsel-a", created: "2025-01-30T10:00:00Z"),
         ExportAnnotation(id: "a2", source: "works/harbor.txt", scalars: scalars(of: "phones", in: harbor),
                          tag: "follow-up", note: "The output says radios.", creator: "counsel-b",
                          created: "2025-01-30T11:00:00Z"),
         ExportAnnotation(id: "a3", source: "outputs/runs.jsonl#o-orchard", scalars: 500..<507,
                          tag: "quotation-not-original", note: "", creator: "counsel-a",
                          created: "2025-01-30T12:00:00Z", quote: "Pickers", orphaned: true),
         ExportAnnotation(id: "a4", source: "outputs/runs.jsonl#o-orchard", scalars: 0..<orchardOutput.unicodeScalars.count,
                          tag: "follow-up", note: "Whole output: the copy, then the reprint line.", creator: "counsel-b",
                          created: "2025-01-30T13:00:00Z")]
    }

    static func scan(_ kase: Case = kase, match: MatchParameters = MatchParameters()) throws -> ScanResult {
        try Scanner.scan(kase, options: ScanOptions(match: match))
    }

    static func options(width: Int = 100, annotations: [ExportAnnotation]? = annotations) -> ExportOptions {
        ExportOptions(width: width, date: date, annotations: annotations)
    }
}
