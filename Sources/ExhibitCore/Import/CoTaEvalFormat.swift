/// Reads CoTaEval infringement results (Wei et al. 2024, arXiv:2406.18664; `main.py`
/// `eval_infringement`): a pandas CSV written with its index (first column unnamed),
/// one row per prompt, named
/// `{datatype}_low_ppl_comp_{model}_context_len_{c}_completion_len_{m}_intervention_{i}[_…]_no_context_{True|False}[_no_cnn][_processed].csv`.
/// The model and settings are only in that name.
///
/// No public output file exists; this importer is tested on files written from that
/// documented schema only.
/// - id `<file name without .csv>/<index>`; output `best_verbatim_matching` (raw
///   file) or `output` (`process.py`'s file); prompt `prompt`;
/// - method `extraction` when `no_context_True` (memorization: the prompt is the start
///   of the blocklisted text), `unknown` for the RAG setting;
/// - every other column kept (`gt`, scores, `matching_sequence` as written); a cell
///   that is a JSON number becomes a number, any other stays a string (never
///   evaluated: `matching_sequence` is a Python list literal);
/// - an empty output has status `empty`.
public enum CoTaEvalFormat {
    /// Files a folder source contributes: `*.csv`.
    public static func isSource(fileName: String) -> Bool { fileName.hasSuffix(".csv") }

    /// The settings in a CoTaEval file name, in name order; nil when the name does not
    /// have the documented shape.
    public static func settings(fromFileName name: String) -> [(String, String)]? {
        var stem = name.hasSuffix(".csv") ? String(name.dropLast(4)) : name
        var flags: [(String, String)] = []
        if stem.hasSuffix("_processed") { stem.removeLast("_processed".count); flags.append(("processed", "true")) }
        if stem.hasSuffix("_no_cnn") { stem.removeLast("_no_cnn".count); flags.append(("no_cnn", "true")) }
        let markers = ["_low_ppl_comp_", "_context_len_", "_completion_len_", "_intervention_", "_no_context_"]
        let keys = ["datatype", "model", "context_len", "completion_len", "intervention", "no_context"]
        var parts: [String] = []
        var rest = Substring(stem)
        for marker in markers {
            guard let r = rest.range(of: marker) else { return nil }
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        guard parts.allSatisfy({ !$0.isEmpty }), parts[5] == "True" || parts[5] == "False" else { return nil }
        return Array(zip(keys, parts)) + flags
    }

    /// A cell as JSON: a number when it is spelled as one, else the string.
    static func cell(_ text: String) -> JSONValue {
        if let value = try? SourceJSONParser.parse(Array(text.utf8)), case .number(let digits) = value.kind, digits == text {
            return .number(digits)
        }
        return .string(text)
    }

    static func read(path: String, fileName: String, bytes: [UInt8], model override: String?) -> SourceRead {
        let stem = fileName.hasSuffix(".csv") ? String(fileName.dropLast(4)) : fileName
        var read = SourceRead(path: path, sha256: FileHashing.sha256Hex(bytes), outputName: ImportIDs.fileName(stem))
        let lines = SourceLines(bytes)
        let records: [CSVSource.Record]
        switch CSVSource.records(bytes) {
        case .failure(let error):
            read.errors.append(ImportIssue(path: path, line: lines.line(of: error.offset), offset: error.offset,
                                           message: "not valid CSV: \(error.message); nothing imported from this file"))
            return read
        case .success(let r): records = r
        }
        guard let header = records.first?.fields else {
            read.errors.append(ImportIssue(path: path, message: "empty file: no header row"))
            return read
        }
        let outputColumn = header.contains("best_verbatim_matching") ? "best_verbatim_matching" : "output"
        guard let outputIndex = header.firstIndex(of: outputColumn), let promptIndex = header.firstIndex(of: "prompt") else {
            read.errors.append(ImportIssue(path: path, line: 1, offset: records[0].offset,
                                           message: "missing column \"prompt\" or \"best_verbatim_matching\" (or \"output\"): not a CoTaEval results file"))
            return read
        }
        let settings = settings(fromFileName: fileName)
        if settings == nil {
            read.notices.append(ImportIssue(path: path, message: "the file name does not follow CoTaEval's pattern: model and settings unknown (give --model)"))
        }
        let model = override ?? settings?.first(where: { $0.0 == "model" })?.1
        let memorization = settings?.first(where: { $0.0 == "no_context" })?.1 == "True"
        var run: [(String, JSONValue)] = (settings ?? []).map { key, value in
            (key, value == "True" || value == "true" ? .bool(true) : value == "False" ? .bool(false) : cell(value))
        }
        if let override, let named = settings?.first(where: { $0.0 == "model" })?.1, named != override {
            run.append(("source_model", .string(named)))
        }

        for record in records.dropFirst() {
            guard record.fields.count == header.count else {
                read.errors.append(ImportIssue(path: path, line: record.line, offset: record.offset,
                                               message: "\(record.fields.count) fields, the header has \(header.count); not imported"))
                continue
            }
            // pandas writes the index as an unnamed first column.
            let index = header[0].isEmpty ? record.fields[0] : String(record.line)
            let output = record.fields[outputIndex]
            var metadata: [(String, JSONValue)] = []
            for (k, name) in header.enumerated() where k != outputIndex && k != promptIndex {
                metadata.append((name.isEmpty && k == 0 ? "row_index" : name, cell(record.fields[k])))
            }
            if !run.isEmpty { metadata.append(("cotaeval_run", .object(run))) }
            read.outputs.append(ImportedOutput(
                id: "\(stem)/\(index)", output: output, prompt: record.fields[promptIndex], model: model,
                method: memorization ? "extraction" : "unknown", attempt: 1, status: output.isEmpty ? "empty" : nil,
                metadata: metadata, line: record.line))
        }
        return read
    }
}
