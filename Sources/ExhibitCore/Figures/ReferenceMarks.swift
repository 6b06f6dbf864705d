/// The reference marks coverage bars carry (SPEC §4): 300 words; min(1,000 words,
/// 10 % of the work); 50 %; 90 %. They are references for the reader, not legal
/// thresholds, and every view labels them so.
public enum ReferenceMarks {
    /// The words every legend uses for them.
    public static let caption = "references, not legal thresholds: 300 words · min(1,000 words, 10%) · 50% · 90%"

    /// The marks of a work of `tokens` words, as fractions of the work in (0, 1], in
    /// increasing order of rule (300 words first); the 300-word mark is left out when
    /// the work is not longer than 300 words.
    public static func fractions(tokens: Int) -> [Double] {
        guard tokens > 0 else { return [0.5, 0.9] }
        let t = Double(tokens)
        var out: [Double] = []
        if tokens > 300 { out.append(300 / t) }
        out.append(min(1000, 0.1 * t) / t)
        out += [0.5, 0.9]
        return out
    }

    /// Short names of `fractions(tokens:)`, in the same order.
    public static func names(tokens: Int) -> [String] {
        (tokens > 300 ? ["300 words"] : []) + ["min(1,000 words, 10%)", "50%", "90%"]
    }
}
