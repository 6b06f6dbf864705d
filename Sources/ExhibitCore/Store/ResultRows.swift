import GRDB

/// The rows of one `ScanResult` in a new results store (`ResultsStore.write`): the
/// meta, result, works, work_models, outputs, pairs and passages tables of
/// `StoreSchema.tables`, which it creates.
///
/// The records (`ResultCodec`, sealed) are encoded on all cores a chunk ahead of the
/// one thread inserting rows (`ChunksAhead`), and values are bound through SQLite's
/// C API (`RowInserter`): a large case's store is written in less time than its JSON
/// report, which is written meanwhile.
enum ResultRows {
    /// Rows whose records are encoded per hand-out to the encoding threads.
    private static let rowsPerChunk = 1024

    /// Creates the tables and inserts `r`'s rows.
    /// - Parameter reusing: the stored outputs `r` took over; the record of an output
    ///   whose token data was left undecoded is written from its stored bytes.
    static func insert(_ db: Database, result r: ScanResult, key: StoreKey,
                       reusing: [String: StoredOutput]) throws {
        try db.execute(sql: StoreSchema.tables)
        let threads = max(1, r.options.threads)
        var meta = try RowInserter(db, sql: "INSERT INTO meta (name, value) VALUES (?, ?)")
        for (name, value) in [("application", StoreSchema.application), ("schema_version", String(StoreSchema.version)),
                              ("engine_version", r.engineVersion), ("key", key.digest), ("key_text", key.text)] {
            try meta.text(name)
            try meta.text(value)
            try meta.insert()
        }
        var result = try RowInserter(db, sql: "INSERT INTO result (id, record) VALUES (1, ?)")
        try result.insert(blob: SealedRecord.sealed(ResultCodec.encode(warnings: r.warnings, exclusions: r.exclusions,
                                                                       boilerplateWorks: r.boilerplateWorks)))
        try works(db, r, threads: threads)
        try outputs(db, r, reusing: reusing, threads: threads)
        try pairs(db, r, threads: threads)
    }

    private static func works(_ db: Database, _ r: ScanResult, threads: Int) throws {
        var work = try RowInserter(db, sql: "INSERT INTO works VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        var model = try RowInserter(db, sql: "INSERT INTO work_models VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try ChunksAhead.forEach(count: r.works.count, chunk: rowsPerChunk, threads: threads, make: { i in
            SealedRecord.sealed(ResultCodec.encode(r.works[i], tokens: r.workTokens[i]))
        }) { range, records in
            for (i, record) in zip(range, records) {
                let w = r.works[i]
                try work.int(i)
                try work.text(w.id)
                try work.text(w.title)
                try work.int(w.tokens)
                try work.int(w.excludedTokens)
                try figures(w.figures, &work)
                try work.insert(blob: record)
                for m in w.byModel {
                    try model.int(i)
                    try model.text(m.model)
                    try figures(m.figures, &model)
                    try model.insert()
                }
            }
        }
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

    private static func outputs(_ db: Database, _ r: ScanResult, reusing: [String: StoredOutput], threads: Int) throws {
        var output = try RowInserter(db, sql: "INSERT INTO outputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        try ChunksAhead.forEach(count: r.outputs.count, chunk: rowsPerChunk, threads: threads, make: { i in
            let o = r.outputs[i]
            let fingerprint = i < r.outputFingerprints.count ? r.outputFingerprints[i] : nil
            let record: [UInt8]
            if let fingerprint, let stored = reusing[fingerprint]?.undecoded, r.outputTokens[i].count == 0 {
                record = ResultCodec.encode(o, undecoded: stored)
            } else {
                record = ResultCodec.encode(o, tokens: r.outputTokens[i], attempts: i < r.attempts.count ? r.attempts[i] : [])
            }
            return SealedRecord.sealed(record, binding: fingerprint ?? "")
        }) { range, records in
            for (i, record) in zip(range, records) {
                let o = r.outputs[i]
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
    }

    /// A pair's record and its passages' also_in columns, made off the inserting thread.
    private struct PairRows: Sendable {
        var record: [UInt8]
        var alsoIn: [String]
    }

    private static func pairs(_ db: Database, _ r: ScanResult, threads: Int) throws {
        var pair = try RowInserter(db, sql: "INSERT INTO pairs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        var passage = try RowInserter(db, sql: """
            INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try ChunksAhead.forEach(count: r.pairs.count, chunk: rowsPerChunk, threads: threads, make: { i in
            let p = r.pairs[i]
            return PairRows(record: SealedRecord.sealed(ResultCodec.encode(p)), alsoIn: p.passages.map { s in
                JSONValue.array(s.alsoIn.map {
                    .object([("work", .string($0.workID)), ("start", .int($0.scalars.lowerBound)),
                             ("end", .int($0.scalars.upperBound))])
                }).serialized()
            })
        }) { range, made in
            for (i, rows) in zip(range, made) {
                let p = r.pairs[i]
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
    }
}
