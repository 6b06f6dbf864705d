/// Reads lm-evaluation-harness `--log_samples` files, `samples_<task>_<timestamp>.jsonl`
/// (one row per document), joined with the sibling `results_<timestamp>.json` of the
/// same run for the model and its settings (the rows name neither).
///
/// Rows: `doc_id`, `doc`, `target`, `arguments` (`{gen_args_i: {arg_0, arg_1}}`, or the
/// older list of argument lists), `resps` (per request, per repeat), `filtered_resps`,
/// `filter`, `metrics`, the three hashes and one key per metric.
/// - `generate_until`: one output per request and repeat: `resps[i][j]` (attempt j+1),
///   prompt `arg_0`, settings `arg_1` kept as `gen_kwargs`.
/// - `loglikelihood` / `multiple_choice`: the continuation `arg_1` scored after the
///   context `arg_0`; lm-eval writes `[logprob, is_greedy]` as strings, which become a
///   number and a boolean. A continuation greedy decoding reproduces is an output;
///   one it does not is status `not-greedy`.
/// - `loglikelihood_rolling`: a score of a whole text, no generation: skipped, counted.
public enum LMEvalFormat {
    /// Files a folder source contributes: `samples_*.jsonl`.
    public static func isSource(fileName: String) -> Bool {
        fileName.hasPrefix("samples_") && fileName.hasSuffix(".jsonl")
    }

    /// Task and timestamp from `samples_<task>_<timestamp>.jsonl`; nil when the name
    /// does not have that shape.
    public static func taskAndTimestamp(_ fileName: String) -> (task: String, timestamp: String)? {
        guard fileName.hasPrefix("samples_"), fileName.hasSuffix(".jsonl") else { return nil }
        let middle = fileName.dropFirst("samples_".count).dropLast(".jsonl".count)
        guard let cut = middle.lastIndex(of: "_") else { return nil }
        let task = String(middle[..<cut]), stamp = String(middle[middle.index(after: cut)...])
        return task.isEmpty || stamp.isEmpty ? nil : (task, stamp)
    }

    /// `"-12.5"` → number, `"True"`/`"False"` → boolean, recursively; other values as
    /// they are. lm-eval stringifies every leaf of `resps` and `filtered_resps`.
    static func unstring(_ value: SourceJSON) -> JSONValue {
        switch value.kind {
        case .string(let s):
            if s == "True" { return .bool(true) }
            if s == "False" { return .bool(false) }
            if let n = try? SourceJSONParser.parse(Array(s.utf8)), case .number(let digits) = n.kind, digits == s {
                return .number(digits)
            }
            return .string(s)
        case .array(let items): return .array(items.map(unstring))
        default: return value.jsonValue
        }
    }

