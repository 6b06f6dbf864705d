/// The source formats `exhibit import` reads, with what each maps (docs/importing.md
/// has the full field tables).
public enum ImportFormat: String, CaseIterable, Sendable {
    case recap
    case lmEval = "lm-eval"
    case eee
    case copybench
    case cotaeval

    /// One line for `exhibit import --list`.
    public var summary: String {
        switch self {
        case .recap: return "RECAP extraction files (<book>_extraction_<model>_feedback_<model>.json)"
        case .lmEval: return "lm-evaluation-harness --log_samples rows (samples_<task>_<time>.jsonl + results_<time>.json)"
        case .eee: return "Every Eval Ever instance-level records (*.jsonl, schema 0.2–0.3)"
        case .copybench: return "CopyBench generation files (outputs.<task>.prompt<k>.<model>.<decoding>.json); schema only, no public sample"
        case .cotaeval: return "CoTaEval infringement CSVs (<data>_low_ppl_comp_<model>_…_no_context_<bool>.csv); schema only, no public sample"
        }
    }

    /// How source fields become output fields, for `exhibit import --list`.
    public var mapping: [String] {
        switch self {
        case .recap:
            return ["output: prefix-probing, simple_agent_extraction, simple_agent_jailbreak, refined_K.text (K ≥ 1)",
                    "prompt: rebuilt from RECAP's templates (prompt_rebuilt: true); model: from the file name",
                    "work: slug of the book title; attempt: 1 probe, 2 agent, 3 jailbreak, then refinements",
                    "skipped: MODEL_RESPONSE_BLOCKED (blocked), Error at Chapter (error), refined_0 duplicates"]
        case .lmEval:
            return ["output: resps[i][j] (generate_until); greedy continuation arg_1 (loglikelihood)",
                    "prompt: arguments.gen_args_i.arg_0; model: results model_name / model_args pretrained=",
                    "kept: doc, target, gen_kwargs, filtered_resps, metrics, hashes, lm_eval_run (results file)",
                    "logprob and is_greedy strings become a number and a boolean; attempt: repeat index"]
        case .eee:
            return ["output: output.raw[j] (attempt j+1); prompt: input.formatted, else input.raw",
                    "model: model_id; id: model_id/evaluation_name/sample_id",
                    "kept: input (references, choices), evaluation, answer_attribution, metadata, …",
                    "error (non-empty) → status error; multi_turn/agentic records reported, not imported"]
        case .copybench:
            return ["output: output; prompt: prompt, else conversation contents (prompt_rebuilt: true); model: model",
                    "id: model/prompt_tag/decoding/id; work: slug of title; method: extraction for literal prompts",
                    "kept: title, input, reference…, prompt_tag, shots, decoding, conversation, scores",
                    "empty output (CopyBench's API-error value) → status empty"]
        case .cotaeval:
            return ["output: best_verbatim_matching (or output, processed file); prompt: prompt",
                    "model and settings: from the file name (cotaeval_run); id: file name/index",
                    "method: extraction when no_context_True (memorization), else unknown",
                    "kept: gt, scores, matching_sequence as written; number cells become numbers"]
        }
    }

    /// Whether a file found in a folder source belongs to this format.
    func accepts(fileName: String) -> Bool {
        switch self {
        case .recap: return RecapFormat.isSource(fileName: fileName)
        case .lmEval: return LMEvalFormat.isSource(fileName: fileName)
        case .eee: return EEEFormat.isSource(fileName: fileName)
        case .copybench: return CopyBenchFormat.isSource(fileName: fileName)
        case .cotaeval: return CoTaEvalFormat.isSource(fileName: fileName)
        }
    }

    /// Formats whose sources were studied but that have no importer, and why; named by
    /// `--list` and in the error for such a format name.
    public static let unsupported: [(name: String, reason: String)] = [
        ("cooper", "probabilities about a work's windows, not outputs; metadata in Python pickles, which are never loaded"),
    ]
}
