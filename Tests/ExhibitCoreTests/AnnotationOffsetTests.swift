import Foundation
import Testing
@testable import ExhibitCore

/// Offsets are Unicode scalars into the decoded text (SPEC §2): not UTF-16 code units,
/// not Characters, not bytes.
@Suite struct AnnotationOffsetTests {
    // Scalars: "Line one" 0–7, CR 8, LF 9, "Cafe" 10–13, U+0301 14, space 15, 😀 16,
    // space 17, 東 18, 京 19, タ 20, ワ 21, ー 22, " and more" 23–31, CR 32, LF 33, "last" 34–37.
    static let text = "Line one\r\nCafe\u{301} \u{1F600} 東京タワー and more\r\nlast"

    @Test func scalarOffsetsDifferFromUTF16AndCharacters() {
        let t = ScalarText(Self.text)
        #expect(t.count == 38)
        #expect(Self.text.utf16.count == 39)    // the emoji is two UTF-16 units
        #expect(Self.text.count == 35)          // CRLF and e + U+0301 are one Character each
        #expect(t.string(18..<23) == "東京タワー")
        #expect(t.string(16..<17) == "\u{1F600}")
        #expect(t.string(14..<15) == "\u{301}")
        #expect(t.string(8..<10) == "\r\n")
    }

    @Test(arguments: [
        (18..<23, "東京タワー"),          // CJK after an emoji and a combining mark
        (16..<17, "\u{1F600}"),           // one scalar outside the BMP
        (13..<15, "e\u{301}"),            // base letter and its combining acute
        (5..<12, "one\r\nCa"),
        (34..<38, "last"),                // up to the end of the text: empty suffix
        (0..<4, "Line"),                  // from the start: empty prefix
    ])
    func annotationStoresScalarSpans(range: Range<Int>, exact: String) throws {
        let casePath = try AnnotationFixtures.makeCase(works: ["a.txt": Self.text])
        defer { AnnotationFixtures.remove(casePath) }
        let kase = try CaseLoader.load(path: casePath)
        let doc = try #require(kase.works.first)
        #expect(doc.text == Self.text)   // the loader keeps CRLF and combining marks as they are

        let a = try AnnotationEditing.annotate(kase, source: "works/a.txt", range: range, tag: "key-passage")
        #expect(a.target.position == TextPositionSelector(start: range.lowerBound, end: range.upperBound))
        #expect(a.target.quote.exact == exact)
        let scalars = Array(Self.text.unicodeScalars)
        #expect(Array(a.target.quote.prefix.unicodeScalars) == Array(scalars[max(0, range.lowerBound - 32)..<range.lowerBound]))
        #expect(Array(a.target.quote.suffix.unicodeScalars) == Array(scalars[range.upperBound..<min(38, range.upperBound + 32)]))
        #expect(a.target.sha256 == ScalarText(Self.text).sha256)

        // Read back from disk: same record, anchored at the same scalars.
        let all = try CaseAnnotations.load(kase)
        #expect(all.warnings.isEmpty)
        let r = try #require(all.current.first)
        #expect(r.annotation == a)
        #expect(r.status == .anchored(range))
    }

    @Test func contextIsThirtyTwoScalars() {
        let text = ScalarText(String(repeating: "😀", count: 40) + "X" + String(repeating: "東", count: 40))
        let q = text.quote(40..<41)
        #expect(q.exact == "X")
        #expect(q.prefix == String(repeating: "😀", count: 32))
        #expect(q.suffix == String(repeating: "東", count: 32))
    }

    @Test func reanchorsAcrossEmojiCJKAndCRLFEdits() throws {
        let t = ScalarText(Self.text)
        let a = try Annotation.make(source: "works/a.txt", text: t, range: 18..<23, body: AnnotationBody(tag: "t"))
        // Two more emoji (two scalars, four UTF-16 units) and a CRLF before the span.
        let edited = "\u{1F600}\u{1F4DA}\r\n" + Self.text
        #expect(Reanchor.anchor(a.target, in: ScalarText(edited)) == .reanchored(22..<27, .exact))
        // The same text with LF line ends: one scalar (the CR) fewer before the span.
        let lf = Self.text.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(Reanchor.anchor(a.target, in: ScalarText(lf)) == .reanchored(17..<22, .exact))
    }

    // MARK: Never half a character (issue 9, point 2)

    @Test(arguments: [
        // (text, range, offset refused, cluster before, cluster after)
        ("Cafe\u{301}!", 4..<6, 4, 3, 5),                              // between e and its acute
        ("Line one\r\nx", 8..<9, 9, 8, 10),                          // inside a CRLF
        ("a\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}b", 1..<3, 3, 1, 6),  // inside a ZWJ family
        ("a\u{1F1EF}\u{1F1F5}b", 0..<2, 2, 1, 3),                    // between a flag's two letters
        ("a\u{1F44D}\u{1F3FD}b", 2..<4, 2, 1, 3),                    // between thumb and skin tone
    ])
    func offsetInsideAGraphemeClusterIsRefused(text: String, range: Range<Int>, offset: Int, before: Int, after: Int) throws {
        let casePath = try AnnotationFixtures.makeCase(works: ["a.txt": text])
        defer { AnnotationFixtures.remove(casePath) }
        let kase = try CaseLoader.load(path: casePath)
        #expect(throws: AnnotationError.splitsCharacter(source: "works/a.txt", offset: offset, before: before, after: after)) {
            try AnnotationEditing.annotate(kase, source: "works/a.txt", range: range, tag: "key-passage")
        }
        #expect(AnnotationFixtures.fileBytes(casePath + "/annotations.jsonl").isEmpty)
        // The boundaries it names are accepted.
        let whole = min(range.lowerBound, before)..<max(range.upperBound, after)
        let a = try AnnotationEditing.annotate(kase, source: "works/a.txt", range: whole, tag: "key-passage")
        #expect(a.target.position.range == whole)
        #expect("\(AnnotationError.splitsCharacter(source: "works/a.txt", offset: offset, before: before, after: after))"
                == "works/a.txt: offset \(offset) falls inside a character (grapheme cluster \(before)..<\(after)); use \(before) or \(after)")
    }

    @Test func clusterBoundariesOfTheFixture() {
        let t = ScalarText(Self.text)
        #expect(t.clusterBoundaries(around: 14)?.before == 13 && t.clusterBoundaries(around: 14)?.after == 15)
        #expect(t.clusterBoundaries(around: 9)?.before == 8 && t.clusterBoundaries(around: 9)?.after == 10)
        #expect(t.clusterBoundaries(around: 15) == nil)
        #expect(t.clusterBoundaries(around: 0) == nil && t.clusterBoundaries(around: 38) == nil)
    }
}
