import Foundation

/// A scan split into tasks (SPEC §10): works into index shards, outputs into
/// partitions, and what every task must judge alike, decided once over the whole case.
/// Written as JSON by `exhibit shard plan` (docs/scale-out.md); each task (one
/// partition against one shard) reads it and writes a `ShardPartial`.
///
/// Works and outputs are named by their index in the loaded case (works and outputs
/// sorted by id), with their ids for a reader; shards and partitions are consecutive,
/// half-open index ranges.
public struct ShardPlan: Sendable, Hashable {
    /// Format version of the plan file.
    public static let formatVersion = 2

    public var engineVersion: String
    /// The case folder the plan was made from (absolute); a task may be pointed at a
    /// copy elsewhere, checked by `key`.
    public var caseRoot: String
    /// `StoreKey` digest of the case and options the plan was made for: a task run on a
    /// case whose files, parameters or exclusions changed refuses to scan.
    public var key: String
    public var worksPerShard: Int
    public var outputsPerPartition: Int
    /// `--no-exclusions` at plan time.
    public var noExclusions: Bool
    /// The exclusions in force (counsel's `exclude` annotations), read once at plan time.
    public var exclusions: [ExcludedSpan]
    /// Every file of the case with its SHA-256, sorted by path.
    public var files: [CaseFile]
    /// Ids of all works, in case order.
    public var works: [String]
    /// Ids of all outputs, in case order.
    public var outputs: [String]
    /// Work index ranges, one per shard.
    public var shards: [Range<Int>]
    /// Output index ranges, one per partition.
    public var partitions: [Range<Int>]
    /// Case-relative paths of the files each shard's works are read from, sorted: all a
    /// task reads of `works/`.
    public var shardFiles: [[String]]
    /// Case-relative paths of the files each partition's outputs are read from, sorted.
    public var partitionFiles: [[String]]
    /// The global boilerplate list (SPEC §3) and the repeat counts.
    public var global: GlobalKGrams

    /// Lowercase hex SHA-256 of the plan's JSON without its `plan` field: what every
    /// partial carries, so a partial of another plan is refused.
    public var hash: String { FileHashing.sha256Hex(utf8: body().serialized()) }

    /// The shard holding work `w`.
    public func shard(ofWork w: Int) -> Int? { shards.firstIndex { $0.contains(w) } }

    /// The plan as JSON, `plan` (its hash) last.
    public func json() -> JSONValue {
        guard case .object(var fields) = body() else { return body() }
        fields.append(("plan", .string(hash)))
        return .object(fields)
    }

