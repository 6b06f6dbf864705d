import Foundation
import Testing
@testable import ExhibitCore

/// The results store's stat cache (`CaseFileSnapshot`, `StoredCase.reopen`): a case
/// whose files all match their rows reopens without reading its documents, and gives
/// byte-identical JSON; any change to a file — even one hidden by restoring its size
/// and modification time — or to the listing makes it read the case in full.
@Suite struct StatCacheTests {
    /// Scans the case at `path` as `exhibit scan` does (snapshot first, then the load)
    /// and writes the store to a temporary folder; returns the store, the scanned JSON
    /// and the options. `shiftTaken` moves the snapshot's time forward (nanoseconds), as
    /// if the files had been written long before the scan (not racy).
    static func storeScan(_ path: String, shiftTaken: Int64 = 0, filters: [MetadataFilter] = [])
        throws -> (location: StoreLocation, json: String, options: ScanOptions, root: String) {
        let root = try CaseLoader.checkOpenable(path: path)
        var snapshot = CaseFileSnapshot.take(root: root)
        snapshot.taken += shiftTaken
        let kase = try CaseLoader.load(path: root)
        var options = ScanOptions(settings: kase.settings, threads: 2)
        let dir = try ResultsStoreTests.tempFolder()
        let location = StoreLocation(directory: dir)
        let result = try Scanner.scan(kase, options: options)
        try ResultsStore.write(result, key: StoreKey(case: kase, options: options, noExclusions: false), to: location,
                               snapshot: snapshot, case: kase)
        options.filters = filters
        return (location, ResultsStoreTests.json(kase, result.filtered(by: filters, case: kase)), options, root)
    }

    /// The JSON of the case reopened from the store, or nil when it could not be.
    static func reopenedJSON(_ s: (location: StoreLocation, json: String, options: ScanOptions, root: String)) -> String? {
        guard let outline = StoredCase.reopen(root: s.root, location: s.location) else { return nil }
        let textless = outline.works.allSatisfy { $0.text.isEmpty }
        #expect(textless)
        let settings = StoreSettings(directory: s.location.directory)
        guard let result = StoredScanner.reopened(case: outline, options: s.options, settings: settings) else { return nil }
        return ResultsStoreTests.json(outline, result)
    }

    @Test func demoReopensByteIdentical() throws {
        let s = try Self.storeScan(Fixtures.demoCase)
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        let reopened = try #require(Self.reopenedJSON(s))
        #expect(s.json.contains("\"passages\"") && reopened == s.json)
    }

    @Test func demoReopensWithFiltersByteIdentical() throws {
        let s = try Self.storeScan(Fixtures.demoCase, filters: [MetadataFilter("model=model-a")!])
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        #expect(Self.reopenedJSON(s) == s.json)
    }

    @Test func realCaseReopensByteIdentical() throws {
        guard let path = Fixtures.recapNovels else { print(Fixtures.recapMissing); return }
        let s = try Self.storeScan(path)
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        let reopened = try #require(Self.reopenedJSON(s))
        #expect(s.json.count > 10_000 && reopened == s.json)
    }

    @Test func anUnchangedOldCaseNeedsNoHashing() throws {
        let c = try ResultsStoreTests.smallCase()
        // Old files: nothing is racy, so only the statuses vouch for them.
        let s = try Self.storeScan(c.root, shiftTaken: 60_000_000_000)
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        #expect(Self.reopenedJSON(s) == s.json)
    }

