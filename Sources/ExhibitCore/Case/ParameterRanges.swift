/// The valid range of every matching and findings parameter: one rule for the command
/// line, `case.toml` and the review screen's form. A value outside is an error naming
/// the parameter and its range, never a scan that cannot finish.
///
/// Why these bounds: each is far beyond any useful setting, and each caps a cost.
/// `min_words` and `echo_words` size the k-grams that are hashed and verified;
/// `max_gap` sizes the gap aligned between two seeds (its time grows with the gap's
/// square) and the window searched for a seed's predecessors; counts of works and
/// words are compared with 32-bit counters in the index.
public enum ParameterRanges {
    /// `min_words` k, the shortest seed: 1 to 1,000 tokens.
    public static let minWords: ClosedRange<Int> = 1...1_000
    /// `max_gap` g, the widest gap bridged a side: 0 to 1,000 tokens.
    public static let maxGap: ClosedRange<Int> = 0...1_000
    /// `min_identity`: 0 to 1.
    public static let minIdentity: ClosedRange<Double> = 0...1
    /// `x_drop`, how far an extension's score may fall below its best: 0 to 100 score
    /// points. The extension's band is `x_drop` diagonals wide, so its cost per passage end
    /// grows with the square of `x_drop`.
    public static let xDrop: ClosedRange<Int> = 0...100
    /// `echo_words`, the run of prompt tokens that makes output text echo: 1 to 1,000 tokens.
    public static let echoWords: ClosedRange<Int> = 1...1_000
    /// `boilerplate_works`, the works a span must occur in to be boilerplate: 2 to 1,000,000.
    public static let boilerplateWorks: ClosedRange<Int> = 2...1_000_000
    /// `[findings]` `substantial_words`: 1 to 1,000,000 matched words.
    public static let substantialWords: ClosedRange<Int> = 1...1_000_000
    /// `[findings]` `near_exact_identity`: 0 to 1.
    public static let nearExactIdentity: ClosedRange<Double> = 0...1
    /// `[findings]` `substantial_fraction`: 0 to 1.
    public static let substantialFraction: ClosedRange<Double> = 0...1

    /// `"min_words must be an integer from 1 to 1000"`, the rule for an integer parameter.
    public static func rule(_ name: String, _ range: ClosedRange<Int>) -> String {
        "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)"
    }

    /// `"min_identity must be a number from 0 to 1"`, the rule for a fractional parameter.
    public static func rule(_ name: String, _ range: ClosedRange<Double>) -> String {
        "\(name) must be a number from \(formatFraction(range.lowerBound)) to \(formatFraction(range.upperBound))"
    }

    /// nil when `value` is in `range`, else the rule it breaks (`name` as the user wrote it).
    public static func check(_ name: String, _ value: Int, in range: ClosedRange<Int>) -> String? {
        range.contains(value) ? nil : rule(name, range) + ", not \(value)"
    }

    /// nil when `value` is in `range` (NaN never is), else the rule it breaks.
    public static func check(_ name: String, _ value: Double, in range: ClosedRange<Double>) -> String? {
        range.contains(value) ? nil : rule(name, range) + ", not \(value)"
    }

}
