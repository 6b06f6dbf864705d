/// The fingerprint of one output: the SHA-256 (lowercase hex) of everything its own
/// results depend on besides the works and the parameters — its id, file path and
/// JSONL line, text, prompt, model, method and aimed work. An output whose fingerprint
/// is in a store computed under the same works and parameters (`StoreKey.differsOnlyInOutputs`)
/// can take its stored results over unchanged: nothing about an output's pairs depends
/// on the other outputs (SPEC §9, incremental scans).
public enum OutputFingerprint {
    /// The fingerprint of output `d`. Fields are length-prefixed, so no two different
    /// outputs give the same input to the hash.
    public static func of(_ d: Document) -> String {
        var out = BinaryWriter()
        out.string(d.id)
        out.string(d.path)
        out.optionalInt(d.line)
        out.string(d.text)
        out.optionalString(d.prompt)
        out.optionalString(d.model)
        out.optionalString(d.method)
        out.optionalString(d.aimedWork)
        return FileHashing.sha256Hex(out.bytes)
    }
}
