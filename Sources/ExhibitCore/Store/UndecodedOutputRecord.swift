/// Output records read and written back without decoding their token data: an
/// incremental scan takes an unchanged output's results over, and only its place
/// (`OutputResult.document`) can differ from the stored record, which comes before the
/// token data. Decoding and encoding the token data of 100,000 outputs is most of the
/// time of reading and writing a large store.
extension ResultCodec {
    /// The output, its attempts and its token data left undecoded (its counts and the
    /// record kept, `UndecodedTokens`), as `decodeOutput` would give them otherwise.
    static func decodeOutputUndecoded(_ bytes: [UInt8]) throws -> (OutputResult, StoredOutput) {
        var r = BinaryReader(bytes)
        let o = try outputHeader(&r)
        let tail = r.position
        // The counts pooling needs are in the record's head (`OutputResult`).
        try r.skipOffsets()
        try r.skipOffsets()
        for _ in 0..<3 { try r.skipFlags() }
        var attempts = [Int]()
        for _ in 0..<(try r.count()) { attempts.append(try r.int()) }
        guard r.isAtEnd else { throw StoreError.malformed("record longer than its fields") }
        let tokens = DocumentTokens(starts: [], ends: [], boilerplate: [], echo: [])
        return (o, StoredOutput(tokens: tokens, attempts: attempts, pairs: [], tokenCount: o.tokens,
                                echoTokens: o.echoTokens, undecoded: UndecodedTokens(record: bytes, tail: tail)))
    }

    /// An output's token data and attempts as the tail of its record (`outputTail`), for
    /// a scan that holds them encoded until the store is written (`Scanner.scan(batches:)`):
    /// about a quarter of the bytes of its `DocumentTokens` arrays (offsets as varint
    /// differences, one bit per mark).
    static func encodedTail(tokens: DocumentTokens, attempts: [Int]) -> UndecodedTokens {
        var out = BinaryWriter()
        outputTail(tokens: tokens, attempts: attempts, into: &out)
        return UndecodedTokens(record: out.bytes, tail: 0)
    }

    /// The token data and attempts `encodedTail` (or a stored record's tail) holds.
    static func decodeTail(_ stored: UndecodedTokens) throws -> (DocumentTokens, [Int]) {
        var r = BinaryReader(Array(stored.record[stored.tail...]))
        let t = try documentTokens(&r)
        var attempts = [Int]()
        for _ in 0..<(try r.count()) { attempts.append(try r.int()) }
        guard r.isAtEnd else { throw StoreError.malformed("record longer than its fields") }
        return (t, attempts)
    }

    /// The record of `o` whose token data and attempts are those of `stored`: byte for
    /// byte what `encode(_:tokens:attempts:)` gives with them decoded.
    static func encode(_ o: OutputResult, undecoded stored: UndecodedTokens) -> [UInt8] {
        var out = BinaryWriter()
        outputHeader(o, into: &out)
        out.raw(stored.record[stored.tail...])
        return out.bytes
    }
}
