import GRDB

/// The rows of the results store's tables (`StoreSchema`) made from a `ScanResult`:
/// one place for each table's columns, used by a full write (`ResultsStore.write`) and
/// by an update that adds outputs to a stored scan (`ResultsStore.addOutputs`).
/// Every statement replaces a row with the same key, so an update can write a row
/// again.
enum StoreRows {
    /// The `meta` rows naming the store and the key `r` was computed under.
    static func meta(_ db: Database, _ r: ScanResult, key: StoreKey) throws {
        let meta = try db.makeStatement(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)")
        for (name, value) in [("application", StoreSchema.application), ("schema_version", String(StoreSchema.version)),
                              ("engine_version", r.engineVersion), ("key", key.digest), ("key_text", key.text),
                              ("rows", census(works: r.works.count, outputs: r.outputs.count, pairs: r.pairs.count))] {
            try meta.execute(arguments: [name, value])
        }
    }

    /// The `meta.rows` value: how many rows of works, outputs and pairs the store holds.
    /// Every record is bound to its row (`SealedRecord`), so a row edited, moved or
    /// copied by hand is refused; a row deleted is caught by this count.
    static func census(works: Int, outputs: Int, pairs: Int) -> String {
        "works \(works) outputs \(outputs) pairs \(pairs)"
    }

