/// A maximal exact match between a work and an output (SPEC §3): work tokens
/// `work ..< work + length` equal output tokens `output ..< output + length`,
/// `length` ≥ k, and the match cannot be extended left or right.
/// Token indices are relative to each document.
public struct Seed: Sendable, Hashable {
    public var work: Int
    public var output: Int
    public var length: Int
    public init(work: Int, output: Int, length: Int) {
        self.work = work
        self.output = output
        self.length = length
    }
    /// End of the work side (exclusive).
    public var workEnd: Int { work + length }
    /// End of the output side (exclusive).
    public var outputEnd: Int { output + length }
}
