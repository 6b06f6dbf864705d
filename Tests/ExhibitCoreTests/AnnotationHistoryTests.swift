import Foundation
import Testing
@testable import ExhibitCore

/// Edits and deletions are new records that supersede earlier ones; the current view
/// folds them, the history keeps every record.
@Suite struct AnnotationHistoryTests {
    static func log(_ records: [Annotation]) -> AnnotationLog {
        AnnotationLog(records: records.enumerated().map { StoredAnnotation(annotation: $1, line: $0 + 1, offset: $0 * 100) })
    }

    @Test func editsAndDeletionsFold() {
        let a = AnnotationFixtures.record(1)
        let b = AnnotationFixtures.record(2)
        let a2 = a.revised(body: AnnotationBody(tag: "follow-up", note: "second look"), id: "urn:uuid:a2")
        let a3 = a2.revised(body: AnnotationBody(tag: "exclude", note: "third"), id: "urn:uuid:a3")
        let bDel = b.deletion(id: "urn:uuid:b-del")
        let h = AnnotationHistory(Self.log([a, b, a2, bDel, a3]))
        #expect(h.warnings.isEmpty)
        #expect(h.current.map(\.record.annotation.id) == ["urn:uuid:a3"])
        #expect(h.current.first?.root == a.id)
        #expect(h.entries.map(\.state) == [.superseded(by: "urn:uuid:a2"), .superseded(by: "urn:uuid:b-del"),
                                           .superseded(by: "urn:uuid:a3"), .deleted, .current])
        #expect(h.head(of: a.id)?.record.annotation.id == "urn:uuid:a3")
        #expect(h.head(of: "urn:uuid:a2")?.record.annotation.id == "urn:uuid:a3")
        #expect(h.head(of: b.id)?.state == .deleted)
        #expect(h.head(of: "urn:uuid:nope") == nil)
    }

    @Test func concurrentEditsKeepBothAndWarn() {
        let a = AnnotationFixtures.record(1)
        let x = a.revised(body: AnnotationBody(tag: "follow-up"), id: "urn:uuid:x")
        let y = a.revised(body: AnnotationBody(tag: "exclude"), id: "urn:uuid:y")
        let h = AnnotationHistory(Self.log([a, x, y]))
        #expect(h.current.map(\.record.annotation.id) == ["urn:uuid:y"])     // the later one in the file
        #expect(h.entries[1].state == .superseded(by: "urn:uuid:y"))
        #expect(h.warnings.count == 1)
        #expect(h.warnings.first?.message.contains("urn:uuid:x, urn:uuid:y") == true)
    }

    @Test func duplicateIdsAndDanglingReferencesAreKeptAndWarned() {
        let a = AnnotationFixtures.record(1)
        var dup = AnnotationFixtures.record(1)
        dup.body.note = "same id, other content"
        let orphanEdit = AnnotationFixtures.record(2).revised(body: AnnotationBody(tag: "exclude"), id: "urn:uuid:e")
        let h = AnnotationHistory(Self.log([a, dup, orphanEdit]))
        #expect(h.entries.map(\.state) == [.current, .duplicate, .current])
        #expect(h.current.map(\.record.annotation.id) == [a.id, "urn:uuid:e"])
        #expect(h.warnings.map(\.line) == [2, 3])
        #expect(h.record(id: a.id)?.record.line == 1)
    }

    @Test func deletedAnnotationCanBeRestoredByALaterRecord() {
        let a = AnnotationFixtures.record(1)
        let del = a.deletion(id: "urn:uuid:del")
        let back = del.revised(body: a.body, id: "urn:uuid:back")
        let h = AnnotationHistory(Self.log([a, del, back]))
        #expect(h.current.map(\.record.annotation.id) == ["urn:uuid:back"])
    }

    // MARK: Through the case

    static let text = "Quoted from a review: \"a triumph of the form\". The author's own words follow here."

    @Test func annotateEditDeleteThroughTheCase() throws {
        let casePath = try AnnotationFixtures.makeCase(works: ["a.txt": Self.text])
        defer { AnnotationFixtures.remove(casePath) }
        let kase = try CaseLoader.load(path: casePath)

        #expect(throws: AnnotationError.unknownTag("bogus", allowed: kase.settings.tags)) {
            try AnnotationEditing.annotate(kase, source: "works/a.txt", range: 0..<5, tag: "bogus")
        }
        #expect("\(AnnotationError.unknownTag("bogus", allowed: kase.settings.tags))"
                == "unknown tag 'bogus'; the case allows: key-passage, quotation-not-original, exclude, follow-up")
        #expect(throws: AnnotationError.unknownSource("works/b.txt")) {
            try AnnotationEditing.annotate(kase, source: "works/b.txt", range: 0..<5, tag: "exclude")
        }
        #expect(throws: AnnotationError.rangeOutOfBounds(source: "works/a.txt", range: 80..<90, length: 82)) {
            try AnnotationEditing.annotate(kase, source: "works/a.txt", range: 80..<90, tag: "exclude")
        }

        let a = try AnnotationEditing.annotate(kase, source: "works/a.txt", range: 22..<45, tag: "exclude",
                                               note: "third-party quotation", creator: "ann")
        let b = try AnnotationEditing.annotate(kase, source: "works/a.txt", range: 47..<57, tag: "key-passage", creator: "ann")
        #expect(a.target.quote.exact == "\"a triumph of the form\"")

        let a2 = try AnnotationEditing.revise(kase, id: a.id, note: "quotation from the Times review", creator: "bob")
        #expect(a2.supersedes == a.id && a2.body == AnnotationBody(tag: "exclude", note: "quotation from the Times review"))
        #expect(throws: AnnotationError.superseded(a.id, by: a2.id)) {
            try AnnotationEditing.revise(kase, id: a.id, tag: "follow-up")
        }
        let bDel = try AnnotationEditing.delete(kase, id: b.id, creator: "bob")
        #expect(bDel.deleted && bDel.supersedes == b.id)
        #expect(throws: AnnotationError.alreadyDeleted(bDel.id)) { try AnnotationEditing.delete(kase, id: bDel.id) }
        #expect(throws: AnnotationError.unknownRecord("urn:uuid:nope")) { try AnnotationEditing.delete(kase, id: "urn:uuid:nope") }

        let view = try CaseAnnotations.load(kase)
        #expect(view.current.map(\.annotation.id) == [a2.id])
        #expect(view.all.count == 4)
        #expect(view.excludedRanges(for: "works/a.txt") == [22..<45])
        #expect(view.excludedRanges(for: "works/other.txt").isEmpty)
    }

    @Test func editAfterTheTextChangedRetargetsTheNewRecord() throws {
        let casePath = try AnnotationFixtures.makeCase(works: ["a.txt": Self.text])
        defer { AnnotationFixtures.remove(casePath) }
        let a = try AnnotationEditing.annotate(try CaseLoader.load(path: casePath), source: "works/a.txt",
                                               range: 22..<45, tag: "exclude")
        try AnnotationFixtures.rewrite(casePath, work: "a.txt", "Preface.\n" + Self.text)
        let kase = try CaseLoader.load(path: casePath)
        let a2 = try AnnotationEditing.revise(kase, id: a.id, tag: "quotation-not-original")
        #expect(a2.target.position == TextPositionSelector(start: 31, end: 54))
        #expect(a2.target.sha256 == ScalarText("Preface.\n" + Self.text).sha256)
        let view = try CaseAnnotations.load(kase)
        #expect(view.current.map(\.status) == [.anchored(31..<54)])
    }

    @Test func excludedRangesMergeAndSkipOrphans() throws {
        let text = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", count: 4)
            + "Unique closing sentence for the orphan."
        let t = ScalarText(text)
        func ex(_ n: Int, _ r: Range<Int>, tag: String = "exclude") throws -> Annotation {
            try Annotation.make(source: "works/a.txt", text: t, range: r, body: AnnotationBody(tag: tag),
                                id: "urn:uuid:\(n)")
        }
        var orphan = try ex(5, 228..<240)
        orphan.target.sha256 = "changed"
        orphan.target.quote.exact = "a sentence that is nowhere in the text at all"
        let records = [try ex(1, 10..<20), try ex(2, 15..<30), try ex(3, 30..<35), try ex(4, 50..<60, tag: "key-passage"),
                       try ex(6, 100..<110), orphan]
        let view = CaseAnnotations(log: Self.log(records),
                                   documents: [Document(id: "a", role: .work, path: "works/a.txt", text: text)])
        #expect(view.excludedRanges(for: "works/a.txt") == [10..<35, 100..<110])
        #expect(view.current.count == 6)
        #expect(view.current.last?.status.name == "orphaned")
    }
}
