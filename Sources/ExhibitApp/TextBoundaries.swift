import ExhibitCore

/// Where a visual selection may end in one document: after a word, after a
/// sentence, after a passage. Every offset is a Unicode scalar offset into
/// the document's text; a selection is the half-open range `start..<end`.
///
/// Words are the core's tokens (SPEC §2), so "one word more" is the unit
/// the figures count. A sentence ends after a run of `.`, `!`, `?`, `…`
/// (with closing quotes and brackets) followed by a space or the end of the
/// text, after `。！？` (CJK text has no spaces), at a blank line, and at
/// the end of the text. Abbreviations such as "Mr." end a sentence too:
/// the rule is simple on purpose, and `b`/`w` adjust by a word.
struct TextBoundaries: Sendable {
    let scalars: [Unicode.Scalar]
    let tokens: DocumentTokens
    /// Ends of the passages (or reproduced spans) shown on this side, sorted.
    let passageEnds: [Int]

    init(text: String, tokens: DocumentTokens, passages: [Range<Int>]) {
        scalars = Array(text.unicodeScalars)
        self.tokens = tokens
        passageEnds = Array(Set(passages.filter { !$0.isEmpty }.map(\.upperBound))).sorted()
    }

    private func start(_ t: Int) -> Int { Int(tokens.starts[t]) }
    private func end(_ t: Int) -> Int { Int(tokens.ends[t]) }

    /// Index of the first token ending after `offset` (`tokens.count` if none).
    private func firstToken(endingAfter offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if end(mid) > offset { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The word at `offset`, or the first one after it.
    func word(atOrAfter offset: Int) -> Range<Int>? {
        let t = firstToken(endingAfter: offset)
        return t < tokens.count ? start(t)..<end(t) : nil
    }

    /// The end of the first word ending after `offset`.
    func wordEnd(after offset: Int) -> Int? {
        let t = firstToken(endingAfter: offset)
        return t < tokens.count ? end(t) : nil
    }

    /// The end of the last word ending before `offset` and after `floor`.
    func wordEnd(before offset: Int, above floor: Int) -> Int? {
        let t = firstToken(endingAfter: offset - 1) - 1
        return t >= 0 && end(t) > floor ? end(t) : nil
    }

    /// The first sentence end after `offset`.
    func sentenceEnd(after offset: Int) -> Int? {
        var t = max(0, firstToken(endingAfter: offset) - 1)
        while t < tokens.count {
            if let s = sentenceEnd(ofToken: t), s > offset { return s }
            t += 1
        }
        return nil
    }

    /// The last sentence end before `offset` and after `floor`.
    func sentenceEnd(before offset: Int, above floor: Int) -> Int? {
        var t = firstToken(endingAfter: offset - 1) - 1
        while t >= 0 && end(t) > floor {
            if let s = sentenceEnd(ofToken: t), s < offset { return s }
            t -= 1
        }
        return nil
    }

    /// The first passage end after `offset`.
    func passageEnd(after offset: Int) -> Int? {
        passageEnds.first { $0 > offset }
    }

    /// The last passage end before `offset` and after `floor`.
    func passageEnd(before offset: Int, above floor: Int) -> Int? {
        passageEnds.last { $0 < offset && $0 > floor }
    }

    /// Where the sentence ends if token `t` is its last word, else nil.
    func sentenceEnd(ofToken t: Int) -> Int? {
        let limit = t + 1 < tokens.count ? start(t + 1) : scalars.count
        var i = end(t)
        var terminated = false, spaceless = false
        while i < limit, Self.terminators.contains(scalars[i]) || Self.closers.contains(scalars[i]) {
            if Self.terminators.contains(scalars[i]) {
                terminated = true
                spaceless = Self.spacelessTerminators.contains(scalars[i])
            }
            i += 1
        }
        if terminated && (i == scalars.count || spaceless || scalars[i].properties.isWhitespace) { return i }
        if t + 1 == tokens.count || paragraphBreak(in: i..<limit) { return terminated ? i : end(t) }
        return nil
    }

    /// Whether `range` holds two line breaks (a blank line) or a paragraph separator.
    private func paragraphBreak(in range: Range<Int>) -> Bool {
        var breaks = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let v = scalars[i].value
            if v == 0x2029 { return true }
            if v == 0x0A || v == 0x0B || v == 0x0C || v == 0x85 || v == 0x2028 {
                breaks += 1
            } else if v == 0x0D {
                breaks += 1
                if i + 1 < range.upperBound && scalars[i + 1].value == 0x0A { i += 1 }
            }
            if breaks >= 2 { return true }
            i += 1
        }
        return false
    }

    static let terminators: Set<Unicode.Scalar> = [".", "!", "?", "…", "‼", "⁇", "⁈", "⁉", "。", "！", "？", "｡"]
    /// CJK full stops: the next sentence follows without a space.
    static let spacelessTerminators: Set<Unicode.Scalar> = ["。", "！", "？", "｡"]
    static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", "»", "›", ")", "]", "}", "」", "』", "）", "】", "〕", "〉", "》", "］"]
}
