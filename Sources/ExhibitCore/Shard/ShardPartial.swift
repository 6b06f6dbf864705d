import Foundation

/// What one task (a partition of outputs against a shard of works) found: the partial
/// records a merge pools (SPEC §10). Indices are global: works and outputs of the
/// whole case, as in the plan.
///
/// File format (docs/scale-out.md), JSON lines, UTF-8:
///
/// 1. a header `{"exhibit_partial":1,"store_schema":S,"plan":"<plan hash>","shard":I,"partition":J}`
///    (`partition` null for records read on standard input);
/// 2. one line per work of the shard, only in the partial of partition 0:
///    `{"work":W,"tokens":"<base64>"}` (the work's `DocumentTokens`);
/// 3. one line per output scanned: `{"output":O,"tokens":"<base64>","attempts":[W…],"pairs":["<base64>"…]}`
///    (`tokens`, the output's token data, only in the partials of shard 0; pairs in the results store's record layout, `StoreSchema` version S, without the
///    shared quotations across works, which the merge adds);
/// 4. a trailer `{"end":N}` with N the number of lines 2 and 3: a file without it is
///    incomplete (a task cut off) and never merged.
public struct ShardPartial: Sendable {
    /// Format version of partial files.
    public static let formatVersion = 1

    /// Where it was read from (a file name), for errors.
    public var name: String
    public var plan: String
    public var shard: Int
    public var partition: Int?
    /// Token data of the shard's works, by global work index.
    public var works: [Int: DocumentTokens] = [:]
    /// By global output index.
    var outputs: [Int: OutputScan] = [:]

    init(name: String, plan: String, shard: Int, partition: Int?) {
        self.name = name
        self.plan = plan
        self.shard = shard
        self.partition = partition
    }

    /// The global output indices with a record here.
    public var outputIndices: [Int] { outputs.keys.sorted() }
}

/// A partial that cannot be read or merged, naming it.
public struct ShardPartialError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension ShardPartial {
    /// The header line.
    func headerLine() -> String {
        JSONValue.object([("exhibit_partial", .int(Self.formatVersion)), ("store_schema", .int(StoreSchema.version)),
                          ("plan", .string(plan)), ("shard", .int(shard)),
                          ("partition", partition.map { .int($0) } ?? .null)]).serialized()
    }

    /// The line of work `w`'s token data.
    static func workLine(_ w: Int, tokens: DocumentTokens) -> String {
        JSONValue.object([("work", .int(w)), ("tokens", .string(encode(tokens)))]).serialized()
    }

    /// The line of output `o`; its token data only when `withTokens` (shard 0's partials).
    static func outputLine(_ o: Int, scan: OutputScan, withTokens: Bool) -> String {
        JSONValue.object([("output", .int(o))] + (withTokens ? [("tokens", .string(encode(scan.tokens)))] : []) + [
                          ("attempts", .array(scan.attempts.map { .int($0) })),
                          ("pairs", .array(scan.pairs.map { .string(Data(ResultCodec.encode($0)).base64EncodedString()) }))])
            .serialized()
    }

    static func endLine(_ n: Int) -> String { JSONValue.object([("end", .int(n))]).serialized() }

    /// Parses a partial's text (every line of the format, header first, trailer last).
    /// - Throws: `ShardPartialError` naming `name` and the line at fault; a partial
    ///   without its trailer is incomplete.
    public static func parse(_ text: String, name: String) throws -> ShardPartial {
        var partial: ShardPartial?
        // Filled apart from `partial`, so adding a record never copies the dictionaries.
        var works = [Int: DocumentTokens](), outputs = [Int: OutputScan]()
        var records = 0
        var ended = false
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            let bad = { (m: String) in ShardPartialError("\(name):\(i + 1): \(m)") }
            guard !ended else { throw bad("text after the trailer") }
            guard let o = (try? JSONSerialization.jsonObject(with: Data(raw.utf8))) as? [String: Any] else {
                throw bad("not a JSON object")
            }
            guard partial != nil else {
                guard o["exhibit_partial"] as? Int == formatVersion else { throw bad("not an Exhibit partial of format \(formatVersion)") }
                guard o["store_schema"] as? Int == StoreSchema.version else {
                    throw bad("written by an exhibit with record layout \(o["store_schema"] ?? "?"), this one uses \(StoreSchema.version)")
                }
                guard let plan = o["plan"] as? String, let shard = o["shard"] as? Int else { throw bad("header without plan or shard") }
                partial = ShardPartial(name: name, plan: plan, shard: shard, partition: o["partition"] as? Int)
                continue
            }
            if let n = o["end"] as? Int {
                guard n == records else { throw bad("trailer counts \(n) records, the file holds \(records)") }
                ended = true
            } else if let w = o["work"] as? Int, let t = o["tokens"] as? String {
                guard works[w] == nil else { throw bad("work \(w) twice") }
                works[w] = try decodeTokens(t, bad)
                records += 1
            } else if let out = o["output"] as? Int, let attempts = o["attempts"] as? [Int], let pairs = o["pairs"] as? [String] {
                guard outputs[out] == nil else { throw bad("output \(out) twice") }
                let decoded = try pairs.map { b64 -> PairResult in
                    guard let d = Data(base64Encoded: b64) else { throw bad("pair is not base64") }
                    do { return try ResultCodec.decodePair(Array(d)) } catch { throw bad("pair: \(error)") }
                }
                let tokens = try (o["tokens"] as? String).map { try decodeTokens($0, bad) }
                outputs[out] = OutputScan(pairs: decoded, attempts: attempts,
                                          tokens: tokens ?? DocumentTokens(starts: [], ends: [], boilerplate: [], echo: []))
                records += 1
            } else {
                throw bad("unknown record")
            }
        }
        guard var partial else { throw ShardPartialError("\(name): empty, not a partial") }
        guard ended else { throw ShardPartialError("\(name): incomplete (no trailer): the task did not finish") }
        partial.works = works
        partial.outputs = outputs
        return partial
    }

    private static func encode(_ t: DocumentTokens) -> String {
        var out = BinaryWriter()
        out.offsets(t.starts)
        out.offsets(t.ends)
        out.flags(t.boilerplate)
        out.flags(t.echo)
        out.flags(t.excluded)
        return Data(out.bytes).base64EncodedString()
    }

    private static func decodeTokens(_ b64: String, _ bad: (String) -> ShardPartialError) throws -> DocumentTokens {
        guard let d = Data(base64Encoded: b64) else { throw bad("tokens are not base64") }
        var r = BinaryReader(Array(d))
        do {
            return DocumentTokens(starts: try r.offsets(), ends: try r.offsets(), boilerplate: try r.flags(),
                                  echo: try r.flags(), excluded: try r.flags())
        } catch { throw bad("tokens: \(error)") }
    }
}
