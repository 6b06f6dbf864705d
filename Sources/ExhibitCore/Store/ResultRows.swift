import GRDB

/// The rows of a `ScanResult` in the results store: the meta, result, works,
/// work_models, outputs, pairs and passages tables of `StoreSchema.tables`, and the stat
/// cache. One place for each table's columns, used by a new store (`insert`) and by an
/// update that adds outputs to a stored scan (`ResultsStore.addOutputs`, which writes
/// only some rows; every statement but the pairs' replaces a row with the same key).
///
/// The records (`ResultCodec`, sealed to their rows) are encoded on all cores a chunk
/// ahead of the one thread inserting rows (`ChunksAhead`), and values are bound through
/// SQLite's C API (`RowInserter`): a large case's store is written in less time than
/// its JSON report, which is written meanwhile.
enum ResultRows {
    /// Rows whose records are encoded per hand-out to the encoding threads.
    private static let rowsPerChunk = 1024
    /// Rows of the large tables inserted per statement (`RowInserter`).
    private static let rowsPerStep = 32

    /// Creates the tables and inserts all of `r`'s rows, and the stat cache of `kase`
    /// and `snapshot` when both are given.
    /// - Parameter reusing: the stored outputs `r` took over; the record of an output
    ///   whose token data was left undecoded is written from its stored bytes.
    ///   - encodedTokens: parallel to `r.outputs` (or empty): an output's token data and
    ///     attempts held encoded by a streamed scan (`Scanner.scan(batches:)`), written as
    ///     they are.
    static func insert(_ db: Database, result r: ScanResult, key: StoreKey, reusing: [String: StoredOutput],
                       encodedTokens: [UndecodedTokens?] = [],
                       case kase: Case? = nil, snapshot: CaseFileSnapshot? = nil) throws {
        try db.execute(sql: StoreSchema.tables)
        try meta(db, r, key: key)
        try lists(db, r)
        try works(db, r, Array(r.works.indices), replacing: false)
        try outputs(db, r, r.outputs.indices, reusing: reusing, encodedTokens: encodedTokens)
        try pairs(db, r, Array(r.pairs.indices), firstRow: 0)
        if let kase, let snapshot { try caseFiles(db, kase, snapshot: snapshot) }
    }

    /// The `meta` rows naming the store, the key `r` was computed under and its rows.
    static func meta(_ db: Database, _ r: ScanResult, key: StoreKey) throws {
        var meta = try RowInserter(db, sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)")
        for (name, value) in [("application", StoreSchema.application), ("schema_version", String(StoreSchema.version)),
                              ("engine_version", r.engineVersion), ("key", key.digest), ("key_text", key.text),
                              ("rows", census(works: r.works.count, outputs: r.outputs.count, pairs: r.pairs.count))] {
            try meta.text(name)
            try meta.text(value)
            try meta.insert()
        }
    }

    /// The `meta.rows` value: how many rows of works, outputs and pairs the store holds.
    /// Every record is bound to its row (`SealedRecord`), so a row edited, moved or
    /// copied by hand is refused; a row deleted is caught by this count.
    static func census(works: Int, outputs: Int, pairs: Int) -> String {
        "works \(works) outputs \(outputs) pairs \(pairs)"
    }

