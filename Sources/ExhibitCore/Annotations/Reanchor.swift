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
/// The order is the one of the W3C Web Annotation selectors as used by Hypothesis's
/// fuzzy anchoring — position, then the quote with its context, then an approximate
/// quote with its context — but stricter, because an annotation moved to the wrong
/// sentence is worse for an expert report than an orphaned one. A look-alike sentence
/// (same quoted words, other words around them: `…east gate… summer` / `…west gate…
/// winter`) is close to the stored context in edit distance, so similarity alone cannot
/// tell it apart; a side therefore *agrees* only when the stored context stands verbatim
/// beside the candidate (up to white space: a run of spaces and line breaks counts as
/// one space, so new line ends or re-flowed paragraphs do not orphan a note):
///
/// 1. **Same text** (equal SHA-256, recorded range holds the quote): anchored.
/// 2. **Exact quote**: every occurrence of `exact`. A candidate needs its prefix or its
///    suffix to agree verbatim (an empty context agrees only at the document's edge),
///    whatever the quote's length and however often it occurs.
/// 3. **Context**: both `prefix` and `suffix` found verbatim, the text between them at
///    most twice the quote's length (plus a context length) and at least
///    `bracketSimilarity` similar to the quote (the span's own words were edited).
/// 4. **Fuzzy**: the quote within ⌊m · (1 − `fuzzySimilarity`)⌋ edits (approximate
///    search, `ApproximateMatch`), and **both** prefix and suffix agreeing: the more the
///    quote itself changed, the more its surroundings must vouch for the place. (A deleted
///    sentence `…east gate… summer` followed by `…west gate… winter` leaves the west one
///    in its place, 93 % similar and with the same prefix; only its suffix tells.)
///
/// At each step the candidates are scored by how well quote and context agree (edit
/// similarity); the best wins, and candidates scoring alike are told apart by nearness to
/// the recorded start, which must be clearly nearer (less than half the distance of the
/// next); otherwise the annotation is orphaned as ambiguous. A step with no acceptable
/// candidate falls through to the next; when none remains it is orphaned with its quote.
///
/// Work is bounded per quote context: only the `TextQuoteSelector.contextLength` scalars
/// of `prefix` and `suffix` nearest the span are compared (a record may carry thousands),
/// so a search costs O(n · ⌈m / 64⌉) for a text of n and a quote of m scalars. A recorded
/// position outside the text (a hand-edited or hostile record) is ignored: the quote decides.
public enum Reanchor {
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
        if target.sha256 == text.sha256, positionFits(target.position, text), text.scalars[old].elementsEqual(exact) {
            return .anchored(old)
        }
        guard !exact.isEmpty else { return .orphaned("the record quotes no text") }
        let n = TextQuoteSelector.contextLength
        let search = Search(text: text.scalars, exact: exact,
                            prefix: Array(target.quote.prefix.unicodeScalars.suffix(n)),
                            suffix: Array(target.quote.suffix.unicodeScalars.prefix(n)),
                            oldStart: positionFits(target.position, text) ? old.lowerBound : nil)

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

    /// Whether the recorded position is a span of `text` (0 ≤ start ≤ end ≤ length, in
    /// Unicode scalars). One that is not is reported per record (`CaseAnnotations.warnings`)
    /// and plays no part in re-anchoring.
    public static func positionFits(_ position: TextPositionSelector, _ text: ScalarText) -> Bool {
        positionFits(position, count: text.count)
    }

    /// Whether `position` lies inside a text of `count` Unicode scalars.
    public static func positionFits(_ position: TextPositionSelector, count: Int) -> Bool {
        position.start >= 0 && position.start <= position.end && position.end <= count
    }
}

