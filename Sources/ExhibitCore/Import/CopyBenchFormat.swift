/// Reads CopyBench generation files (Chen et al. 2024, arXiv:2407.07087;
/// `scripts/generate.py`): one JSON array, each element an input item (`id`, `title`,
/// `input`, `reference`…) plus `model`, `prompt_tag`, `shots`, `decoding`,
/// `conversation`, `prompt` (absent for OpenAI models) and `output`.
///
/// No public output file exists; this importer is tested on files written from that
/// documented schema only.
/// - id `<model>/<prompt_tag>/<decoding>/<id>`; output `output`; model `model`;
/// - prompt `prompt`, else the `conversation` contents joined by a blank line (as
///   CopyBench joins them for a non-chat model), then `prompt_rebuilt: true`;
/// - work: slug of `title` (the book; `reference` is only a fragment of it);
/// - method `extraction` for `literal` prompts (they give the book's text to
///   continue), else `unknown`;
/// - an empty `output` (what CopyBench stores after an API error) has status `empty`.
public enum CopyBenchFormat {
    /// Files a folder source contributes: `*.json`.
    public static func isSource(fileName: String) -> Bool { fileName.hasSuffix(".json") }

    static func read(path: String, fileName: String, bytes: [UInt8], model override: String?) -> SourceRead {
        var read = SourceRead(path: path, sha256: FileHashing.sha256Hex(bytes),
                              outputName: ImportIDs.fileName(String(fileName.dropLast(fileName.hasSuffix(".json") ? 5 : 0))))
        let lines = SourceLines(bytes)
        func issue(_ offset: Int, _ message: String) -> ImportIssue {
            ImportIssue(path: path, line: lines.line(of: offset), offset: offset, message: message)
        }
        let root: SourceJSON
        do throws(SourceJSONError) {
            root = try SourceJSONParser.parse(bytes)
        } catch {
            read.errors.append(issue(error.offset, "not valid JSON: \(error.message); nothing imported from this file"))
            return read
        }
        guard let items = root.array else {
            read.errors.append(issue(root.offset, "a CopyBench output file is a JSON array, not a JSON \(root.kindName)"))
            return read
        }
        for item in items {
            func fail(_ message: String) { read.errors.append(issue(item.offset, message + "; not imported")) }
            guard let fields = item.fields else { fail("an element is a JSON \(item.kindName), not an object"); continue }
            guard let itemID = item["id"]?.string ?? item["id"]?.number else { fail("missing field \"id\""); continue }
            guard let output = item["output"]?.string else { fail("missing field \"output\" (a string)"); continue }
            let model = override ?? item["model"]?.string
            let tag = item["prompt_tag"]?.string
            var prompt = item["prompt"]?.string
            var metadata: [(String, JSONValue)] = []
            if prompt == nil, let turns = item["conversation"]?.array {
                let contents = turns.compactMap { $0["content"]?.string }
                if contents.count == turns.count, !contents.isEmpty {
                    prompt = contents.joined(separator: "\n\n")
                    metadata.append(("prompt_rebuilt", .bool(true)))
                }
            }
            if prompt == nil { read.notices.append(issue(item.offset, "\(itemID): no \"prompt\" and no readable \"conversation\": imported without a prompt")) }
            for (key, value) in fields where !["id", "output", "prompt", "model"].contains(key) {
                metadata.append((key, value.jsonValue))
            }
            metadata.insert(("item_id", .string(itemID)), at: 0)
            if let override, let original = item["model"]?.string, original != override { metadata.append(("source_model", .string(original))) }
            let id = [model ?? "unknown-model", tag ?? "unknown-prompt", item["decoding"]?.string ?? "unknown-decoding", itemID]
                .joined(separator: "/")
            read.outputs.append(ImportedOutput(
                id: id, output: output, prompt: prompt, model: model,
                method: tag?.hasPrefix("literal") == true ? "extraction" : "unknown",
                work: item["title"]?.string.map(ImportIDs.slug), attempt: 1, status: output.isEmpty ? "empty" : nil,
                metadata: metadata, line: lines.line(of: item.offset)))
        }
        return read
    }
}
