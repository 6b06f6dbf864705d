import ExhibitCore
import ExhibitUI

/// Turns the core's token labels (`TokenLabeler`, `StyledText`) and counsel's
/// annotations into scalar-range roles for ``StyleSpans``, so the screen marks
/// exactly the words the figures count, as the exports do.
enum Marks {
    /// The role that shows `label`; nil for plain text.
    static func role(_ label: TokenLabel) -> Role? {
        switch label {
        case .verbatim: return .verbatim
        case .changed: return .changed
        case .echo: return .echo
        // Excluded by counsel: dimmed like boilerplate, since neither counts.
        case .boilerplate, .excluded: return .boilerplate
        case .supplied: return .supplied
        case .outside: return nil
        }
    }

    /// Roles of the whole of `text` from its token `labels` (segments of the
    /// same label join across the spaces between their words).
    static func spans(text: String, tokens: DocumentTokens, labels: TokenLabels) -> [(Range<Int>, Role)] {
        let all = 0..<text.unicodeScalars.count
        return StyledText.segments(text: text, scalars: all, tokens: tokens, labels: labels).compactMap { s in
            role(s.label).map { (s.scalars, $0) }
        }
    }

    /// Labels of work `work` pooled over `pairs` (all of its pairs, or one
    /// model's): per token the strongest label any pair gives it, as
    /// `TokenLabeler.workLabels` does for all pairs. Its `verbatim` and
    /// `changed` tokens are exactly the pooled `reproduced` tokens.
    static func pooledWorkLabels(work: DocumentTokens, pairs: [PairResult], results: Results) -> TokenLabels {
        var out = TokenLabels(range: 0..<work.count)
        for p in pairs {
            guard let output = results.tokens(output: p.output) else { continue }
            let ranges = (p.passages.map(\.workTokens) + p.suppliedRanges).filter { !$0.isEmpty }
            guard let lo = ranges.map(\.lowerBound).min(), let hi = ranges.map(\.upperBound).max() else { continue }
            let window = (lo..<hi).clamped(to: out.range)
            let l = TokenLabeler.labels(pair: p, work: work, output: output, workWindow: window, outputWindow: 0..<0).work
            for t in window where l[t].strength > out.labels[t].strength { out.labels[t] = l[t] }
        }
        // Outside every pair's window only the document's own marks apply.
        for t in 0..<min(work.count, work.boilerplate.count) where work.boilerplate[t] { out.labels[t] = .boilerplate }
        return out
    }

    /// The current annotations of document `source` as `.annotation` spans
    /// (orphaned ones have no place in the text and are left out).
    static func annotations(_ annotations: CaseAnnotations?, source: String) -> [(Range<Int>, Role)] {
        guard let annotations else { return [] }
        return annotations.annotations(for: source).compactMap { $0.status.range }.filter { !$0.isEmpty }
            .map { ($0, Role.annotation) }
    }
}
