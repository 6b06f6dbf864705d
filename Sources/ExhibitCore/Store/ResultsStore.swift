import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What looking a case up in its results store gave.
public enum StoreLookup: Sendable {
    /// The store's key equals the case's: its results, identical to a fresh scan.
    case current(ScanResult)
    /// No store file yet.
    case absent
    /// A store of this schema computed under another key; `reason` names what changed
    /// (`engine`, `files`, `match`, …).
    case stale(reason: String)
    /// Not a readable store of this schema (truncated, foreign, another schema
    /// version): never trusted; `reason` says why.
    case unusable(reason: String)
}

/// The results store (SPEC §9): one SQLite file per case holding the complete
/// `ScanResult` of one scan and the `StoreKey` it was computed under. Analysts read its tables with `sqlite3` (docs/results-store.md); Exhibit
/// rebuilds the exact result from each row's `record` column.
///
/// Writes are atomic: the whole database is written to a temporary file beside the
/// store, closed, then renamed over it, so a reader (or a second scan of the same case)
/// sees the old store or the new one, never a mix. A store path that is anything but a
/// plain file (a link, a folder) is never replaced.
public enum ResultsStore {
    /// Reads the store at `location` when its key is `key`.
    /// - Parameters:
    ///   - options: the options of the scan being answered (equal to the stored ones
    ///     whenever the keys match; the thread count may differ).
    ///   - tokens: false to leave every work's and output's `DocumentTokens` empty (not
    ///     decoded): enough for the reports and `--where` filters, which never read
    ///     them, and several times faster on a large case; not for a viewer or a scan.
    public static func lookup(_ location: StoreLocation, key: StoreKey, options: ScanOptions,
                              tokens: Bool = true) -> StoreLookup {
        let path = location.file
        var info = stat()
        guard lstat(path, &info) == 0 else { return .absent }
        guard info.st_mode & S_IFMT == S_IFREG else { return .unusable(reason: "not a plain file") }
        do {
            return try read(path) { db in
                let meta = try meta(db)
                if let why = unusable(meta) { return .unusable(reason: why) }
                guard meta["key"] == key.digest else {
                    return .stale(reason: key.changes(from: meta["key_text"] ?? ""))
                }
                return .current(try result(db, options: options, tokens: tokens, meta: meta))
            }
        } catch {
            return .unusable(reason: "\(error)")
        }
    }