    /// The `result` row: the scan's warnings, exclusions and boilerplate threshold,
    /// sealed to the row count `meta` writes for `r`.
    static func lists(_ db: Database, _ r: ScanResult) throws {
        var result = try RowInserter(db, sql: "INSERT OR REPLACE INTO result (id, record) VALUES (1, ?)")
        let rows = census(works: r.works.count, outputs: r.outputs.count, pairs: r.pairs.count)
        try result.insert(blob: SealedRecord.sealed(ResultCodec.encode(warnings: r.warnings, exclusions: r.exclusions,
                                                                       boilerplateWorks: r.boilerplateWorks),
                                                    binding: SealedRecord.result(rows: rows)))
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

    /// The `works` row and `work_models` rows of each work in `indices` (into
    /// `r.works`). `replacing`: the store may hold rows for them (removed first).
    static func works(_ db: Database, _ r: ScanResult, _ indices: [Int], replacing: Bool) throws {
        var work = try RowInserter(db, sql: "INSERT OR REPLACE INTO works VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   rowsPerStep: rowsPerStep)
        var model = try RowInserter(db, sql: "INSERT INTO work_models VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    rowsPerStep: rowsPerStep)
        let clear = try db.makeStatement(sql: "DELETE FROM work_models WHERE work_idx = ?")
        try ChunksAhead.forEach(count: indices.count, chunk: rowsPerChunk, threads: threads(r), make: { n in
            let i = indices[n]
            return SealedRecord.sealed(ResultCodec.encode(r.works[i], tokens: r.workTokens[i]), binding: SealedRecord.work(i))
        }) { range, records in
            // A chunk's old model rows go before its works rows are replaced, and its works
            // rows are in before their model rows (foreign keys, checked as rows go in).
            if replacing { for n in range { try clear.execute(arguments: [indices[n]]) } }
            for (n, record) in zip(range, records) {
                let i = indices[n], w = r.works[i]
                try work.int(i)
                try work.text(w.id)
                try work.text(w.title)
                try work.int(w.tokens)
                try work.int(w.excludedTokens)
                try figures(w.figures, &work)
                try work.insert(blob: record)
            }
            try work.finish()
            for n in range {
                let i = indices[n]
                for m in r.works[i].byModel {
                    try model.int(i)
                    try model.text(m.model)
                    try figures(m.figures, &model)
                    try model.insert()
                }
            }
        }
        try model.finish()
    }

    /// The figure columns shared by works and work_models, strict_coverage to hits.
    private static func figures(_ f: WorkFigures, _ row: inout RowInserter) throws {
        try row.double(f.strictCoverage)
        try row.double(f.looseCoverage)
        try row.int(f.longestBlock)
        try row.int(f.longPassages)
        try row.int(f.outputsContributing)
        try row.int(f.attempts)
        try row.int(f.hits)
    }

    /// The `outputs` rows of the outputs in `indices` (into `r.outputs`).
    /// - Parameters:
    ///   - reusing: an output taken over with its token data left undecoded gets its
    ///     record from the stored bytes.
    ///   - encodedTokens: as for `insert`.
    static func outputs(_ db: Database, _ r: ScanResult, _ indices: Range<Int>, reusing: [String: StoredOutput],
                        encodedTokens: [UndecodedTokens?] = []) throws {
        var output = try RowInserter(db, sql: "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                     rowsPerStep: rowsPerStep)
        try ChunksAhead.forEach(count: indices.count, chunk: rowsPerChunk, threads: threads(r), make: { n in
            let i = indices.lowerBound + n
            let o = r.outputs[i]
            let fingerprint = i < r.outputFingerprints.count ? r.outputFingerprints[i] : nil
            let record: [UInt8]
            if let fingerprint, let stored = reusing[fingerprint]?.undecoded, r.outputTokens[i].count == 0 {
                record = ResultCodec.encode(o, undecoded: stored)
            } else if i < encodedTokens.count, let encoded = encodedTokens[i] {
                record = ResultCodec.encode(o, undecoded: encoded)
            } else {
                record = ResultCodec.encode(o, tokens: r.outputTokens[i], attempts: i < r.attempts.count ? r.attempts[i] : [])
            }
            return SealedRecord.sealed(record, binding: SealedRecord.output(i, fingerprint: fingerprint))
        }) { range, records in
            for (n, record) in zip(range, records) {
                let i = indices.lowerBound + n, o = r.outputs[i]
                try output.int(i)
                try output.text(o.id)
                try output.text(o.model)
                try output.text(o.method)
                try output.text(o.work)
                try output.int(o.tokens)
                try output.int(o.echoTokens)
                try output.double(o.tracedCoverage)
                try output.text(i < r.outputFingerprints.count ? r.outputFingerprints[i] : nil)
                try output.insert(blob: record)
            }
        }
        try output.finish()
    }

    /// A pair's record and its passages' also_in columns, made off the inserting thread.
    private struct PairRows: Sendable {
        var record: [UInt8]
        var alsoIn: [String]
    }

    /// The `pairs` rows of the pairs in `indices` (into `r.pairs`), numbered `firstRow`,
    /// `firstRow + 1`, … in that order, and their `passages` rows.
    static func pairs(_ db: Database, _ r: ScanResult, _ indices: [Int], firstRow: Int) throws {
        var pair = try RowInserter(db, sql: "INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   rowsPerStep: rowsPerStep)
        var passage = try RowInserter(db, sql: """
            INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, rowsPerStep: rowsPerStep)
        try ChunksAhead.forEach(count: indices.count, chunk: rowsPerChunk, threads: threads(r), make: { n in
            let p = r.pairs[indices[n]]
            return PairRows(record: SealedRecord.sealed(ResultCodec.encode(p), binding: SealedRecord.pair(work: p.work, output: p.output)),
                            alsoIn: p.passages.map { s in
                JSONValue.array(s.alsoIn.map {
                    .object([("work", .string($0.workID)), ("start", .int($0.scalars.lowerBound)),
                             ("end", .int($0.scalars.upperBound))])
                }).serialized()
            })
        }) { range, made in
            for (n, rows) in zip(range, made) {
                let i = firstRow + n, p = r.pairs[indices[n]]
                let workID = r.works[p.work].id, outputID = r.outputs[p.output].id
                try pair.int(i)
                try pair.int(p.work)
                try pair.int(p.output)
                try pair.text(workID)
                try pair.text(outputID)
                try pair.text(p.classification.rawValue)
                try pair.double(p.workCoverage)
                try pair.double(p.strictCoverage)
                try pair.double(p.outputCoverage)
                try pair.int(p.matchedWords)
                try pair.int(p.supplied)
                try pair.bool(p.evidence)
                try pair.int(p.longestVerbatim)
                try pair.int(p.longestPassage)
                try pair.insert(blob: rows.record)
            }
            // The chunk's pairs are in before their passages (foreign keys).
            try pair.finish()
            for (n, rows) in zip(range, made) {
                let i = firstRow + n, p = r.pairs[indices[n]]
                let workID = r.works[p.work].id, outputID = r.outputs[p.output].id
                for (n, s) in p.passages.enumerated() {
                    try passage.int(i)
                    try passage.int(n + 1)
                    try passage.text(workID)
                    try passage.text(outputID)
                    try passage.int(s.workScalars.lowerBound)
                    try passage.int(s.workScalars.upperBound)
                    try passage.int(s.workTokens.lowerBound)
                    try passage.int(s.workTokens.upperBound)
                    try passage.int(s.outputScalars.lowerBound)
                    try passage.int(s.outputScalars.upperBound)
                    try passage.int(s.outputTokens.lowerBound)
                    try passage.int(s.outputTokens.upperBound)
                    try passage.int(s.matched)
                    try passage.int(s.longestVerbatim)
                    try passage.double(s.identity)
                    try passage.text(s.tier.rawValue)
                    try passage.text(s.displayLabel)
                    try passage.bool(s.evidence)
                    try passage.text(rows.alsoIn[n])
                    try passage.insert()
                }
            }
        }
        try passage.finish()
    }

    /// The threads the records are encoded on: the scan's.
    private static func threads(_ r: ScanResult) -> Int { max(1, r.options.threads) }
}
