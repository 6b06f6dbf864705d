/// Reads Every Eval Ever instance-level JSONL (EvalEval Coalition schema 0.2.1–0.3.0):
/// one record per evaluated sample.
///
/// - output: each string of `output.raw[]` (attempt = its position + 1);
/// - prompt: `input.formatted` (what the model saw) when present, else `input.raw`;
/// - model: `model_id`; id `<model_id>/<evaluation_name>/<sample_id>` (`/<n>` added
///   when `output.raw` holds several completions);
/// - a record whose `error` is a non-empty string has status `error`;
/// - `multi_turn` and `agentic` records hold a conversation, not one output: reported,
///   not imported;
/// - everything else (`input` without the prompt field, `evaluation`,
///   `answer_attribution`, `metadata`, `token_usage`, …) is kept as is.
public enum EEEFormat {
    /// Files a folder source contributes: `*.jsonl`.
    public static func isSource(fileName: String) -> Bool { fileName.hasSuffix(".jsonl") }

    static func read(path: String, fileName: String, bytes: [UInt8], model override: String?) -> SourceRead {
        var read = SourceRead(path: path, sha256: FileHashing.sha256Hex(bytes),
                              outputName: ImportIDs.fileName(String(fileName.dropLast(fileName.hasSuffix(".jsonl") ? 6 : 0))))
        for line in JSONLSource.lines(bytes, path: path) {
            let record: SourceJSON
            switch line.value {
            case .failure(let issue): read.errors.append(issue); continue
            case .success(let value): record = value
            }
            func fail(_ message: String) {
                read.errors.append(ImportIssue(path: path, line: line.number, offset: line.offset, message: message + "; not imported"))
            }
            guard let sampleID = record["sample_id"]?.string ?? record["sample_id"]?.number else {
                fail("missing field \"sample_id\""); continue
            }
            guard let modelID = record["model_id"]?.string else { fail("missing field \"model_id\" (a string)"); continue }
            let interaction = record["interaction_type"]?.string ?? "single_turn"
            guard interaction == "single_turn" else {
                fail("interaction_type \"\(interaction)\": its messages are a conversation, not one output"); continue
            }
            guard let input = record["input"], input.fields != nil else { fail("missing field \"input\" (an object)"); continue }
            guard let output = record["output"], output.fields != nil else { fail("missing field \"output\" (an object)"); continue }
            guard let raw = output["raw"]?.array else { fail("missing field \"output.raw\" (an array of strings)"); continue }
            let promptKey = input["formatted"]?.string != nil ? "formatted" : "raw"
            guard let prompt = input[promptKey]?.string else { fail("missing field \"input.raw\" (a string)"); continue }

            var metadata: [(String, JSONValue)] = []
            for (key, value) in record.fields! where key != "model_id" {
                switch key {
                case "input":
                    metadata.append(("input", .object(input.fields!.filter { $0.key != promptKey }.map { ($0.key, $0.value.jsonValue) })))
                case "output":
                    let rest = output.fields!.filter { $0.key != "raw" }
                    if !rest.isEmpty { metadata.append(("output_details", .object(rest.map { ($0.key, $0.value.jsonValue) }))) }
                default:
                    metadata.append((key, value.jsonValue))
                }
            }
            if let override, override != modelID { metadata.append(("model_id", .string(modelID))) }
            let failed = (record["error"]?.string).map { !$0.isEmpty } ?? false
            let evaluation = record["evaluation_name"]?.string ?? "unknown-evaluation"
            let base = "\(modelID)/\(evaluation)/\(sampleID)"
            if raw.isEmpty { fail("\"output.raw\" is empty: no completion") }
            for (j, completion) in raw.enumerated() {
                guard let text = completion.string else { fail("output.raw[\(j)] is a JSON \(completion.kindName), not a string"); continue }
                read.outputs.append(ImportedOutput(
                    id: raw.count > 1 ? "\(base)/\(j + 1)" : base, output: text, prompt: prompt, model: override ?? modelID,
                    method: "unknown", attempt: j + 1, status: failed ? "error" : nil, metadata: metadata, line: line.number))
            }
        }
        return read
    }
}
