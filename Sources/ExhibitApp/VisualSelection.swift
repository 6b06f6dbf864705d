import ExhibitCore
import ExhibitUI

/// The visual-mode selection: a span of one document that starts at a word
/// and grows or shrinks at its end by word, sentence or passage. Offsets are
/// Unicode scalars, half-open; the selection always holds at least one word.
struct VisualSelection: Sendable {
    /// The pane the selection lives in.
    enum Owner: Sendable, Equatable {
        /// Side 0 (work) or 1 (output) of the pair view of this pair.
        case pair(PairKey, side: Int)
        /// The reconstruction view of this work.
        case reconstruction(work: Int)
    }

    /// The step of `w`/`b`, `)`/`(`, `}`/`{`.
    enum Unit: Sendable { case word, sentence, passage }

    let owner: Owner
    /// `Document.source` of the selected document.
    let source: String
    /// How the annotate dialog names the document, e.g. `output o-7`.
    let documentLabel: String
    let boundaries: TextBoundaries
    /// First scalar selected.
    let start: Int
    /// One past the last scalar selected.
    private(set) var end: Int

    /// A selection of the word at or after `offset`; nil when no word follows.
    init?(owner: Owner, source: String, documentLabel: String, boundaries: TextBoundaries, from offset: Int) {
        guard let word = boundaries.word(atOrAfter: offset) else { return nil }
        self.owner = owner
        self.source = source
        self.documentLabel = documentLabel
        self.boundaries = boundaries
        start = word.lowerBound
        end = word.upperBound
    }

    /// The selected scalars.
    var range: Range<Int> { start..<end }

    /// Moves the end to the next `unit` boundary; false at the end of the text.
    @discardableResult
    mutating func extend(_ unit: Unit) -> Bool {
        let next: Int?
        switch unit {
        case .word: next = boundaries.wordEnd(after: end)
        case .sentence: next = boundaries.sentenceEnd(after: end)
        case .passage: next = boundaries.passageEnd(after: end)
        }
        guard let next else { return false }
        end = next
        return true
    }

    /// Moves the end back to the previous `unit` boundary after the start;
    /// false when there is none (the selection keeps its first word).
    @discardableResult
    mutating func shrink(_ unit: Unit) -> Bool {
        let previous: Int?
        switch unit {
        case .word: previous = boundaries.wordEnd(before: end, above: start)
        case .sentence: previous = boundaries.sentenceEnd(before: end, above: start)
        case .passage: previous = boundaries.passageEnd(before: end, above: start)
        }
        guard let previous else { return false }
        end = previous
        return true
    }

    /// Words (tokens) that start inside the selection.
    var words: Int {
        let starts = boundaries.tokens.starts
        var lo = 0, hi = starts.count
        while lo < hi { let m = (lo + hi) / 2; if Int(starts[m]) < start { lo = m + 1 } else { hi = m } }
        var n = 0
        while lo + n < starts.count && Int(starts[lo + n]) < end { n += 1 }
        return n
    }
}
