import Foundation

/// How a re-anchored annotation was found again.
public enum ReanchorMethod: String, Sendable, Hashable {
    /// The quote's exact text, told apart from other occurrences by its context.
    case exact
    /// The quote's unchanged prefix and suffix around text similar to the quote.
    case context
    /// Text within a few edits of the quote, with agreeing prefix or suffix.
    case fuzzy
}

/// Where an annotation stands in the document's current text.
public enum AnchorStatus: Sendable, Hashable {
    /// The document is the one annotated (same SHA-256): the recorded range, in Unicode scalars.
    case anchored(Range<Int>)
    /// The document changed and the quote was found again at this range (Unicode scalars).
    case reanchored(Range<Int>, ReanchorMethod)
    /// The quote could not be placed with confidence; the reason says why. The annotation
    /// is kept and shown with its quote.
    case orphaned(String)

    /// The current range in Unicode scalars (half-open), nil when orphaned.
    public var range: Range<Int>? {
        switch self {
        case .anchored(let r), .reanchored(let r, _): return r
        case .orphaned: return nil
        }
    }

    /// `anchored`, `reanchored` or `orphaned`.
    public var name: String {
        switch self {
        case .anchored: return "anchored"
        case .reanchored: return "reanchored"
        case .orphaned: return "orphaned"
        }
    }
}

/// Finds an annotation's span in a document whose text may have changed since the
/// annotation was made.
///
/// The approach is the one of the W3C Web Annotation selectors as used by Hypothesis's
/// fuzzy anchoring: trust the position only while the text is unchanged, otherwise look
/// for the quote, using prefix, suffix and position only to choose among candidates.
/// It is stricter than Hypothesis, because an annotation moved to the wrong sentence is
/// worse for an expert report than an orphaned one:
///
/// 1. **Same text** (equal SHA-256, recorded range holds the quote): anchored.
/// 2. **Exact quote**: every occurrence of `exact`. Each is scored by how well the text
///    before and after it agrees with `prefix` and `suffix` (edit-distance similarity
///    of the same number of scalars). A candidate needs one side to agree
///    (≥ `contextAgreement`), except a sole occurrence of a quote of at least
///    `TextQuoteSelector.contextLength` scalars, which identifies itself.
/// 3. **Context**: both `prefix` and `suffix` found verbatim, the text between them at
///    most twice the quote's length (plus a context length) and at least
///    `bracketSimilarity` similar to the quote (the span's own words were edited).
/// 4. **Fuzzy**: the quote within ⌊m · (1 − `fuzzySimilarity`)⌋ edits (approximate
///    search, `ApproximateMatch`), and the prefix or the suffix agreeing.
///
/// At each step the best-scoring candidate wins; candidates scoring alike are told apart
/// by nearness to the recorded start, which must be clearly nearer (less than half the
/// distance of the next); otherwise the annotation is orphaned as ambiguous. A step with
/// no acceptable candidate falls through to the next; when none remains it is orphaned.
public enum Reanchor {
    /// Least similarity (1 − edits / length) of a prefix or suffix to the text beside a
    /// candidate for that side to count as agreeing.
    public static let contextAgreement = 0.75
    /// Least similarity of the text between found prefix and suffix to the quote.
    public static let bracketSimilarity = 0.6
    /// Least similarity of a fuzzy match to the quote.
    public static let fuzzySimilarity = 0.9
    /// Longest quote searched approximately, in Unicode scalars (cost is n · m / 64).
    public static let maxFuzzyLength = 16_384

    /// The status of `target` in `text`, the document's current decoded text.
    public static func anchor(_ target: AnnotationTarget, in text: ScalarText) -> AnchorStatus {
        let exact = Array(target.quote.exact.unicodeScalars)
        let old = target.position.range
        if target.sha256 == text.sha256, old.upperBound <= text.count, text.scalars[old].elementsEqual(exact) {
            return .anchored(old)
        }
        guard !exact.isEmpty else { return .orphaned("the record quotes no text") }
        let search = Search(text: text.scalars, exact: exact,
                            prefix: Array(target.quote.prefix.unicodeScalars),
                            suffix: Array(target.quote.suffix.unicodeScalars), oldStart: old.lowerBound)

        var reasons: [String] = []
        let steps: [() -> Search.Outcome] = [search.exactQuote, search.betweenContexts, search.fuzzyQuote]
        for step in steps {
            switch step() {
            case .found(let range, let how): return .reanchored(range, how)
            case .rejected(let why): reasons.append(why)
            case .none: break
            }
        }
        return .orphaned(reasons.isEmpty ? "the quote is no longer in the text" : reasons.joined(separator: "; "))
    }
}

/// One re-anchoring attempt: the document's scalars and the record's selectors.
private struct Search {
    let text: [Unicode.Scalar]
    let exact: [Unicode.Scalar]
    let prefix: [Unicode.Scalar]
    let suffix: [Unicode.Scalar]
    let oldStart: Int

    enum Outcome {
        case found(Range<Int>, ReanchorMethod)
        /// Candidates existed but none could be trusted.
        case rejected(String)
        /// No candidate at all.
        case none
    }

    struct Candidate {
        var range: Range<Int>
        /// Similarity of the candidate's text to the quote, in [0, 1].
        var quote: Double
        var prefix: Double
        var suffix: Double
        var score: Double { 2 * quote + prefix + suffix }
        var contextAgrees: Bool { max(prefix, suffix) >= Reanchor.contextAgreement }
    }

    // MARK: Steps

