/// Prompt echo (SPEC §3): output tokens inside a run of at least `minRun` tokens
/// that also occurs in the output's own prompt. Such text was handed to the model,
/// so it is not evidence of what the model holds.
enum EchoDetector {
    /// Per output token: part of an echoed run. Runs are found through the hashes of
    /// the prompt's `minRun`-grams, verified token by token.
    ///
    /// The prompt's windows go in a small open-addressing table (linear probing, at most
    /// half full) chaining windows of equal hash: every output of a scan is checked, and
    /// a `Dictionary` of arrays cost an allocation per prompt window.
    static func echoMask(output: [UInt32], prompt: [UInt32], minRun: Int) -> [Bool] {
        var mask = [Bool](repeating: false, count: output.count)
        guard minRun >= 1, prompt.count >= minRun, output.count >= minRun else { return mask }
        let hasher = KGramHash(k: minRun)
        let windows = prompt.count - minRun + 1
        var size = 16
        while size < windows * 2 { size <<= 1 }
        let mask64 = size - 1
        var heads = [Int32](repeating: -1, count: size)  // slot → last window of its hash
        var hashes = [UInt64](repeating: 0, count: windows)
        var next = [Int32](repeating: -1, count: windows)  // window → previous one of equal hash
        let home = { (h: UInt64) -> Int in Int(truncatingIfNeeded: (h ^ (h >> 31)) &* 0x94D0_49BB_1331_11EB) & mask64 }
        prompt.withUnsafeBufferPointer { p in
            hasher.forEachWindow(p) { i, h in
                hashes[i] = h
                var s = home(h)
                while heads[s] >= 0 && hashes[Int(heads[s])] != h { s = (s + 1) & mask64 }
                next[i] = heads[s]
                heads[s] = Int32(i)
            }
        }
        prompt.withUnsafeBufferPointer { p in
            output.withUnsafeBufferPointer { o in
                hasher.forEachWindow(o) { j, h in
                    var s = home(h)
                    while heads[s] >= 0 && hashes[Int(heads[s])] != h { s = (s + 1) & mask64 }
                    var i = Int(heads[s])
                    while i >= 0 {
                        var same = true
                        for t in 0..<minRun where p[i + t] != o[j + t] { same = false; break }
                        if same {
                            for t in j..<(j + minRun) { mask[t] = true }
                            return
                        }
                        i = Int(next[i])
                    }
                }
            }
        }
        return mask
    }
}
