/// Prompt echo (SPEC §3): output tokens inside a run of at least `minRun` tokens
/// that also occurs in the output's own prompt. Such text was handed to the model,
/// so it is not evidence of what the model holds.
enum EchoDetector {
    /// Per output token: part of an echoed run. Runs are found through the hashes of
    /// the prompt's `minRun`-grams, verified token by token.
    static func echoMask(output: [UInt32], prompt: [UInt32], minRun: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: output.count)
        guard minRun >= 1, prompt.count >= minRun, output.count >= minRun else { return mask }
        let hasher = KGramHash(k: minRun)
        var windows = [UInt64: [Int]]()
        prompt.withUnsafeBufferPointer { p in
            hasher.forEachWindow(p) { i, h in windows[h, default: []].append(i) }
        }
        prompt.withUnsafeBufferPointer { p in
            output.withUnsafeBufferPointer { o in
                hasher.forEachWindow(o) { j, h in
                    guard let starts = windows[h] else { return }
                    for i in starts {
                        var same = true
                        for t in 0..<minRun where p[i + t] != o[j + t] { same = false; break }
                        if same {
                            for t in j..<(j + minRun) { mask[t] = true }
                            return
                        }
                    }
                }
            }
        }
        return mask
    }
}
