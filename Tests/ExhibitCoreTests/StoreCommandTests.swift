import Foundation
import Synchronization
import Testing
@testable import ExhibitCore

/// `--store` and `--rescan` through the real `exhibit` binary.
@Suite struct StoreCommandTests {
    @Test func scanFromTheStoreEqualsAFullScan() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        let first = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        #expect(first.status == 0)
        #expect(FileManager.default.fileExists(atPath: c.root + "/.exhibit/results.sqlite"))
        // Make the scan impossible to repeat unnoticed: a stored read needs no rescan,
        // so its JSON must still match; then --rescan scans in full.
        let stored = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        let rescanned = try BinaryRunner.run(["scan", c.root, "--json", "-", "--rescan"])
        #expect(stored.status == 0 && rescanned.status == 0)
        #expect(first.stdout.contains("\"o1\"") && stored.stdout == first.stdout && rescanned.stdout == first.stdout)
        #expect(stored.stderr.isEmpty)
    }

    @Test func exportAndReportReadTheStore() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        let dir = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["export", c.root, "--work", "w", "--format", "text", "-o", "-", "--store", dir]
        let scanned = try BinaryRunner.run(args)
        #expect(scanned.status == 0 && FileManager.default.fileExists(atPath: dir + "/results.sqlite"))
        let stored = try BinaryRunner.run(args)
        // The export names the second it was made: the two runs may straddle one.
        let undated = { (s: String) in s.split(separator: "\n").filter { !$0.hasPrefix("Date: ") } }
        #expect(scanned.stdout.contains("\nDate: "))
        #expect(stored.status == 0 && undated(stored.stdout) == undated(scanned.stdout) && stored.stdout.contains("word10"))
        #expect(!FileManager.default.fileExists(atPath: c.root + "/.exhibit"))
        let report = try BinaryRunner.run(["report", c.root, "-o", dir + "/r", "--date", "2026-01-02", "--store", dir])
        #expect(report.status == 0)
    }

    @Test func aDamagedStoreIsRebuiltWithANotice() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        let full = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        let file = c.root + "/.exhibit/results.sqlite"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: file))
        let rebuilt = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        #expect(rebuilt.status == 0 && rebuilt.stdout == full.stdout)
        #expect(rebuilt.stderr.contains("cannot be used") && rebuilt.stderr.contains("rebuilding"))
        let again = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        #expect(again.stdout == full.stdout && again.stderr.isEmpty)
    }

    /// `--store` inside the case's works/ or outputs/ writes nothing there (SPEC §1: the
    /// evidence is never modified); the results are still right and the warning says why.
    @Test func aStoreAmongTheEvidenceIsNotWritten() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        let before = try FileManager.default.contentsOfDirectory(atPath: c.root + "/works").sorted()
        let full = try BinaryRunner.run(["scan", c.root, "--json", "-", "--rescan"])
        for folder in ["works", "outputs/new"] {
            let run = try BinaryRunner.run(["scan", c.root, "--json", "-", "--store", c.root + "/" + folder])
            #expect(run.status == 0 && run.stdout == full.stdout)
            #expect(run.stderr.contains("results not stored") && run.stderr.contains("never modifies"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: c.root + "/works").sorted() == before)
        #expect(!FileManager.default.fileExists(atPath: c.root + "/outputs/new"))
    }

    /// A folder where the store file goes is never replaced: the notice says so instead
    /// of promising a rebuild, and the results are still right.
    @Test func aFolderInPlaceOfTheStoreIsNeitherReadNorReplaced() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        let fresh = try ResultsStoreTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        let full = try BinaryRunner.run(["scan", c.root, "--json", "-", "--no-exclusions", "--store", fresh])
        try FileManager.default.createDirectory(atPath: c.root + "/.exhibit/results.sqlite", withIntermediateDirectories: true)
        let scanned = try BinaryRunner.run(["scan", c.root, "--json", "-", "--no-exclusions"])
        #expect(scanned.status == 0 && scanned.stdout == full.stdout)
        #expect(scanned.stderr.contains("is not replaced") && !scanned.stderr.contains("rebuilding"))
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: c.root + "/.exhibit/results.sqlite", isDirectory: &isFolder)
                && isFolder.boolValue)
    }

    @Test func changedWorksAreScannedAgainWithANotice() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        _ = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        try c.write("works/v.txt", "nothing of the kind remains here any more at all")
        let after = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        #expect(after.stderr.contains("stale"))
        let fresh = try BinaryRunner.run(["scan", c.root, "--json", "-", "--store", c.root + "/fresh"])
        #expect(after.stdout == fresh.stdout && !after.stdout.contains("other0"))
        let params = try BinaryRunner.run(["scan", c.root, "--json", "-", "--min-words", "8"])
        #expect(params.stderr.contains("stale (match changed)"))
    }

    @Test func aReadOnlyCaseUsesTheCacheFolder() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        let cache = try ResultsStoreTests.tempFolder()
        defer {
            chmod(c.root, 0o755)
            try? FileManager.default.removeItem(atPath: cache)
        }
        chmod(c.root, 0o555)
        let r = try BinaryRunner.run(["scan", c.root, "--json", "-"], environment: ["XDG_CACHE_HOME": cache])
        #expect(r.status == 0)
        #expect(r.stderr.contains("read-only") && r.stderr.contains(cache + "/exhibit/"))
        #expect(!FileManager.default.fileExists(atPath: c.root + "/.exhibit"))
        let stores = try FileManager.default.contentsOfDirectory(atPath: cache + "/exhibit")
        #expect(stores.count == 1)
        #expect(FileManager.default.fileExists(atPath: cache + "/exhibit/" + (stores.first ?? "") + "/results.sqlite"))
    }

    @Test func twoScansOfOneCaseAtOnceNeverCorruptTheStore() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        let expected = try BinaryRunner.run(["scan", c.root, "--json", "-", "--store", c.root + "/reference"]).stdout
        let root = c.root
        for _ in 0..<3 {
            let results = Mutex<[BinaryRunner.Result]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                if let r = try? BinaryRunner.run(["scan", root, "--json", "-", "--rescan"]) {
                    results.withLock { $0.append(r) }
                }
            }
            let all = results.withLock { $0 }
            #expect(all.count == 2 && all.allSatisfy { $0.status == 0 && $0.stdout == expected })
            let stored = try BinaryRunner.run(["scan", c.root, "--json", "-"])
            #expect(stored.stdout == expected && stored.stderr.isEmpty)
        }
        // The store and the works' sidecar, no temporary file of either.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: c.root + "/.exhibit")
        #expect(Set(leftovers) == ["results.sqlite", WorksSidecar.fileName])
    }

    @Test func anAddedOutputFileIsScannedAloneAndEqualsARescan() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        _ = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        try c.write("outputs/more.jsonl", """
            {"id": "o3", "model": "m-a", "output": "so \((15..<40).map { "word\($0)" }.joined(separator: " "))"}

            """)
        let incremental = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        #expect(incremental.status == 0 && incremental.stderr.contains("outputs changed"))
        let rescanned = try BinaryRunner.run(["scan", c.root, "--json", "-", "--rescan"])
        #expect(incremental.stdout.contains("\"o3\"") && incremental.stdout == rescanned.stdout)
        let stored = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        #expect(stored.stdout == rescanned.stdout && stored.stderr.isEmpty)
    }

    /// The scan that reads only the added file applies `--where` as a full scan does.
    @Test func anAddedOutputFileWithFiltersEqualsARescan() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        _ = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        try c.write("outputs/more.jsonl", """
            {"id": "o3", "model": "m-a", "output": "so \((15..<40).map { "word\($0)" }.joined(separator: " "))"}

            """)
        let incremental = try BinaryRunner.run(["scan", c.root, "--json", "-", "--where", "model=m-a"])
        #expect(incremental.status == 0 && incremental.stderr.contains("outputs changed"))
        let rescanned = try BinaryRunner.run(["scan", c.root, "--json", "-", "--where", "model=m-a", "--rescan"])
        #expect(incremental.stdout.contains("\"o3\"") && !incremental.stdout.contains("\"o2\""))
        #expect(incremental.stdout == rescanned.stdout)
    }

    @Test func whereFiltersAreAppliedToTheStoredResults() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try ResultsStoreTests.smallCase()
        _ = try BinaryRunner.run(["scan", c.root, "--json", "-"])
        let stored = try BinaryRunner.run(["scan", c.root, "--json", "-", "--where", "model=m-b"])
        let fresh = try BinaryRunner.run(["scan", c.root, "--json", "-", "--where", "model=m-b", "--store", c.root + "/other"])
        #expect(stored.status == 0 && stored.stderr.isEmpty)
        #expect(stored.stdout == fresh.stdout && stored.stdout.contains("\"o2\"") && !stored.stdout.contains("\"o1\""))
    }
}