    /// Reads one samples file; `results` is the parsed results file of its run, if found.
    static func read(path: String, fileName: String, bytes: [UInt8], results: (path: String, value: SourceJSON)?,
                     model override: String?) -> SourceRead {
        var read = SourceRead(path: path, sha256: FileHashing.sha256Hex(bytes),
                              outputName: ImportIDs.fileName(String(fileName.dropLast(".jsonl".count))))
        let named = taskAndTimestamp(fileName)
        let task = named?.task ?? "unknown-task"
        if named == nil {
            read.notices.append(ImportIssue(path: path, message: "the name is not samples_<task>_<timestamp>.jsonl: task unknown, no results file joined"))
        }
        let r = results?.value
        var model = override
        if model == nil { model = r?["model_name"]?.string }
        if model == nil, let args = r?["config"]?["model_args"]?.string {
            model = args.split(separator: ",").first(where: { $0.hasPrefix("pretrained=") }).map { String($0.dropFirst("pretrained=".count)) }
        }
        if named != nil, results == nil {
            read.notices.append(ImportIssue(path: path, message: "no results_\(named!.timestamp).json beside it: model and run settings unknown (give --model)"))
        }
        let taskConfig = r?["configs"]?[task]
        var run: [(String, JSONValue)] = []
        if let results {
            run.append(("results_file", .string(String(results.path.split(separator: "/").last ?? ""))))
            for key in ["lm_eval_version", "git_hash", "model_source", "model_name", "chat_template", "system_instruction",
                        "fewshot_as_multiturn"] {
                if let v = r?[key] { run.append((key, v.jsonValue)) }
            }
            for key in ["model", "model_args", "model_sha", "model_dtype", "model_num_parameters", "model_revision", "gen_kwargs",
                        "random_seed", "numpy_seed", "torch_seed", "fewshot_seed"] {
                if let v = r?["config"]?[key] { run.append((key == "model" ? "backend" : key, v.jsonValue)) }
            }
            if let v = r?["versions"]?[task] { run.append(("task_version", v.jsonValue)) }
            if let v = r?["n-shot"]?[task] { run.append(("n_shot", v.jsonValue)) }
            for key in ["output_type", "repeats", "num_fewshot", "generation_kwargs", "doc_to_text", "doc_to_target"] {
                if let v = taskConfig?[key] { run.append((key, v.jsonValue)) }
            }
        }
        let declaredType = taskConfig?["output_type"]?.string
        let modelPart = model ?? "unknown-model"

        for line in JSONLSource.lines(bytes, path: path) {
            let row: SourceJSON
            switch line.value {
            case .failure(let issue): read.errors.append(issue); continue
            case .success(let value): row = value
            }
            func fail(_ message: String) {
                read.errors.append(ImportIssue(path: path, line: line.number, offset: line.offset, message: message + "; not imported"))
            }
            guard let docID = row["doc_id"], docID.number != nil || docID.string != nil else { fail("missing field \"doc_id\""); continue }
            guard let arguments = row["arguments"] else { fail("missing field \"arguments\""); continue }
            guard let resps = row["resps"]?.array else { fail("missing field \"resps\" (an array)"); continue }
            // Requests: [(arg_0, arg_1?)] from either shape.
            var requests: [[SourceJSON]] = []
            if let object = arguments.fields {
                for (_, request) in object {
                    if let args = request.fields { requests.append(args.map(\.value)) } else { requests.append([request]) }
                }
            } else if let list = arguments.array {
                requests = list.map { $0.array ?? [$0] }
            } else {
                fail("\"arguments\" is a JSON \(arguments.kindName), not an object or array"); continue
            }
            guard requests.count == resps.count else {
                fail("\(requests.count) requests in \"arguments\" but \(resps.count) in \"resps\""); continue
            }
            // Scores are stringified numbers; generated texts are texts, even "3".
            let firstSecond = requests.first.flatMap { $0.count > 1 ? $0[1] : nil }
            let rowType = declaredType ?? (firstSecond?.fields != nil ? "generate_until" : "loglikelihood")
            let scored = rowType != "generate_until"
            var metadata: [(String, JSONValue)] = [("task", .string(task))]
            for (key, value) in row.fields! where key != "arguments" && key != "resps" {
                metadata.append((key, key == "filtered_resps" && scored ? unstring(value) : value.jsonValue))
            }
            if !run.isEmpty { metadata.append(("lm_eval_run", .object(run))) }
            let docPart = docID.number ?? docID.string!
            let base = "\(modelPart)/\(task)/doc-\(docPart)"

            for (i, request) in requests.enumerated() {
                let context = request.first?.string
                let second = request.count > 1 ? request[1] : nil
                let type = declaredType ?? (second?.fields != nil ? "generate_until" : second?.string != nil ? "loglikelihood" : "loglikelihood_rolling")
                let requestID = requests.count > 1 ? "\(base)/req-\(i)" : base
                guard let answers = resps[i].array else { fail("resps[\(i)] is not an array"); break }
                if let hash = row["prompt_hash"]?.string, i == 0, let context, FileHashing.sha256Hex(utf8: context) != hash {
                    read.notices.append(ImportIssue(path: path, line: line.number, offset: line.offset,
                                                    message: "prompt_hash does not match the prompt's SHA-256; imported as written"))
                }
                switch type {
                case "generate_until":
                    for (j, answer) in answers.enumerated() {
                        guard let text = answer.string else { fail("resps[\(i)][\(j)] is a JSON \(answer.kindName), not a string"); continue }
                        var extra = metadata
                        if let second { extra.insert(("gen_kwargs", second.jsonValue), at: 1) }
                        read.outputs.append(ImportedOutput(
                            id: answers.count > 1 ? "\(requestID)/rep-\(j + 1)" : requestID, output: text, prompt: context,
                            model: model, method: "unknown", attempt: j + 1, metadata: extra, line: line.number))
                    }
                case "loglikelihood", "multiple_choice":
                    guard let continuation = second?.string else { fail("request \(i) has no continuation string (arg_1)"); continue }
                    // resps[i] = [[logprob, is_greedy]] (one repeat).
                    guard let first = answers.first, case .array(let pair) = unstring(first),
                          pair.count >= 2, case .bool(let greedy) = pair[1] else {
                        fail("resps[\(i)] is not [logprob, is_greedy]"); continue
                    }
                    var extra = metadata
                    extra.insert(("logprob", pair[0]), at: 1)
                    extra.insert(("is_greedy", .bool(greedy)), at: 2)
                    read.outputs.append(ImportedOutput(
                        id: requestID, output: continuation, prompt: context, model: model, method: "unknown", attempt: 1,
                        status: greedy ? nil : "not-greedy", metadata: extra, line: line.number))
                default:
                    read.skip("\(type) rows (a score of a text, no generation)")
                }
            }
        }
        return read
    }
}
