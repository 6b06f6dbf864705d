import Foundation
import Synchronization
import Testing
@testable import ExhibitCore

/// `annotations.jsonl`: appended and fsync'd, never rewritten; bad lines reported and
/// skipped; concurrent appends never interleave or lose a record.
@Suite struct AnnotationStoreTests {
    static func tempStore() throws -> (AnnotationStore, String) {
        let dir = try AnnotationFixtures.makeCase(works: [:])
        return (AnnotationStore(casePath: dir), dir)
    }

    @Test func appendsOneLinePerRecordAndReadsThemBack() throws {
        let (store, dir) = try Self.tempStore()
        defer { AnnotationFixtures.remove(dir) }
        #expect(try store.read().records.isEmpty)     // no file yet: no annotations, no error
        let records = (1...3).map { AnnotationFixtures.record($0, note: "note \($0)\nsecond line") }
        for r in records { try store.append(r) }

        let bytes = AnnotationFixtures.fileBytes(store.path)
        let expected = records.map { AnnotationJSON.line($0) + "\n" }.joined()
        #expect(bytes == Array(expected.utf8))
        let log = try store.read()
        #expect(log.warnings.isEmpty)
        #expect(log.records.map(\.annotation) == records)
        #expect(log.records.map(\.line) == [1, 2, 3])
        let firstLength = AnnotationJSON.line(records[0]).utf8.count + 1
        #expect(log.records.map(\.offset) == [0, firstLength, 2 * firstLength])
    }

    @Test func tornLastLineIsReportedAndSkippedThenSealed() throws {
        let (store, dir) = try Self.tempStore()
        defer { AnnotationFixtures.remove(dir) }
        try store.append(AnnotationFixtures.record(1))
        try store.append(AnnotationFixtures.record(2))
        let intact = AnnotationFixtures.fileBytes(store.path).count
        // A power cut in the middle of the third write.
        let third = Array(AnnotationJSON.line(AnnotationFixtures.record(3)).utf8)
        try AnnotationFixtures.appendBytes(store.path, Array(third.prefix(57)))

        var log = try store.read()
        #expect(log.records.map(\.annotation.id) == [1, 2].map { AnnotationFixtures.record($0).id })
        #expect(log.warnings.count == 1)
        let w = try #require(log.warnings.first)
        #expect(w.path == "annotations.jsonl" && w.line == 3 && w.offset == intact)
        #expect(w.message.contains("torn last line") && w.message.contains("57 bytes skipped"))

        // The next record starts on a line of its own; the torn text stays, reported, and
        // never runs into the new record.
        try store.append(AnnotationFixtures.record(4))
        log = try store.read()
        #expect(log.records.map(\.annotation.id) == [1, 2, 4].map { AnnotationFixtures.record($0).id })
        #expect(log.records.last?.line == 4)
        #expect(log.warnings.map(\.line) == [3])
        #expect(log.warnings.first?.offset == intact)
        #expect(AnnotationFixtures.fileBytes(store.path).last == 0x0A)
    }

    @Test func badLinesInTheMiddleCostOnlyThemselves() throws {
        let (store, dir) = try Self.tempStore()
        defer { AnnotationFixtures.remove(dir) }
        try store.append(AnnotationFixtures.record(1))
        let offset = AnnotationFixtures.fileBytes(store.path).count
        try AnnotationFixtures.appendBytes(store.path, Array("{\"id\": \"half a rec\n\n   \n[1,2]\n".utf8) + [0xFF, 0xFE, 0x0A])
        try store.append(AnnotationFixtures.record(2))
        let log = try store.read()
        #expect(log.records.map(\.annotation.id) == [1, 2].map { AnnotationFixtures.record($0).id })
        #expect(log.records.map(\.line) == [1, 7])
        #expect(log.warnings.map(\.line) == [2, 5, 6])           // blank lines 3 and 4 are not warned about
        #expect(log.warnings.first?.offset == offset)
        #expect(log.warnings.allSatisfy { $0.message.contains("not an annotation record") })
    }

    @Test func completeRecordWithoutLineFeedIsKept() throws {
        let (store, dir) = try Self.tempStore()
        defer { AnnotationFixtures.remove(dir) }
        // Written by hand (or the line feed lost): the record is whole, so it counts.
        try Data(AnnotationJSON.line(AnnotationFixtures.record(1)).utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(try store.read().records.count == 1)
        #expect(try store.read().warnings.isEmpty)
        try store.append(AnnotationFixtures.record(2))
        let log = try store.read()
        #expect(log.records.map(\.line) == [1, 2] && log.warnings.isEmpty)
    }

    @Test func crlfLineEndsAreRead() throws {
        let text = [1, 2].map { AnnotationJSON.line(AnnotationFixtures.record($0)) + "\r\n" }.joined()
        let log = AnnotationStore.parse(Array(text.utf8))
        #expect(log.records.count == 2 && log.warnings.isEmpty)
    }

    @Test func concurrentAppendsFromManyThreadsAreAllKept() throws {
        let (store, dir) = try Self.tempStore()
        defer { AnnotationFixtures.remove(dir) }
        let threads = 8, each = 40
        let failures = Mutex<[String]>([])
        let start = Date()
        // Each append opens its own descriptor, so flock excludes threads as it does processes.
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            for i in 0..<each {
                do {
                    try store.append(AnnotationFixtures.record(t * 1000 + i, note: String(repeating: "n", count: 50 * (i % 7))))
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        #expect(failures.withLock { $0 }.isEmpty)
        let log = try store.read()
        #expect(log.warnings.isEmpty)
        #expect(log.records.count == threads * each)
        #expect(Set(log.records.map(\.annotation.id)).count == threads * each)
        print("annotation store: \(threads * each) appends from \(threads) threads in "
              + String(format: "%.2f s (%.0f appends/s with fsync)", seconds, Double(threads * each) / seconds))
    }

    @Test func appendFailsLoudlyWhenTheFolderIsMissing() {
        let store = AnnotationStore(casePath: "/nonexistent-exhibit-folder")
        #expect(throws: AnnotationError.self) { try store.append(AnnotationFixtures.record(1)) }
    }
}
