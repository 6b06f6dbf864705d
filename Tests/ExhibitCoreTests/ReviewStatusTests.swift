@testable import ExhibitCore
import Foundation
import Testing

/// A passage's review status (SPEC §11): an annotation of its output span, body `status`.
struct ReviewStatusTests {
    static let output = "Intro words. It was the best of times, it was the worst of times. Outro words here."

    static func status(_ n: Int, _ s: ReviewStatus, range: Range<Int>, by: String = "ana") -> Annotation {
        try! Annotation.make(source: "outputs/o.txt", text: ScalarText(output), range: range,
                             body: AnnotationBody(tag: ReviewStatus.tag, status: s),
                             id: String(format: "urn:uuid:00000000-0000-4000-8000-%012d", n),
                             created: "2026-01-0\(n)T00:00:00.000Z", creator: by)
    }

    @Test func theStatusIsWrittenInTheBodyAndReadBack() throws {
        let a = Self.status(1, .flagged, range: 13..<65)
        let line = AnnotationJSON.line(a)
        #expect(line.contains("\"body\":{\"tag\":\"review-status\",\"note\":\"\",\"status\":\"flagged\"}"))
        #expect(try AnnotationJSON.parse(Array(line.utf8)) == a)
        // An ordinary annotation writes no status.
        let plain = AnnotationFixtures.record(2)
        #expect(!AnnotationJSON.line(plain).contains("status"))
        #expect(try AnnotationJSON.parse(Array(AnnotationJSON.line(plain).utf8)).body.status == nil)
        // An unknown status is an error naming the allowed ones, not a silent default.
        let bad = line.replacingOccurrences(of: "\"flagged\"", with: "\"approved\"")
        #expect(throws: AnnotationJSON.ParseError.self) { try AnnotationJSON.parse(Array(bad.utf8)) }
    }

    @Test func theLastOverlappingStatusDecidesAndStatusesAreNotAnnotations() throws {
        let doc = Document(id: "o", role: .output, path: "outputs/o.txt", text: Self.output)
        let note = try Annotation.make(source: "outputs/o.txt", text: ScalarText(Self.output), range: 13..<40,
                                       body: AnnotationBody(tag: "key-passage"))
        let records = [Self.status(1, .reviewed, range: 13..<65, by: "ana"), note,
                       Self.status(2, .disputed, range: 40..<50, by: "ben"),
                       Self.status(3, .flagged, range: 66..<71, by: "cy")]
        let log = AnnotationLog(records: records.enumerated().map { StoredAnnotation(annotation: $1, line: $0 + 1, offset: 0) })
        let annotations = CaseAnnotations(log: log, documents: [doc])
        #expect(annotations.current.map(\.annotation.id) == [note.id])
        #expect(annotations.reviewStatuses.count == 3)
        // 13..<65 is covered by ana's reviewed and, later, ben's disputed: ben's wins.
        let passage = annotations.review(of: "outputs/o.txt", range: 13..<65)
        #expect(passage == PassageReview(status: .disputed, by: "ben", at: "2026-01-02T00:00:00.000Z",
                                         record: records[2].id))
        // Only ana's covers 13..<20.
        #expect(annotations.review(of: "outputs/o.txt", range: 13..<20)?.status == .reviewed)
        // Nothing covers 0..<12: unreviewed (no record), and another document has none.
        #expect(annotations.review(of: "outputs/o.txt", range: 0..<12) == nil)
        #expect(annotations.review(of: "outputs/other.txt", range: 13..<65) == nil)
    }

    /// `review(of:range:)` reads only its output's records (an index by source): it must
    /// answer as the plain scan of every status record does, for many outputs and spans.
    @Test func theIndexBySourceAnswersAsAScanOfEveryRecord() throws {
        let docs = (0..<4).map { Document(id: "o\($0)", role: .output, path: "outputs/o\($0).txt", text: Self.output) }
        var state: UInt64 = 7
        func roll(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        let count = Self.output.unicodeScalars.count
        var records: [Annotation] = []
        for n in 0..<60 {
            let start = roll(count - 1), end = start + 1 + roll(count - start - 1)
            records.append(try Annotation.make(source: docs[roll(docs.count)].path, text: ScalarText(Self.output),
                                               range: start..<end, body: AnnotationBody(tag: ReviewStatus.tag,
                                                                                       status: ReviewStatus.allCases[roll(4)]),
                                               id: String(format: "urn:uuid:00000000-0000-4000-8000-%012d", n)))
        }
        let log = AnnotationLog(records: records.enumerated().map { StoredAnnotation(annotation: $1, line: $0 + 1, offset: 0) })
        let annotations = CaseAnnotations(log: log, documents: docs)
        for _ in 0..<500 {
            let source = roll(5) == 4 ? "outputs/none.txt" : docs[roll(docs.count)].path
            let start = roll(count - 1), range = start..<(start + 1 + roll(count - start - 1))
            // The rule as written before the index: every record, the last overlapping one wins.
            var best: ResolvedAnnotation?
            for r in annotations.reviewStatuses where r.annotation.target.source == source {
                guard let span = r.status.range, span.overlaps(range) else { continue }
                if best.map({ $0.entry.record.line < r.entry.record.line }) ?? true { best = r }
            }
            #expect(annotations.review(of: source, range: range)?.record == best?.annotation.id)
            #expect(annotations.review(of: source, range: range)?.status == best?.annotation.body.status)
        }
    }
}
