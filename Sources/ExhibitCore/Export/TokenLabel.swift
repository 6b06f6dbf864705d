/// What one token is, for display and export (SPEC §3, §7). Shared by every export
/// format and meant for the review screen too, so all of them mark the same words.
public enum TokenLabel: String, Sendable, Hashable, CaseIterable {
    /// Same on both sides inside a passage, and counted: evidence (red and bold).
    case verbatim
    /// Inside a passage's range but not aligned as same: substituted, inserted or
    /// dropped (yellow and italic). Counted as reproduced on the work side, as the
    /// figures do.
    case changed
    /// Prompt echo (SPEC §3): an output token inside a run the prompt also holds; on
    /// the work side, a work token aligned to such an output token. Not evidence (dimmed).
    case echo
    /// Boilerplate (SPEC §3): never counted (dimmed).
    case boilerplate
    /// Excluded by counsel (an `exclude` annotation, `ExcludedSpan`): a work token of an
    /// excluded span, or an output token aligned as same with one. Never counted (dimmed).
    case excluded
    /// A work token the pair's prompt already held, or an output token aligned as same
    /// with one (dimmed): not a word of evidence.
    case supplied
    /// Outside every selected passage, and none of the above: plain text.
    case outside

    /// Which label wins when two apply to one token (overlapping work ranges of two
    /// passages, pooling over outputs, tokens born of one grapheme cluster): the
    /// stronger evidence. `verbatim` 6 … `outside` 0; counsel's exclusion ranks above
    /// boilerplate, so a span counsel excluded reads as such.
    public var strength: Int {
        switch self {
        case .verbatim: 6
        case .changed: 5
        case .echo: 4
        case .supplied: 3
        case .excluded: 2
        case .boilerplate: 1
        case .outside: 0
        }
    }

    /// Whether the label counts toward the figures (reproduced work tokens, matched words).
    public var isEvidence: Bool { self == .verbatim || self == .changed }

    /// Whether the review screen and exports show the label dimmed.
    public var isDimmed: Bool { self == .echo || self == .boilerplate || self == .supplied || self == .excluded }
}

/// Labels of a window of one document's tokens.
///
/// `range` is a half-open range of token indices; `labels[i]` is the label of token
/// `range.lowerBound + i`. Tokens outside the window read as `.outside`.
public struct TokenLabels: Sendable, Hashable {
    /// Token indices covered (half-open).
    public var range: Range<Int>
    /// One label per token of `range`.
    public var labels: [TokenLabel]

    /// A window of `range` with every token `.outside`.
    public init(range: Range<Int>) {
        self.range = range
        labels = [TokenLabel](repeating: .outside, count: range.count)
    }

    /// The label of token `token`; `.outside` when it is not in the window.
    public subscript(token: Int) -> TokenLabel {
        range.contains(token) ? labels[token - range.lowerBound] : .outside
    }

    /// Sets token `token` to `label` if that is stronger than its current label; ignores
    /// tokens outside the window.
    mutating func raise(_ token: Int, to label: TokenLabel) {
        guard range.contains(token) else { return }
        let i = token - range.lowerBound
        if label.strength > labels[i].strength { labels[i] = label }
    }

    /// Sets token `token` to `label` whatever it was; ignores tokens outside the window.
    mutating func set(_ token: Int, to label: TokenLabel) {
        guard range.contains(token) else { return }
        labels[token - range.lowerBound] = label
    }

    /// Token counts per label, for tests and summaries.
    public func count(_ label: TokenLabel) -> Int { labels.reduce(0) { $1 == label ? $0 + 1 : $0 } }
}