    /// True when `path` is absent or a plain file (not a folder, link, device or FIFO):
    /// only such a store path is ever written.
    static func isPlainOrAbsent(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) != 0 || info.st_mode & S_IFMT == S_IFREG
    }

    /// Writes `result`, computed under `key`, as the store at `location` (creating its
    /// folder), replacing the store there.
    /// - Throws: `StoreError.writeFailed` when the folder cannot be made, the store
    ///   path is not a plain file, or SQLite fails; the old store is then untouched.
    /// - Parameters:
    ///   - snapshot: the statuses of the case files taken *before* the case was loaded
    ///     (`CaseFileSnapshot.take`); with `kase`, the stat cache and case outline that
    ///     let `StoredCase.reopen` answer without reading the case. A file whose status
    ///     differs now from the snapshot (it changed while it was scanned) gets no row,
    ///     so the next open reads the case in full. Nil: no stat cache.
    ///   - kase: the case `result` was scanned from.
    ///   - reusing: the stored outputs `result` took over (`Scanner.scan(reusing:)`):
    ///     the record of an output whose token data was left undecoded
    ///     (`StoredOutput.undecoded`) is written from the stored bytes.
    ///   - encodedTokens: parallel to `result.outputs` (or empty): an output's token
    ///     data and attempts held encoded (`Scanner.scan(batches:)`), its
    ///     `outputTokens` entry empty, written as they are; nil: from `result`.
    public static func write(_ result: ScanResult, key: StoreKey, to location: StoreLocation,
                             snapshot: CaseFileSnapshot? = nil, case kase: Case? = nil,
                             reusing: [String: StoredOutput] = [:], encodedTokens: [UndecodedTokens?] = []) throws {
        let dest = location.file
        // `--store CASE/works` would put the store among the evidence, which Exhibit
        // never modifies (and a later scan would read it as a document).
        if let kase, let reason = CaseFolderGuard.refusal(toWrite: dest, caseRoot: kase.root) {
            throw StoreError.writeFailed(path: location.directory, message: "not written: \(reason)")
        }
        do {
            try FileManager.default.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.writeFailed(path: location.directory, message: "cannot create the folder (\(error.localizedDescription))")
        }
        guard isPlainOrAbsent(dest) else {
            throw StoreError.writeFailed(path: dest, message: "is not a plain file; not replaced")
        }
        removeLeftovers(in: location.directory)
        let temp = location.directory + "/.\(StoreLocation.fileName).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        defer { unlink(temp) }
        do {
            // An incremental scan that only added outputs adds their rows to a copy.
            if !reusing.isEmpty, (try? addOutputs(result, key: key, from: dest, into: temp, reusing: reusing,
                                                  case: kase, snapshot: snapshot)) == true {
                guard rename(temp, dest) == 0 else {
                    throw StoreError.writeFailed(path: dest, message: String(cString: strerror(errno)))
                }
                return
            }
            unlink(temp)
            var config = Configuration()
            // The temporary file is renamed into place only once complete and closed;
            // a crash before leaves only the temporary file behind.
            config.prepareDatabase { db in
                try db.execute(sql: "PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
            }
            let queue = try DatabaseQueue(path: temp, configuration: config)
            try queue.write { db in
                try ResultRows.insert(db, result: result, key: key, reusing: reusing, encodedTokens: encodedTokens,
                                      case: kase, snapshot: snapshot)
            }
            try queue.close()
        } catch {
            throw StoreError.writeFailed(path: dest, message: "\(error)")
        }
        guard rename(temp, dest) == 0 else {
            throw StoreError.writeFailed(path: dest, message: String(cString: strerror(errno)))
        }
    }

    /// Removes the temporary files of writers that were killed before they renamed them
    /// (`.results.sqlite.<pid>.<n>.tmp` whose process no longer runs on this machine):
    /// plain files only, never one of a live writer.
    private static func removeLeftovers(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for prefix in [".\(StoreLocation.fileName).", ".\(WorksSidecar.fileName)."] {
            removeLeftovers(in: directory, names: names, prefix: prefix)
        }
    }

    private static func removeLeftovers(in directory: String, names: [String], prefix: String) {
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let parts = name.dropFirst(prefix.count).split(separator: ".")
            guard parts.count == 3, let pid = pid_t(parts[0]), pid > 0, pid != getpid() else { continue }
            guard kill(pid, 0) == -1, errno == ESRCH else { continue }
            let path = directory + "/" + name
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { unlink(path) }
        }
    }

    /// The stored results a scan under `key` can take over, by `OutputFingerprint`
    /// (for `Scanner.scan(reusing:)`): those of the store at `location` when its key
    /// differs from `key` at most in the outputs (`StoreKey.differsOnlyInOutputs`).
    /// Outputs stored without a fingerprint are left out.
    /// - Returns: nil when the store is absent, unusable, or was computed under other
    ///   works, parameters or exclusions (then nothing can be taken over).
    public static func reusableOutputs(_ location: StoreLocation, key: StoreKey) -> [String: StoredOutput]? {
        reusable(location, key: key)?.outputs
    }

    /// As `reusableOutputs`, with each stored output's id and fingerprint by its index
    /// among the outputs of the case the store was written from (its case outline), so
    /// a case rebuilt from that outline knows its unchanged outputs' fingerprints
    /// without their texts.
    /// - Parameter tokens: false to leave each output's token data as stored
    ///   (`StoredOutput.undecoded`): enough for a scan whose result goes to the reports
    ///   and back to the store (`write(reusing:)`), not for a viewer.
    static func reusable(_ location: StoreLocation, key: StoreKey, tokens: Bool = true)
        -> (outputs: [String: StoredOutput], documents: [Int: (id: String, fingerprint: String)])? {
        storedOutputs(location, tokens: tokens, accept: key.differsOnlyInOutputs(from:)).map { ($0.outputs, $0.documents) }
    }

    /// Every stored output with a fingerprint and its pairs, as `reusable` gives them,
    /// when the store at `location` is usable and `accept` takes the key text it was
    /// computed under; read in one transaction, so from one store file even when another
    /// scan replaces it meanwhile.
    static func storedOutputs(_ location: StoreLocation, tokens: Bool, accept: (String) -> Bool) -> StoredOutputs? {
        var info = stat()
        guard lstat(location.file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return try? read(location.file) { db -> StoredOutputs? in
            let meta = try meta(db)
            let keyText = meta["key_text"] ?? ""
            guard unusable(meta) == nil, accept(keyText) else { return nil }
            let outline = try Data.fetchOne(db, sql: "SELECT record FROM case_outline WHERE id = 1")
                .map { try SealedRecord.open($0) }
            // Records read in order, then decoded on all cores (most of the time is decoding).
            var rows = [(idx: Int, fingerprint: String, record: [UInt8])]()
            let cursor = try Row.fetchCursor(db, sql: "SELECT idx, fingerprint, record FROM outputs WHERE fingerprint IS NOT NULL")
            while let row = try cursor.next() {
                let fingerprint: String = row[1]
                rows.append((row[0], fingerprint,
                             try SealedRecord.open(row[2], binding: SealedRecord.output(row[0], fingerprint: fingerprint))))
            }
            let decoded = try rows.concurrentMap { r in
                Result {
                    if !tokens { return try ResultCodec.decodeOutputUndecoded(r.record) }
                    let (output, tokens, attempts) = try ResultCodec.decodeOutput(r.record)
                    // The counts from the record's head: pairless outputs keep no token data.
                    return (output, StoredOutput(tokens: tokens, attempts: attempts, pairs: [],
                                                 tokenCount: output.tokens, echoTokens: output.echoTokens))
                }
            }.map { try $0.get() }
            var byIndex = [Int: (String, StoredOutput)]()
            var documents = [Int: (id: String, fingerprint: String)]()
            for (r, (output, var stored)) in zip(rows, decoded) {
                stored.storedDocument = output.document
                byIndex[r.idx] = (r.fingerprint, stored)
                documents[output.document] = (output.id, r.fingerprint)
            }
            rows = []
            // A pair row deleted by hand would leave its output taken over without it.
            let pairs = try pairs(db)
            guard meta["rows"]?.split(separator: " ").last.flatMap({ Int($0) }) == pairs.count,
                  let sealed = try Data.fetchOne(db, sql: "SELECT record FROM result WHERE id = 1"),
                  (try? SealedRecord.open(sealed, binding: SealedRecord.result(rows: meta["rows"]))) != nil else { return nil }
            for p in pairs {
                byIndex[p.output]?.1.pairs.append(p)
            }
            var out = [String: StoredOutput]()
            for (fingerprint, stored) in byIndex.values { out[fingerprint] = stored }
            return StoredOutputs(keyText: keyText, outlineDigest: outline.map { FileHashing.sha256Hex($0) },
                                 outputs: out, documents: documents)
        } ?? nil
    }

    /// The results in the store at `location` whatever key they were computed under,
    /// for showing them marked stale while the case is scanned again; nil when there is
    /// no usable store (absent, damaged, foreign, another schema).
    public static func storedResult(_ location: StoreLocation, options: ScanOptions) -> ScanResult? {
        var info = stat()
        guard lstat(location.file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return try? read(location.file) { db -> ScanResult? in
            let meta = try meta(db)
            guard unusable(meta) == nil else { return nil }
            return try result(db, options: options, meta: meta)
        } ?? nil
    }

    // MARK: Reading

    /// Runs `body` on the store file at `path`, opened read-only.
    private static func read<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read(body)
    }

    /// Why a store with this `meta` table is not one this Exhibit reads, or nil.
    static func unusable(_ meta: [String: String]) -> String? {
        guard meta["application"] == StoreSchema.application else { return "not an Exhibit results store" }
        guard meta["schema_version"] == String(StoreSchema.version) else {
            return "schema version \(meta["schema_version"] ?? "?"), this exhibit uses \(StoreSchema.version)"
        }
        return nil
    }

    static func meta(_ db: Database) throws -> [String: String] {
        var out = [String: String]()
        for row in try Row.fetchAll(db, sql: "SELECT name, value FROM meta") {
            out[row[0]] = row[1]
        }
        return out
    }

    /// The stored pairs in the order of the results (by work, then output), decoded.
    /// A pair's `idx` is only its row's name: an update that adds outputs numbers their
    /// pairs after the stored ones (`addOutputs`), so the order comes from the indices.
    /// - Throws: `StoreError.malformed` when a row's indices are not its record's, or
    ///   two rows name one pair.
    private static func pairs(_ db: Database) throws -> [PairResult] {
        var rows = [(work: Int, output: Int, record: [UInt8])]()
        let cursor = try Row.fetchCursor(db, sql: "SELECT work_idx, output_idx, record FROM pairs ORDER BY work_idx, output_idx")
        while let row = try cursor.next() {
            rows.append((row[0], row[1], try SealedRecord.open(row[2], binding: SealedRecord.pair(work: row[0], output: row[1]))))
        }
        let pairs = try rows.concurrentMap { r in Result { try ResultCodec.decodePair(r.record) } }.map { try $0.get() }
        for (n, (p, r)) in zip(pairs, rows).enumerated() {
            guard p.work == r.work, p.output == r.output,
                  n == 0 || (rows[n - 1].work, rows[n - 1].output) < (r.work, r.output) else {
                throw StoreError.malformed("pairs rows do not name their pairs once each")
            }
        }
        return pairs
    }

    /// The records of `table` (`works` or `outputs`) in row order, their seals checked
    /// against their rows (`SealedRecord.work`, `SealedRecord.output`).
    private static func blobs(_ db: Database, _ table: String) throws -> [[UInt8]] {
        var out = [[UInt8]]()
        let bound = table == "outputs" ? "fingerprint" : "NULL"
        let rows = try Row.fetchCursor(db, sql: "SELECT idx, record, \(bound) FROM \(table) ORDER BY idx")
        while let row = try rows.next() {
            let idx: Int = row[0]
            guard idx == out.count else { throw StoreError.malformed("\(table) rows are not numbered 0…n-1") }
            let binding = table == "outputs" ? SealedRecord.output(idx, fingerprint: row[2]) : SealedRecord.work(idx)
            out.append(try SealedRecord.open(row[1], binding: binding))
        }
        return out
    }

    /// What the store recorded of the case for `StoredCase.reopen`: when the statuses
    /// were taken, the listing's problems, each file's status and SHA-256, and the case
    /// outline; nil when the store is not usable or has no stat cache.
    static func caseRecord(_ path: String) throws -> StoredCaseRecord? {
        try read(path) { db -> StoredCaseRecord? in
            let meta = try meta(db)
            guard unusable(meta) == nil, let taken = meta["stats_taken_ns"].flatMap({ Int64($0) }),
                  let listing = meta["listing"],
                  let outline = try Data.fetchOne(db, sql: "SELECT record FROM case_outline WHERE id = 1") else { return nil }
            var rows = [String: (stat: FileStat, sha256: String)]()
            let cursor = try Row.fetchCursor(db, sql: "SELECT path, size, mtime_ns, ctime_ns, inode, device, sha256 FROM case_files")
            while let row = try cursor.next() {
                rows[row[0]] = (FileStat(size: row[1], mtime: row[2], ctime: row[3], inode: row[4], device: row[5]), row[6])
            }
            return StoredCaseRecord(taken: taken, listing: listing, rows: rows, outline: try SealedRecord.open(outline))
        }
    }

    /// Moves the stat cache's recording time of the store at `path` to `taken`, once
    /// `StoredCase.reopen` has vouched for every row as of then (statuses equal, racy
    /// files hashed again): files that were racy then are not hashed on every later
    /// open. A store that cannot be written keeps its time: it costs only that hashing.
    static func refreshStatsTaken(_ path: String, taken: Int64) {
        guard let queue = try? DatabaseQueue(path: path) else { return }
        _ = try? queue.write { db in
            try db.execute(sql: "UPDATE meta SET value = ? WHERE name = 'stats_taken_ns'", arguments: [String(taken)])
        }
        try? queue.close()
    }

    /// True when the store at `location` is usable and its stat cache holds `snapshot`'s
    /// listing and, for every file, its status (so `StoredCase.reopen` can vouch for
    /// the case as `snapshot` saw it).
    static func statCacheMatches(_ location: StoreLocation, _ snapshot: CaseFileSnapshot) -> Bool {
        guard let record = try? caseRecord(location.file), record.listing == snapshot.listing,
              record.rows.count == snapshot.files.count else { return false }
        return snapshot.files.allSatisfy { path, stat in stat != nil && record.rows[path]?.stat == stat }
    }

    /// Replaces the stat cache and case outline of the store at `location` with those of
    /// `kase` and `snapshot` (see `write(snapshot:case:)`), in place and in one
    /// transaction, when its key is `key`; otherwise leaves it as it is. For a current
    /// store whose stat cache is missing or no longer matches (the case copied, its
    /// files touched), so the next open need not read the case.
    /// - Throws: an SQLite error when the store cannot be written (it is then unchanged).
    static func recordCase(_ kase: Case, snapshot: CaseFileSnapshot, key: StoreKey, at location: StoreLocation) throws {
        var info = stat()
        guard lstat(location.file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        let queue = try DatabaseQueue(path: location.file)
        defer { try? queue.close() }
        try queue.write { db in
            let meta = try meta(db)
            guard unusable(meta) == nil, meta["key"] == key.digest else { return }
            try ResultRows.caseFiles(db, kase, snapshot: snapshot)
        }
    }

    /// - Throws: `StoreError.malformed` also when the rows read are not as many as the
    ///   store was written with (`meta.rows`: a row deleted by hand).
    private static func result(_ db: Database, options: ScanOptions, tokens: Bool = true,
                               meta: [String: String]) throws -> ScanResult {
        // The records are read in order, then decoded on all cores (most of a large
        // store's read time is decoding).
        let works = try blobs(db, "works").concurrentMap { b in Result { try ResultCodec.decodeWork(b, tokens: tokens) } }
            .map { try $0.get() }
        let outputs = try blobs(db, "outputs").concurrentMap { b in Result { try ResultCodec.decodeOutput(b, tokens: tokens) } }
            .map { try $0.get() }
        let pairs = try pairs(db)
        let read = ResultRows.census(works: works.count, outputs: outputs.count, pairs: pairs.count)
        guard meta["rows"] == read else {
            throw StoreError.malformed("it holds \(read), written with \(meta["rows"] ?? "no count")")
        }
        for p in pairs where !(works.indices.contains(p.work) && outputs.indices.contains(p.output)) {
            throw StoreError.malformed("a pair names no stored work or output")
        }
        guard let data = try Data.fetchOne(db, sql: "SELECT record FROM result WHERE id = 1") else {
            throw StoreError.malformed("no result row")
        }
        let lists = try ResultCodec.decodeResultLists(try SealedRecord.open(data, binding: SealedRecord.result(rows: meta["rows"])))
        let fingerprints = try String?.fetchAll(db, sql: "SELECT fingerprint FROM outputs ORDER BY idx")
        return ScanResult(engineVersion: exhibitEngineVersion, options: options, works: works.map(\.0),
                          outputs: outputs.map(\.0), pairs: pairs, workTokens: works.map(\.1),
                          outputTokens: outputs.map(\.1), warnings: lists.warnings,
                          boilerplateWorks: lists.boilerplateWorks, exclusions: lists.exclusions,
                          attempts: outputs.map(\.2), outputFingerprints: fingerprints)
    }

}

/// The stat cache and case outline as `ResultsStore.caseRecord` read them.
struct StoredCaseRecord: Sendable {
    /// When the statuses were taken, nanoseconds since the Unix epoch.
    var taken: Int64
    /// The listing's problems then (`CaseFileSnapshot.listing`).
    var listing: String
    /// Case-relative path → status and SHA-256.
    var rows: [String: (stat: FileStat, sha256: String)]
    /// `CaseOutlineCodec` bytes.
    var outline: [UInt8]
}

/// The stored outputs a scan can take over (`ResultsStore.storedOutputs`), with what
/// tells which store and case they belong to.
struct StoredOutputs: Sendable {
    /// The key text the store was computed under (`StoreKey.differsOnlyInOutputs`).
    var keyText: String
    /// SHA-256 of the store's case outline record, nil without one: equal to
    /// `ReopenedCase.outlineDigest` when the case was rebuilt from the same outline.
    var outlineDigest: String?
    /// By `OutputFingerprint`.
    var outputs: [String: StoredOutput]
    /// Each stored output's id and fingerprint by its index in the outline's outputs.
    var documents: [Int: (id: String, fingerprint: String)]
}