    /// The `meta.rows` value the store open in `db` should have, counted.
    static func census(_ db: Database) throws -> String {
        let count = { (table: String) in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
        return census(works: try count("works"), outputs: try count("outputs"), pairs: try count("pairs"))
    }

    /// The `result` row: the scan's warnings, exclusions and boilerplate threshold.
    static func lists(_ db: Database, _ r: ScanResult) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO result (id, record) VALUES (1, ?)", arguments: [
            SealedRecord.seal(ResultCodec.encode(warnings: r.warnings, exclusions: r.exclusions,
                                                 boilerplateWorks: r.boilerplateWorks)),
        ])
    }

    /// The `works` row and `work_models` rows of each work in `indices` (indices into
    /// `r.works`), replacing those stored for it.
    static func works(_ db: Database, _ r: ScanResult, _ indices: some Sequence<Int>) throws {
        let work = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO works VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let clear = try db.makeStatement(sql: "DELETE FROM work_models WHERE work_idx = ?")
        let model = try db.makeStatement(sql: "INSERT INTO work_models VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for i in indices {
            let w = r.works[i], f = w.figures
            try work.execute(arguments: [i, w.id, w.title, w.tokens, w.excludedTokens, f.strictCoverage, f.looseCoverage,
                                         f.longestBlock, f.longPassages, f.outputsContributing, f.attempts, f.hits,
                                         SealedRecord.seal(ResultCodec.encode(w, tokens: r.workTokens[i]),
                                                           binding: SealedRecord.work(i))])
            try clear.execute(arguments: [i])
            for m in w.byModel {
                let f = m.figures
                try model.execute(arguments: [i, m.model, f.strictCoverage, f.looseCoverage, f.longestBlock,
                                              f.longPassages, f.outputsContributing, f.attempts, f.hits])
            }
        }
    }

    /// The `outputs` rows of the outputs in `indices` (indices into `r.outputs`).
    /// - Parameter reusing: as for `ResultsStore.write`: an output taken over with its
    ///   token data left undecoded gets its record from the stored bytes.
    static func outputs(_ db: Database, _ r: ScanResult, _ indices: Range<Int>,
                        reusing: [String: StoredOutput]) throws {
        let output = try db.makeStatement(sql: "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for i in indices {
            let o = r.outputs[i]
            let fingerprint = i < r.outputFingerprints.count ? r.outputFingerprints[i] : nil
            let record: [UInt8]
            if let fingerprint, let stored = reusing[fingerprint]?.undecoded, r.outputTokens[i].count == 0 {
                record = ResultCodec.encode(o, undecoded: stored)
            } else {
                record = ResultCodec.encode(o, tokens: r.outputTokens[i], attempts: i < r.attempts.count ? r.attempts[i] : [])
            }
            try output.execute(arguments: [i, o.id, o.model, o.method, o.work, o.tokens, o.echoTokens, o.tracedCoverage,
                                           fingerprint, SealedRecord.seal(record, binding: SealedRecord.output(i, fingerprint: fingerprint))])
        }
    }

    /// The `pairs` rows of the pairs in `indices` (indices into `r.pairs`), numbered
    /// `firstRow`, `firstRow + 1`, … in that order, and their `passages` rows.
    static func pairs(_ db: Database, _ r: ScanResult, _ indices: some Sequence<Int>, firstRow: Int) throws {
        let pair = try db.makeStatement(sql: "INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let passage = try db.makeStatement(sql: """
            INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (row, i) in zip(firstRow..., indices) {
            let p = r.pairs[i]
            let workID = r.works[p.work].id, outputID = r.outputs[p.output].id
            try pair.execute(arguments: [row, p.work, p.output, workID, outputID, p.classification.rawValue,
                                         p.workCoverage, p.strictCoverage, p.outputCoverage, p.matchedWords, p.supplied,
                                         p.evidence, p.longestVerbatim, p.longestPassage,
                                         SealedRecord.seal(ResultCodec.encode(p), binding: SealedRecord.pair(work: p.work, output: p.output))])
            for (n, s) in p.passages.enumerated() {
                let alsoIn = JSONValue.array(s.alsoIn.map {
                    .object([("work", .string($0.workID)), ("start", .int($0.scalars.lowerBound)),
                             ("end", .int($0.scalars.upperBound))])
                }).serialized()
                try passage.execute(arguments: [
                    row, n + 1, workID, outputID,
                    s.workScalars.lowerBound, s.workScalars.upperBound, s.workTokens.lowerBound, s.workTokens.upperBound,
                    s.outputScalars.lowerBound, s.outputScalars.upperBound,
                    s.outputTokens.lowerBound, s.outputTokens.upperBound,
                    s.matched, s.longestVerbatim, s.identity, s.tier.rawValue, s.displayLabel, s.evidence, alsoIn,
                ])
            }
        }
    }

    /// The stat cache and case outline (`StoredCase`), replacing any stored: a row for
    /// each file of `kase` whose status now is the one `snapshot` took before the case
    /// was read.
    static func caseFiles(_ db: Database, _ kase: Case, snapshot: CaseFileSnapshot) throws {
        try db.execute(sql: """
            DELETE FROM case_files; DELETE FROM case_outline;
            DELETE FROM meta WHERE name IN ('stats_taken_ns', 'listing')
            """)
        let meta = try db.makeStatement(sql: "INSERT INTO meta (name, value) VALUES (?, ?)")
        try meta.execute(arguments: ["stats_taken_ns", String(snapshot.taken)])
        try meta.execute(arguments: ["listing", snapshot.listing])
        try db.execute(sql: "INSERT INTO case_outline (id, record) VALUES (1, ?)",
                       arguments: [SealedRecord.seal(CaseOutlineCodec.encode(kase))])
        let row = try db.makeStatement(sql: "INSERT INTO case_files VALUES (?, ?, ?, ?, ?, ?, ?)")
        for f in kase.files {
            guard let before = snapshot.files[f.path] ?? nil, FileStat.of(path: kase.root + "/" + f.path) == before else {
                continue
            }
            try row.execute(arguments: [f.path, before.size, before.mtime, before.ctime, before.inode, before.device, f.sha256])
        }
    }

    /// Every table of a new store, filled with `r` (and the stat cache of `kase` and
    /// `snapshot` when both are given).
    static func fill(_ db: Database, _ r: ScanResult, key: StoreKey, reusing: [String: StoredOutput],
                     case kase: Case?, snapshot: CaseFileSnapshot?) throws {
        try db.execute(sql: StoreSchema.tables)
        try meta(db, r, key: key)
        try lists(db, r)
        try works(db, r, r.works.indices)
        try outputs(db, r, r.outputs.indices, reusing: reusing)
        try pairs(db, r, r.pairs.indices, firstRow: 0)
        if let snapshot, let kase { try caseFiles(db, kase, snapshot: snapshot) }
    }
}
