import Foundation
import Testing
@testable import ExhibitCore

/// Issue 12: the JSON report handed on a piece at a time (`ScanReport.utf8(…emit:)`,
/// `ExportWriter.write(to:…producing:)`) is byte for byte the report made whole, and a
/// report whose making fails never replaces the old file.
@Suite struct StreamedReportTests {
    private struct Refused: Error {}

    @Test func piecesMakeTheWholeReport() throws {
        // More than one window of chunks (512 elements each) of outputs, pairs in several chunks.
        let kase = ParallelScanTests.syntheticCase(outputs: 9_000)
        let result = try Scanner.scan(kase, options: ScanOptions(threads: 2))
        #expect(result.outputs.count > 8 * 512 && result.pairs.count > 2 * 512)
        let whole = ScanReport.utf8(case: kase, result: result)
        for indent in [1, nil] as [Int?] {
            var pieces = [[UInt8]]()
            try ScanReport.utf8(case: kase, result: result, indent: indent) { pieces.append($0) }
            #expect(pieces.reduce([], +) == (indent == nil ? ScanReport.utf8(case: kase, result: result, indent: nil) : whole))
        }
        // Small pieces: handed on between windows, never empty.
        var pieces = [[UInt8]]()
        let value = JSONValue.object([("a", .elements(count: 20_000) { .int($0) }), ("b", .int(1))])
        try value.utf8(indent: 1, piece: 1) { pieces.append($0) }
        #expect(pieces.count > 2 && !pieces.contains { $0.isEmpty })
        #expect(pieces.reduce([], +) == value.utf8(indent: 1))
    }

    @Test func anErrorStopsThePiecesAndIsThrown() throws {
        var handed = 0
        #expect(throws: Refused.self) {
            try JSONValue.elements(count: 50_000) { .int($0) }.utf8(piece: 1) { _ in
                handed += 1
                throw Refused()
            }
        }
        #expect(handed == 1)
    }

    @Test func aReportWrittenInPiecesReplacesTheFileOnlyWhenWhole() throws {
        let root = try ExportWriterTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let path = root + "/report.json"
        try ExportWriter.write("old\n", to: path, overwrite: true)
        try ExportWriter.write(to: path, overwrite: true) { put in
            for piece in ["one ", "two ", "three\n"] { try Array(piece.utf8).withUnsafeBytes(put) }
        }
        #expect(ExportWriterTests.read(path) == "one two three\n")
        #expect(throws: Refused.self) {
            try ExportWriter.write(to: path, overwrite: true) { put in
                try Array("half".utf8).withUnsafeBytes(put)
                throw Refused()
            }
        }
        #expect(ExportWriterTests.read(path) == "one two three\n")
        #expect(ExportWriterTests.hidden(root).isEmpty)
    }
}
