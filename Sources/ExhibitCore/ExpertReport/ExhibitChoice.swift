/// A passage chosen as a numbered exhibit.
struct ExhibitChoice: Hashable {
    /// Index into `ScanResult.pairs`.
    var pair: Int
    /// Index into the pair's passages.
    var passage: Int

    /// The `top` strongest evidence passages of the works `works` (indices into
    /// `result.works`): by matched words, most first; ties by work id, output id,
    /// then output start, so the numbering never depends on anything else.
    static func strongest(_ result: ScanResult, works: [Int], top: Int) -> [ExhibitChoice] {
        let chosen = Set(works)
        var all = [(choice: ExhibitChoice, matched: Int, work: String, output: String, start: Int)]()
        for (pi, p) in result.pairs.enumerated() where chosen.contains(p.work) {
            for (i, s) in p.passages.enumerated() where ReportScope.isEvidence(s) {
                all.append((ExhibitChoice(pair: pi, passage: i), s.matched, result.works[p.work].id,
                            result.outputs[p.output].id, s.outputTokens.lowerBound))
            }
        }
        all.sort { a, b in
            if a.matched != b.matched { return a.matched > b.matched }
            return (a.work, a.output, a.start) < (b.work, b.output, b.start)
        }
        return all.prefix(max(0, top)).map(\.choice)
    }
}
