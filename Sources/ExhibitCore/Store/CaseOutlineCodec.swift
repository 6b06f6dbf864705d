/// The `case_outline.record` column: what the report needs of a case besides its texts
/// — the files read with their SHA-256, the loading errors and warnings, and each
/// document's id, path, line, title and metadata (for `--where` filters and the
/// tables) — in the `BinaryWriter` layout. Texts and prompts are left out: a case
/// rebuilt from it (`StoredCase.reopen`) has documents with empty texts. One place for
/// the layout; bump `StoreSchema.version` when it changes.
enum CaseOutlineCodec {
    static func encode(_ kase: Case) -> [UInt8] {
        var out = BinaryWriter()
        out.int(kase.files.count)
        for f in kase.files {
            out.string(f.path)
            out.string(f.sha256)
        }
        ResultCodec.issues(kase.errors, into: &out)
        ResultCodec.issues(kase.warnings, into: &out)
        documents(kase.works, into: &out)
        documents(kase.outputs, into: &out)
        return out.bytes
    }

    /// The parts of a case `encode` wrote; documents have `text` empty and `prompt` nil.
    static func decode(_ bytes: [UInt8]) throws
        -> (files: [CaseFile], errors: [CaseIssue], warnings: [CaseIssue], works: [Document], outputs: [Document]) {
        var r = BinaryReader(bytes)
        var files = [CaseFile]()
        for _ in 0..<(try r.count()) { files.append(CaseFile(path: try r.string(), sha256: try r.string())) }
        let errors = try ResultCodec.issues(&r), warnings = try ResultCodec.issues(&r)
        let works = try documents(&r, role: .work), outputs = try documents(&r, role: .output)
        guard r.isAtEnd else { throw StoreError.malformed("case outline longer than its fields") }
        return (files, errors, warnings, works, outputs)
    }

    private static func documents(_ list: [Document], into out: inout BinaryWriter) {
        out.int(list.count)
        for d in list {
            out.string(d.id)
            out.string(d.path)
            out.optionalInt(d.line)
            out.optionalString(d.title)
            out.int(d.metadata.count)
            for m in d.metadata {
                out.string(m.key)
                out.string(m.value)
            }
        }
    }

    private static func documents(_ r: inout BinaryReader, role: DocumentRole) throws -> [Document] {
        var out = [Document]()
        let n = try r.count()
        out.reserveCapacity(n)
        for _ in 0..<n {
            let id = try r.string(), path = try r.string(), line = try r.optionalInt(), title = try r.optionalString()
            var metadata = [MetadataEntry]()
            for _ in 0..<(try r.count()) { metadata.append(MetadataEntry(key: try r.string(), value: try r.string())) }
            out.append(Document(id: id, role: role, path: path, line: line, text: "", title: title, metadata: metadata))
        }
        return out
    }
}