    func exactQuote() -> Outcome {
        let starts = Self.positions(of: exact, in: text)
        guard !starts.isEmpty else { return .none }
        let candidates = starts.map { candidate($0..<($0 + exact.count), quote: 1) }
        let selfIdentifying = starts.count == 1 && exact.count >= TextQuoteSelector.contextLength
        return choose(candidates, .exact, acceptWithoutContext: selfIdentifying,
                      what: starts.count == 1 ? "the quote occurs once" : "the quote occurs \(starts.count) times")
    }

    func betweenContexts() -> Outcome {
        // An empty context only says "edge of the document", which cannot bracket an edit.
        guard !prefix.isEmpty, !suffix.isEmpty else { return .none }
        let starts = Self.positions(of: prefix, in: text).map { $0 + prefix.count }
        let ends = Self.positions(of: suffix, in: text)
        guard !starts.isEmpty, !ends.isEmpty else { return .none }
        let widest = 2 * exact.count + TextQuoteSelector.contextLength
        var candidates: [Candidate] = []
        var tried = 0, lowest = 1.0
        for s in starts {
            var best: Candidate?
            for e in ends where e >= s && e - s <= widest {
                tried += 1
                // A context repeated thousands of times (e.g. a rule of dashes) decides nothing.
                if tried > 1_000 { return .rejected("prefix and suffix occur too often to bracket the quote") }
                let sim = ApproximateMatch.similarity(exact[...], text[s..<e])
                lowest = min(lowest, sim)
                if sim >= Reanchor.bracketSimilarity, sim > best?.quote ?? -1 {
                    best = Candidate(range: s..<e, quote: sim, prefix: 1, suffix: 1)
                }
            }
            if let best { candidates.append(best) }
        }
        if candidates.isEmpty {
            return tried == 0 ? .none
                : .rejected("prefix and suffix were found, but the text between them is too different from the quote"
                            + " (similarity \(Self.format(lowest)) < \(Self.format(Reanchor.bracketSimilarity)))")
        }
        return choose(candidates, .context, acceptWithoutContext: false, what: "the text between prefix and suffix")
    }

    func fuzzyQuote() -> Outcome {
        let m = exact.count
        let maxErrors = Int((Double(m) * (1 - Reanchor.fuzzySimilarity)).rounded(.down))
        guard maxErrors > 0 else { return .none }
        guard m <= Reanchor.maxFuzzyLength else {
            return .rejected("the quote is too long (\(m) scalars) for an approximate search")
        }
        let found = ApproximateMatch.occurrences(of: exact, in: text, maxErrors: maxErrors)
        let candidates = found.map { o in
            candidate(o.range, quote: 1 - Double(o.errors) / Double(max(m, o.range.count)))
        }.filter { $0.quote >= Reanchor.fuzzySimilarity }
        guard !candidates.isEmpty else { return .none }
        return choose(candidates, .fuzzy, acceptWithoutContext: false,
                      what: candidates.count == 1 ? "similar text" : "\(candidates.count) similar texts")
    }

    // MARK: Choosing

    private func choose(_ all: [Candidate], _ how: ReanchorMethod, acceptWithoutContext: Bool, what: String) -> Outcome {
        let acceptable = all.filter { acceptWithoutContext || $0.contextAgrees }
        guard let best = acceptable.map(\.score).max() else {
            let c = all.max { $0.score < $1.score }!
            return .rejected("\(what) at \(c.range.lowerBound)..<\(c.range.upperBound)"
                             + (how == .fuzzy ? " (similarity \(Self.format(c.quote)))" : "")
                             + ", but neither prefix nor suffix agrees (\(Self.format(c.prefix)), \(Self.format(c.suffix)));"
                             + " not moved to a look-alike")
        }
        let tied = acceptable.filter { $0.score >= best - 0.05 }
            .sorted { abs($0.range.lowerBound - oldStart) < abs($1.range.lowerBound - oldStart) }
        if tied.count == 1 { return .found(tied[0].range, how) }
        let nearest = abs(tied[0].range.lowerBound - oldStart), next = abs(tied[1].range.lowerBound - oldStart)
        if 2 * nearest < next { return .found(tied[0].range, how) }
        return .rejected("\(what): \(tied.count) places agree equally with the context ("
                         + tied.prefix(3).map { "\($0.range.lowerBound)..<\($0.range.upperBound)" }.joined(separator: ", ")
                         + (tied.count > 3 ? ", …" : "") + "); ambiguous")
    }

    private func candidate(_ range: Range<Int>, quote: Double) -> Candidate {
        Candidate(range: range, quote: quote, prefix: agreement(prefix, before: range.lowerBound),
                  suffix: agreement(suffix, after: range.upperBound))
    }

    /// Similarity of the stored prefix to the same number of scalars before `start`. An
    /// empty prefix means the span began the document: it agrees only at 0.
    private func agreement(_ prefix: [Unicode.Scalar], before start: Int) -> Double {
        guard !prefix.isEmpty else { return start == 0 ? 1 : 0 }
        return ApproximateMatch.similarity(prefix[...], text[max(0, start - prefix.count)..<start])
    }

    private func agreement(_ suffix: [Unicode.Scalar], after end: Int) -> Double {
        guard !suffix.isEmpty else { return end == text.count ? 1 : 0 }
        return ApproximateMatch.similarity(suffix[...], text[end..<min(text.count, end + suffix.count)])
    }

    // MARK: Helpers

    /// Start offsets of every occurrence of `needle` in `haystack` (overlapping ones too).
    static func positions(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> [Int] {
        guard let first = needle.first, needle.count <= haystack.count else { return [] }
        var found: [Int] = []
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { found.append(i) }
            i += 1
        }
        return found
    }

    static func format(_ x: Double) -> String { String(format: "%.2f", x) }
}
