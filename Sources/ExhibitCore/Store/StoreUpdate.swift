import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ResultsStore {
    /// Writes into `temp` the store at `dest` brought up to `r` by adding rows instead of
    /// writing every row again, when `r` is the stored scan plus outputs that sort after
    /// every stored one (the usual new production volume: issue 12 asks an added
    /// 1,000-output file of a large case to be scanned in under 3 s, and writing its
    /// whole store took 0.9 s of that).
    ///
    /// It applies when the store at `dest` is usable and was computed under the same
    /// works, parameters and exclusions (`StoreKey.differsOnlyInOutputs`), and each
    /// stored output row `i` is output `i` of `r`, taken over from that store
    /// (`reusing`) with the same id, fingerprint and case position: then every stored
    /// output, pair and passage row is the row a full write would make, and only the
    /// new outputs' rows, their pairs' rows, the rows of works whose pooled figures
    /// changed, the key and the stat cache are written. The result read back is the one
    /// a full write gives (`ResultsStoreTests`, `StoreUpdateTests`).
    ///
    /// `dest` itself is never modified: it is copied to `temp` (SQLite's backup), which the caller renames
    /// over it, so readers and a concurrent scan see the old store or the new one.
    /// - Returns: false when it does not apply; `temp` is then to be discarded.
    /// - Throws: SQLite's or the copy's errors (discard `temp`).
    static func addOutputs(_ r: ScanResult, key: StoreKey, from dest: String, into temp: String,
                           reusing: [String: StoredOutput], case kase: Case?,
                           snapshot: CaseFileSnapshot?) throws -> Bool {
        var info = stat()
        guard lstat(dest, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        var config = Configuration()
        // `temp` is renamed into place only once complete and closed.
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
        }
        let queue = try DatabaseQueue(path: temp, configuration: config)
        // SQLite's online backup copies the store inside a read transaction, so never
        // while another process commits to it (`recordCase` writes in place).
        var readOnly = Configuration()
        readOnly.readonly = true
        let source = try DatabaseQueue(path: dest, configuration: readOnly)
        try source.backup(to: queue)
        try source.close()
        let added = try queue.write { db -> Bool in
            guard let stored = try storedPrefix(db, r, key: key, reusing: reusing) else { return false }
            try ResultRows.meta(db, r, key: key)
            try ResultRows.lists(db, r)
            try ResultRows.outputs(db, r, stored.outputs..<r.outputs.count, reusing: reusing)
            try ResultRows.pairs(db, r, r.pairs.indices.filter { r.pairs[$0].output >= stored.outputs },
                                 firstRow: stored.nextPairRow)
            try ResultRows.works(db, r, try changedWorks(db, r), replacing: true)
            if let kase, let snapshot {
                try ResultRows.caseFiles(db, kase, snapshot: snapshot)
            } else {
                // As a full write without a snapshot: no stat cache, so the next open
                // reads the case.
                try db.execute(sql: """
                    DELETE FROM case_files; DELETE FROM case_outline;
                    DELETE FROM meta WHERE name IN ('stats_taken_ns', 'listing')
                    """)
            }
            return true
        }
        try queue.close()
        return added
    }

    /// The stored outputs when they are the first outputs of `r` as `addOutputs`
    /// requires, with the row number for the next pair; nil otherwise.
    private static func storedPrefix(_ db: Database, _ r: ScanResult, key: StoreKey,
                                     reusing: [String: StoredOutput]) throws -> (outputs: Int, nextPairRow: Int)? {
        let meta = try meta(db)
        guard unusable(meta) == nil, let keyText = meta["key_text"], key.differsOnlyInOutputs(from: keyText),
              try Int.fetchOne(db, sql: "SELECT count(*) FROM works") == r.works.count else { return nil }
        var n = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT idx, id, fingerprint FROM outputs ORDER BY idx")
        while let row = try rows.next() {
            let id: String = row[1]
            guard row[0] as Int == n, n < r.outputs.count, n < r.outputFingerprints.count,
                  let fingerprint = row[2] as String?, r.outputFingerprints[n] == fingerprint,
                  id == r.outputs[n].id, let taken = reusing[fingerprint],
                  taken.storedDocument == r.outputs[n].document else { return nil }
            n += 1
        }
        // The stored outputs' pairs are stored: as many rows as `r` has for them.
        let kept = r.pairs.reduce(0) { $1.output < n ? $0 + 1 : $0 }
        // Every row as written (`meta.rows`): none deleted by hand.
        guard meta["rows"] == ResultRows.census(works: r.works.count, outputs: n, pairs: kept),
              try Int.fetchOne(db, sql: "SELECT count(*) FROM pairs") == kept,
              let next = try Int.fetchOne(db, sql: "SELECT coalesce(max(idx), -1) + 1 FROM pairs") else { return nil }
        return (n, next)
    }

    /// The works whose stored result (pooled figures, by model) differs from `r`'s.
    private static func changedWorks(_ db: Database, _ r: ScanResult) throws -> [Int] {
        var records = [(idx: Int, record: [UInt8])]()
        let rows = try Row.fetchCursor(db, sql: "SELECT idx, record FROM works ORDER BY idx")
        while let row = try rows.next() { records.append((row[0], try SealedRecord.open(row[1], binding: SealedRecord.work(row[0])))) }
        let same = try records.concurrentMap { w in
            Result { try r.works.indices.contains(w.idx) && ResultCodec.decodeWork(w.record, tokens: false).0 == r.works[w.idx] }
        }.map { try $0.get() }
        return records.indices.filter { !same[$0] }.map { records[$0].idx }
    }
}