    /// An edit of the same size whose modification time is put back (`touch -d`):
    /// the status change time still moves, so the file is not trusted.
    @Test func anEditWithSizeAndMtimeRestoredIsDetectedByItsCtime() throws {
        let c = try ResultsStoreTests.smallCase()
        let path = c.root + "/works/v.txt"
        let s = try Self.storeScan(c.root, shiftTaken: 60_000_000_000)
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        let before = try #require(FileStat.of(path: path))
        usleep(20_000)  // past the file system's clock tick, so the change time moves
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let fd = open(path, O_WRONLY)
        #expect(fd >= 0)
        _ = Array(text.uppercased().utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        var times = [timespec(tv_sec: Int(before.mtime / 1_000_000_000), tv_nsec: Int(before.mtime % 1_000_000_000)),
                     timespec(tv_sec: Int(before.mtime / 1_000_000_000), tv_nsec: Int(before.mtime % 1_000_000_000))]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        let after = try #require(FileStat.of(path: path))
        #expect(after.size == before.size && after.mtime == before.mtime && after.inode == before.inode)
        #expect(after.ctime != before.ctime)
        #expect(StoredCase.reopen(root: s.root, location: s.location) == nil)
    }

    /// A file replaced by another of the same size and times (an editor's save by
    /// rename) has another inode.
    @Test func aFileReplacedByRenameIsDetectedByItsInode() throws {
        let c = try ResultsStoreTests.smallCase()
        let s = try Self.storeScan(c.root, shiftTaken: 60_000_000_000)
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        let path = c.root + "/works/v.txt"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try c.write("works/.v.new", text.uppercased())
        #expect(rename(c.root + "/works/.v.new", path) == 0)
        #expect(StoredCase.reopen(root: s.root, location: s.location) == nil)
    }

    /// A file edited within the racy window keeps size, time and perhaps change time
    /// (same clock tick): it is hashed again, and the edit is found.
    @Test func aFileEditedWithinTheRacyWindowIsHashedAgain() throws {
        let c = try ResultsStoreTests.smallCase()
        let s = try Self.storeScan(c.root)  // files written just now: all racy
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        #expect(Self.reopenedJSON(s) == s.json)  // unchanged: hashed again, and equal
        let path = c.root + "/works/v.txt"
        let before = try #require(FileStat.of(path: path))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let fd = open(path, O_WRONLY)
        _ = Array(text.uppercased().utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        var times = [timespec(tv_sec: Int(before.mtime / 1_000_000_000), tv_nsec: Int(before.mtime % 1_000_000_000)),
                     timespec(tv_sec: Int(before.mtime / 1_000_000_000), tv_nsec: Int(before.mtime % 1_000_000_000))]
        _ = utimensat(AT_FDCWD, path, &times, 0)
        #expect(StoredCase.reopen(root: s.root, location: s.location) == nil)
    }

    /// A case scanned right after it was written (copied, imported) is racy; once the
    /// window has passed, the reopen that hashed its files again records the new time,
    /// so the next reopen trusts their statuses instead of hashing them on every open.
    @Test func filesHashedAgainAfterTheRacyWindowAreTrustedOnTheirStatusNextTime() throws {
        let c = try ResultsStoreTests.smallCase()
        let s = try Self.storeScan(c.root)  // files written just now: all racy
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        let before = try #require(try ResultsStore.caseRecord(s.location.file))
        #expect(before.rows.values.contains { CaseFileSnapshot.isRacy($0.stat, taken: before.taken) })
        Thread.sleep(forTimeInterval: Double(CaseFileSnapshot.racyMargin) / 1e9 + 0.1)
        #expect(Self.reopenedJSON(s) == s.json)
        let after = try #require(try ResultsStore.caseRecord(s.location.file))
        #expect(after.taken > before.taken)
        #expect(!after.rows.values.contains { CaseFileSnapshot.isRacy($0.stat, taken: after.taken) })
        #expect(Self.reopenedJSON(s) == s.json)
    }

    @Test func anAddedOrRemovedFileOrAListingProblemIsDetected() throws {
        let c = try ResultsStoreTests.smallCase()
        let s = try Self.storeScan(c.root, shiftTaken: 60_000_000_000)
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        try c.write("works/notes.pdf", "not a document")  // skipped with a warning by the listing
        #expect(StoredCase.reopen(root: s.root, location: s.location) == nil)
        try FileManager.default.removeItem(atPath: c.root + "/works/notes.pdf")
        #expect(StoredCase.reopen(root: s.root, location: s.location) != nil)
        try c.write("outputs/more.jsonl", "{\"id\": \"o9\", \"output\": \"word1 word2\"}\n")
        #expect(StoredCase.reopen(root: s.root, location: s.location) == nil)
        try FileManager.default.removeItem(atPath: c.root + "/outputs/more.jsonl")
        try FileManager.default.removeItem(atPath: c.root + "/works/v.txt")
        #expect(StoredCase.reopen(root: s.root, location: s.location) == nil)
    }

    /// A parameter or exclusion changed: the outline reopens, but the key differs, so
    /// the store is not current and nothing is served from it.
    @Test func aChangedParameterIsNotServedFromTheStore() throws {
        let c = try ResultsStoreTests.smallCase()
        var s = try Self.storeScan(c.root, shiftTaken: 60_000_000_000)
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        let outline = try #require(StoredCase.reopen(root: s.root, location: s.location))
        s.options.match.minWords += 1
        #expect(StoredScanner.reopened(case: outline, options: s.options, settings: StoreSettings(directory: s.location.directory)) == nil)
        s.options.match.minWords -= 1
        s.options.exclusions = [ExcludedSpan(source: "works/w.txt", scalars: 0..<10, annotation: "a1")]
        #expect(StoredScanner.reopened(case: outline, options: s.options, settings: StoreSettings(directory: s.location.directory)) == nil)
        #expect(StoredScanner.reopened(case: outline, options: s.options,
                                       settings: StoreSettings(directory: s.location.directory, noExclusions: true)) == nil)
    }

    /// A store written without a snapshot (the review screen, a merge) has no stat
    /// cache: reopening falls back to a full load.
    @Test func aStoreWithoutStatCacheDoesNotReopen() throws {
        let c = try ResultsStoreTests.smallCase()
        let kase = try c.load()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let location = StoreLocation(directory: dir)
        try ResultsStore.write(try Scanner.scan(kase, options: ScanOptions()),
                               key: StoreKey(case: kase, options: ScanOptions(), noExclusions: false), to: location)
        #expect(StoredCase.reopen(root: kase.root, location: location) == nil)
    }

    /// A case whose files were touched (same bytes, other times) is read in full once;
    /// the store, still current, gets a stat cache that matches again.
    @Test func aTouchedCaseGetsItsStatCacheBackOnTheNextFullOpen() throws {
        let c = try ResultsStoreTests.smallCase()
        let s = try Self.storeScan(c.root, shiftTaken: 60_000_000_000)
        defer { try? FileManager.default.removeItem(atPath: s.location.directory) }
        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, c.root + "/works/v.txt", &times, 0) == 0)
        #expect(StoredCase.reopen(root: s.root, location: s.location) == nil)
        let snapshot = CaseFileSnapshot.take(root: s.root)
        let kase = try CaseLoader.load(path: s.root)
        var notices = [String]()
        _ = try StoredScanner.result(case: kase, options: s.options, settings: StoreSettings(directory: s.location.directory),
                                     snapshot: snapshot, notice: { notices.append($0.text) })
        #expect(notices.isEmpty)  // current: served, not scanned
        #expect(Self.reopenedJSON(s) == s.json)
    }
}