/// One re-anchoring attempt: the document's scalars and the record's selectors.
private struct Search {
    let text: [Unicode.Scalar]
    let exact: [Unicode.Scalar]
    let prefix: [Unicode.Scalar]
    let suffix: [Unicode.Scalar]
    /// The recorded start when it lies in the text, else nil (then nearness decides nothing).
    let oldStart: Int?

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
        /// The stored prefix / suffix stands verbatim beside the candidate.
        var prefixVerbatim: Bool
        var suffixVerbatim: Bool
        var score: Double { 2 * quote + prefix + suffix }
        var contextAgrees: Bool { prefixVerbatim || suffixVerbatim }
        var bothAgree: Bool { prefixVerbatim && suffixVerbatim }
    }

    // MARK: Steps

    func exactQuote() -> Outcome {
        let starts = Self.positions(of: exact, in: text)
        guard !starts.isEmpty else { return .none }
        let candidates = starts.map { candidate($0..<($0 + exact.count), quote: 1) }
        return choose(candidates, .exact, acceptWithoutContext: false,
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
                    best = Candidate(range: s..<e, quote: sim, prefix: 1, suffix: 1,
                                     prefixVerbatim: true, suffixVerbatim: true)
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
        return choose(candidates, .fuzzy, acceptWithoutContext: false, needBoth: true,
                      what: candidates.count == 1 ? "similar text" : "\(candidates.count) similar texts")
    }

    // MARK: Choosing

    private func choose(_ all: [Candidate], _ how: ReanchorMethod, acceptWithoutContext: Bool, needBoth: Bool = false,
                        what: String) -> Outcome {
        let acceptable = all.filter { acceptWithoutContext || (needBoth ? $0.bothAgree : $0.contextAgrees) }
        guard let best = acceptable.map(\.score).max() else {
            let c = all.max { $0.score < $1.score }!
            return .rejected("\(what) at \(c.range.lowerBound)..<\(c.range.upperBound)"
                             + (how == .fuzzy ? " (similarity \(Self.format(c.quote)))" : "")
                             + (needBoth ? ", but prefix and suffix do not both stand there unchanged"
                                : ", but neither prefix nor suffix stands there unchanged")
                             + " (similarity \(Self.format(c.prefix)), \(Self.format(c.suffix)));"
                             + " not moved to a look-alike")
        }
        let tied = acceptable.filter { $0.score >= best - 0.05 }
        if tied.count == 1 { return .found(tied[0].range, how) }
        if let oldStart {
            // Both distances are at most the text's length, so nothing here can overflow.
            let near = tied.sorted { abs($0.range.lowerBound - oldStart) < abs($1.range.lowerBound - oldStart) }
            let nearest = abs(near[0].range.lowerBound - oldStart), next = abs(near[1].range.lowerBound - oldStart)
            if 2 * nearest < next { return .found(near[0].range, how) }
        }
        return .rejected("\(what): \(tied.count) places agree equally with the context ("
                         + tied.prefix(3).map { "\($0.range.lowerBound)..<\($0.range.upperBound)" }.joined(separator: ", ")
                         + (tied.count > 3 ? ", …" : "") + "); ambiguous")
    }

    private func candidate(_ range: Range<Int>, quote: Double) -> Candidate {
        Candidate(range: range, quote: quote,
                  prefix: agreement(prefix, before: range.lowerBound), suffix: agreement(suffix, after: range.upperBound),
                  prefixVerbatim: prefixStands(before: range.lowerBound), suffixVerbatim: suffixStands(after: range.upperBound))
    }

    /// Whether the stored prefix stands right before `start`, up to white space: each run
    /// of white space (line breaks included) counts as one space, so a file whose line
    /// ends went from CRLF to LF, or whose paragraphs were re-flowed, still agrees. An
    /// empty prefix means the span began the document.
    private func prefixStands(before start: Int) -> Bool {
        guard !prefix.isEmpty else { return start == 0 }
        let want = Self.collapsed(prefix)
        return Self.collapsedRun(text, from: start - 1, step: -1, count: want.count).reversed().elementsEqual(want)
    }

    /// Whether the stored suffix stands right after `end`, up to white space.
    private func suffixStands(after end: Int) -> Bool {
        guard !suffix.isEmpty else { return end == text.count }
        let want = Self.collapsed(suffix)
        return Self.collapsedRun(text, from: end, step: 1, count: want.count).elementsEqual(want)
    }

    /// `s` with each run of white space replaced by one space.
    static func collapsed(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for u in s {
            let space = u.properties.isWhitespace
            if space && out.last == " " { continue }
            out.append(space ? " " : u)
        }
        return out
    }

    /// Up to `count` scalars of `text` read from `from` in direction `step` (±1), white
    /// space collapsed as in `collapsed`. Reads at most `8 · count + 64` scalars, so a
    /// hostile run of spaces costs a bounded amount per candidate.
    static func collapsedRun(_ text: [Unicode.Scalar], from: Int, step: Int, count: Int) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var i = from, read = 0
        while out.count < count, i >= 0, i < text.count, read < 8 * count + 64 {
            let u = text[i]
            let space = u.properties.isWhitespace
            if !(space && out.last == " ") { out.append(space ? " " : u) }
            i += step
            read += 1
        }
        return out
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

    /// Start offsets of every occurrence of `needle` in `haystack` (overlapping ones too),
    /// in O(|needle| + |haystack|) comparisons whatever the text (Knuth–Morris–Pratt,
    /// "Fast pattern matching in strings", SIAM J. Comput. 6(2), 1977), so a hostile quote
    /// such as `aaaa…` in a text of `a`s stays linear.
    static func positions(of needle: [Unicode.Scalar], in haystack: [Unicode.Scalar]) -> [Int] {
        let m = needle.count
        guard m > 0, m <= haystack.count else { return [] }
        // border[i]: length of the longest proper border of needle[0...i].
        var border = [Int](repeating: 0, count: m)
        var k = 0
        for i in 1..<m {
            while k > 0 && needle[i] != needle[k] { k = border[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            border[i] = k
        }
        var found: [Int] = []
        k = 0
        for (i, c) in haystack.enumerated() {
            while k > 0 && c != needle[k] { k = border[k - 1] }
            if c == needle[k] { k += 1 }
            if k == m {
                found.append(i - m + 1)
                k = border[k - 1]
            }
        }
        return found
    }

    static func format(_ x: Double) -> String { String(format: "%.2f", x) }
}