    private func body() -> JSONValue {
        let range: (Range<Int>) -> [(String, JSONValue)] = { [("first", .int($0.lowerBound)), ("end", .int($0.upperBound))] }
        return .object([
            ("exhibit_shard_plan", .int(Self.formatVersion)),
            ("engine", .string(engineVersion)),
            ("case", .string(caseRoot)),
            ("key", .string(key)),
            ("parameters", .object([("works_per_shard", .int(worksPerShard)),
                                    ("outputs_per_partition", .int(outputsPerPartition)),
                                    ("no_exclusions", .bool(noExclusions))])),
            ("files", .array(files.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("exclusions", .array(exclusions.map {
                .object([("source", .string($0.source)), ("start", .int($0.scalars.lowerBound)),
                         ("end", .int($0.scalars.upperBound)), ("annotation", .optional($0.annotation))])
            })),
            ("shards", .array(zip(shards, shardFiles).map { r, f in
                .object(range(r) + [("files", .array(f.map { .string($0) })), ("works", .array(works[r].map { .string($0) }))])
            })),
            ("partitions", .array(zip(partitions, partitionFiles).map { r, f in
                .object(range(r) + [("files", .array(f.map { .string($0) })), ("outputs", .array(outputs[r].map { .string($0) }))])
            })),
            ("boilerplate", .object([
                ("threshold", global.threshold.map { .int($0) } ?? .null),
                ("kgrams", .array(global.kgrams.map {
                    .object([("tokens", .array($0.tokens.map { .string($0) })), ("postings", .int($0.postings)),
                             ("frequent", .bool($0.frequent))])
                })),
            ])),
        ])
    }
}

/// Why a plan file cannot be used.
public struct ShardPlanError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}

extension ShardPlan {
    /// Reads a plan written by `json()`.
    /// - Throws: `ShardPlanError` naming `path` when the file cannot be read, is not a
    ///   plan of this format, or its `plan` hash does not match its content (edited).
    public static func read(path: String) throws -> ShardPlan {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ShardPlanError(path: path, message: "cannot read (\(error.localizedDescription))")
        }
        let bad = { (m: String) in ShardPlanError(path: path, message: m) }
        guard let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { throw bad("not JSON") }
        guard o["exhibit_shard_plan"] as? Int == formatVersion else { throw bad("not an Exhibit shard plan of format \(formatVersion)") }
        let ints = { (x: Any?) -> Int? in x as? Int }
        let ranges = { (key: String) throws -> [Range<Int>] in
            guard let a = o[key] as? [[String: Any]] else { throw bad("no \(key)") }
            return try a.map {
                guard let f = ints($0["first"]), let e = ints($0["end"]), f <= e else { throw bad("bad range in \(key)") }
                return f..<e
            }
        }
        guard let params = o["parameters"] as? [String: Any], let wps = ints(params["works_per_shard"]),
              let opp = ints(params["outputs_per_partition"]), let noEx = params["no_exclusions"] as? Bool,
              let engine = o["engine"] as? String, let root = o["case"] as? String, let key = o["key"] as? String,
              let files = o["files"] as? [[String: String]],
              let exclusions = o["exclusions"] as? [[String: Any]],
              let bp = o["boilerplate"] as? [String: Any], let kgrams = bp["kgrams"] as? [[String: Any]],
              let stated = o["plan"] as? String
        else { throw bad("missing fields") }
        let shards = try ranges("shards"), partitions = try ranges("partitions")
        let works = (o["shards"] as? [[String: Any]] ?? []).flatMap { $0["works"] as? [String] ?? [] }
        let outputs = (o["partitions"] as? [[String: Any]] ?? []).flatMap { $0["outputs"] as? [String] ?? [] }
        let fileLists = { (key: String) throws -> [[String]] in
            try (o[key] as? [[String: Any]] ?? []).map {
                guard let f = $0["files"] as? [String] else { throw bad("no files in \(key)") }
                return f
            }
        }
        var plan = ShardPlan(
            engineVersion: engine, caseRoot: root, key: key, worksPerShard: wps, outputsPerPartition: opp, noExclusions: noEx,
            exclusions: try exclusions.map {
                guard let s = $0["source"] as? String, let a = ints($0["start"]), let b = ints($0["end"]), a <= b
                else { throw bad("bad exclusion") }
                return ExcludedSpan(source: s, scalars: a..<b, annotation: $0["annotation"] as? String)
            },
            files: try files.map {
                guard let p = $0["path"], let h = $0["sha256"] else { throw bad("bad file entry") }
                return CaseFile(path: p, sha256: h)
            },
            works: works, outputs: outputs, shards: shards, partitions: partitions,
            shardFiles: try fileLists("shards"), partitionFiles: try fileLists("partitions"),
            global: GlobalKGrams(threshold: ints(bp["threshold"]), kgrams: try kgrams.map {
                guard let t = $0["tokens"] as? [String], let n = ints($0["postings"]), let f = $0["frequent"] as? Bool
                else { throw bad("bad boilerplate k-gram") }
                return GlobalKGrams.KGram(tokens: t, postings: n, frequent: f)
            }))
        plan.global.threshold = ints(bp["threshold"])
        guard plan.hash == stated else { throw bad("its content does not match its plan hash (edited?)") }
        return plan
    }
}
