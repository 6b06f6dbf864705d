/// How long a passage is, by its `matched` words (SPEC §3).
public enum PassageTier: String, Sendable, Hashable, Comparable {
    /// Fewer than 40 matched words.
    case fragment
    /// At least 40 matched words: about the 50-token unit of the extraction literature.
    case extractionScale = "extraction-scale"
    /// At least 300 matched words: the quantity in Harper & Row v. Nation (1985).
    case harperScale = "Harper-scale"

    /// The tier of a passage with `matched` counted words.
    public init(matched: Int) {
        self = matched >= 300 ? .harperScale : matched >= 40 ? .extractionScale : .fragment
    }

    private var rank: Int { self == .fragment ? 0 : self == .extractionScale ? 1 : 2 }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// How close a passage is to its source, by identity (SPEC §3).
public enum PassageLabel: String, Sendable, Hashable {
    /// Identity 1: every token of both spans is aligned and the same.
    case verbatim
    /// Identity at least 0.90 (at most 10 % edits, the Gemma/Gemini approximate-memorization bound).
    case nearVerbatim = "near-verbatim"
    /// Identity below 0.90 (at least `min_identity`, 0.80 by default).
    case approximate

    /// The label of a passage with identity `identity` in [0, 1].
    public init(identity: Double) {
        self = identity >= 1 ? .verbatim : identity >= 0.90 ? .nearVerbatim : .approximate
    }
}

/// Why a passage or a pair is not evidence (SPEC §8): what its same tokens are instead
/// of reproduced words. Shown as `no evidence: prompt echo` and so on.
public enum NoEvidenceCause: String, Sendable, Hashable, CaseIterable {
    /// The output tokens repeat the output's own prompt (a run of ≥ `echo_words` tokens).
    case echo = "prompt echo"
    /// The work tokens were supplied by the prompt (seeds between the work and the prompt).
    case supplied
    /// Boilerplate on either side (`boilerplate.txt` or the frequency rule).
    case boilerplate
    /// Work tokens excluded by counsel.
    case excluded

    /// `no evidence: prompt echo`.
    public var label: String { "no evidence: \(rawValue)" }
}

/// Another place of the text of a passage (SPEC §4 `also_in`): a passage of another
/// work whose output span overlaps this one's by ≥ k output tokens (a quotation found
/// in several works), or another occurrence in the same work of this passage's work
/// text (a refrain).
public struct AlsoIn: Sendable, Hashable, Comparable {
    /// Index into `ScanResult.works` (works are sorted by id, so index order is id order).
    public var work: Int
    /// Unicode scalar offsets into that work's decoded text, half-open.
    public var scalars: Range<Int>
    /// The work's id (set by the scanner).
    public var workID: String
    public init(work: Int, scalars: Range<Int>, workID: String = "") {
        self.work = work
        self.scalars = scalars
        self.workID = workID
    }

    /// `harbor [120, 164)`.
    public var description: String { "\(workID) [\(scalars.lowerBound), \(scalars.upperBound))" }
    /// By work, then start, then end.
    public static func < (a: Self, b: Self) -> Bool {
        (a.work, a.scalars.lowerBound, a.scalars.upperBound) < (b.work, b.scalars.lowerBound, b.scalars.upperBound)
    }
}

/// A run of tokens that are the same on both sides, consecutive in both.
/// Work tokens `work ..< work + length` equal output tokens `output ..< output + length`.
public struct AlignedRun: Sendable, Hashable {
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

/// A near-exact copy of a span of a work inside an output (SPEC §3): a chain of
/// seeds with the gaps between them aligned, grown beyond the seeds by extension
/// (`PassageExtender`).
///
/// Token ranges index the work's and the output's token sequences; scalar ranges are
/// Unicode scalar offsets into the documents' decoded texts. All ranges are half-open.
public struct Passage: Sendable, Hashable {
    /// Work tokens from the first to the last aligned token.
    public var workTokens: Range<Int>
    /// Output tokens from the first to the last aligned token.
    public var outputTokens: Range<Int>
    /// Scalars of the work text that `workTokens` come from.
    public var workScalars: Range<Int>
    /// Scalars of the output text that `outputTokens` come from.
    public var outputScalars: Range<Int>
    /// Same tokens in order: seeds, tokens the LCS of a gap aligned, and tokens an
    /// extension aligned.
    public var runs: [AlignedRun]
    /// Same tokens that are neither prompt echo, nor boilerplate, nor supplied by the
    /// prompt, nor excluded by counsel: the passage's words of evidence.
    public var matched: Int
    /// Same tokens of every kind (echo and boilerplate included).
    public var same: Int
    /// Longest run of counted same tokens consecutive on both sides.
    public var longestVerbatim: Int
    /// `same` / max(work span, output span), in [0, 1].
    public var identity: Double
    /// Why the passage is not evidence; nil when it is (`matched` > 0). Set by the
    /// analyzer for every passage with `matched` 0.
    public var cause: NoEvidenceCause? = nil
    /// Other places of this passage's text (shared quotations, refrains), sorted; empty
    /// when none. Filled in by the scanner once all pairs of the output are known.
    public var alsoIn: [AlsoIn] = []

    /// Whether the passage counts as evidence: `matched` > 0 (SPEC §8). A passage that
    /// is not stays listed for display and counts in no figure.
    public var evidence: Bool { matched > 0 }
    /// The label readers see: the identity label (`verbatim`, …) of an evidence passage,
    /// else `no evidence: <cause>`.
    public var displayLabel: String {
        evidence ? label.rawValue : (cause ?? .echo).label
    }

    public var tier: PassageTier { PassageTier(matched: matched) }
    public var label: PassageLabel { PassageLabel(identity: identity) }
}
