import Foundation
import Testing
@testable import ExhibitCore

/// The stored outputs read ahead while the case is rebuilt (`StoredOutputsAhead`): used
/// only when they come from the store the case was rebuilt from; the result is a full
/// scan's either way.
@Suite struct StoredOutputsAheadTests {
    static func json(_ c: TempCase, dir: String, ahead: StoredOutputsAhead) throws -> String? {
        let root = try CaseLoader.checkOpenable(path: c.root)
        guard let reopened = StoredCase.reopenChangingOutputs(root: root, location: StoreLocation(directory: dir)) else {
            return nil
        }
        let options = ScanOptions(settings: reopened.kase.settings, threads: 2)
        guard let result = try StoredScanner.reopened(reopened, options: options, settings: StoreSettings(directory: dir),
                                                      ahead: ahead)
        else { return nil }
        return ResultsStoreTests.json(reopened.kase, result)
    }

    @Test func readAheadEqualsAFullScan() throws {
        let c = try WorksSidecarTests.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try WorksSidecarTests.scanThroughStore(c, dir: dir)
        try c.write("outputs/more.jsonl", try WorksSidecarTests.moreOutputs(c, from: "outputs/runs.jsonl"))
        let ahead = StoredOutputsAhead(StoreLocation(directory: dir))
        let incremental = try #require(try Self.json(c, dir: dir, ahead: ahead))
        let full = try WorksSidecarTests.fullJSON(c)
        #expect(incremental.contains("more-r05") && incremental == full)
        #expect(ahead.wait()?.outlineDigest != nil)
    }

    /// The store replaced between the read ahead and the case's rebuild (another scan
    /// finished): what was read ahead belongs to another outline and is read again.
    @Test func readAheadOfAReplacedStoreIsNotUsed() throws {
        let c = try WorksSidecarTests.generated()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try WorksSidecarTests.scanThroughStore(c, dir: dir)
        let ahead = StoredOutputsAhead(StoreLocation(directory: dir))
        let old = try #require(ahead.wait())
        // Another scan stores the case with an output file added, then one more is added.
        try c.write("outputs/more.jsonl", try WorksSidecarTests.moreOutputs(c, from: "outputs/runs.jsonl"))
        try WorksSidecarTests.scanThroughStore(c, dir: dir)
        try c.write("outputs/again.jsonl", try WorksSidecarTests.moreOutputs(c, from: "outputs/runs.jsonl")
            .replacingOccurrences(of: "more-", with: "again-"))
        let root = try CaseLoader.checkOpenable(path: c.root)
        let reopened = try #require(StoredCase.reopenChangingOutputs(root: root, location: StoreLocation(directory: dir)))
        #expect(reopened.outlineDigest != old.outlineDigest)
        let incremental = try #require(try Self.json(c, dir: dir, ahead: ahead))
        #expect(incremental.contains("again-r05") && incremental.contains("more-r05"))
        let full = try WorksSidecarTests.fullJSON(c)
        #expect(incremental == full)
    }
}
