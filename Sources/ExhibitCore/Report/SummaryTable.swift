/// The readable summary `exhibit scan` prints: works by strict coverage, then the
/// strongest pairs. Plain text, columns padded with spaces; case text is escaped.
public enum SummaryTable {
    /// - Parameter pairLimit: how many of the strongest pairs to list.
    public static func text(case kase: Case, result r: ScanResult, workLimit: Int = 25, pairLimit: Int = 15) -> String {
        var out = "Exhibit \(r.engineVersion) — \(VisibleText.escaped(kase.title))\n"
        let m = r.options.match
        let counts = EvidenceCounts(r.pairs)
        out += "\(r.works.count) works, \(r.outputs.count) outputs, \(count(counts.pairs, "pair")) with evidence"
            + " (\(count(counts.passages, "passage")));"
        out += " min_words \(m.minWords), max_gap \(m.maxGap), min_identity \(formatFraction(m.minIdentity)), x_drop \(m.xDrop)"
        if !r.options.filters.isEmpty { out += ", where " + VisibleText.escaped(r.options.filters.map(\.description).joined(separator: " ")) }
        out += "\n"
        if counts.pairsWithout + counts.passagesWithout > 0 {
            let causes = r.exclusions.isEmpty ? "prompt echo, supplied or boilerplate" : "prompt echo, supplied, boilerplate or excluded"
            out += "Not evidence, listed for display only and counted nowhere: \(count(counts.passagesWithout, "passage"))"
                + " whose copied words are all \(causes), and \(count(counts.pairsWithout, "pair")) with only such passages\n"
        }
        let short = r.warnings.filter { $0.message.hasPrefix("too short to score") }.count
        if short > 0 {
            out += "\(count(short, "document")) too short to score (fewer than min_words \(m.minWords) words; see --json warnings)\n"
        }
        if !r.exclusions.isEmpty {
            let words = r.works.reduce(0) { $0 + $1.excludedTokens }
            let workCount = Set(r.exclusions.map(\.source)).count
            out += "Excluded by counsel: \(count(r.exclusions.count, "span")) in \(count(workCount, "work")), "
                + "\(count(words, "word")) left out of coverage (both sides of the fraction) and of matched words\n"
        }
        if !kase.errors.isEmpty {
            out += "\(count(kase.errors.count, "error")) while loading: documents or settings not read (see --json errors)\n"
        }
        let warnings = kase.warnings.count + r.warnings.count
        if warnings > 0 { out += "\(count(warnings, "warning")) (see --json warnings)\n" }
        out += "\nWorks by strict coverage (passages of ≥ 40 words; loose: any passage)"
        out += r.exclusions.isEmpty ? "\n" : "; coverage of the words not excluded\n"
        // The excluded column appears only when something is excluded, so the usual table is unchanged.
        let showExcluded = r.works.contains { $0.excludedTokens > 0 }
        var rows = [["work", "words"] + (showExcluded ? ["excluded"] : [])
            + ["strict", "loose", "longest", "long", "outputs", "hits/attempts", "flag"]]
        let works = r.works.sorted { ($1.figures.strictCoverage, $0.id) < ($0.figures.strictCoverage, $1.id) }
        for w in works.prefix(workLimit) {
            let f = w.figures
            rows.append([cell(w.id), String(w.tokens)] + (showExcluded ? [String(w.excludedTokens)] : [])
                + [formatPercent(f.strictCoverage), formatPercent(f.looseCoverage),
                   String(f.longestBlock), String(f.longPassages), String(f.outputsContributing),
                   "\(f.hits)/\(f.attempts)", f.flags.isEmpty ? "" : "substantial"])
        }
        out += table(rows)
        if works.count > workLimit { out += "  … \(works.count - workLimit) more works (see --json)\n" }
        let models = ModelTotals.byModel(r)
        if !models.isEmpty {
            out += "\nModels over all works (reproduced words of every work, added up / the works' words)\n"
            var mrows = [["model", "works", "strict", "loose", "longest", "long", "outputs", "hits/attempts"]]
            for t in models {
                let figures: [String] = [formatPercent(t.strictCoverage), formatPercent(t.looseCoverage), String(t.longestBlock),
                                         String(t.longPassages), String(t.outputsContributing), "\(t.hits)/\(t.attempts)"]
                mrows.append([cell(t.model), String(t.works)] + figures)
            }
            out += table(mrows, textColumns: 1)
        }
        let strongest = r.pairs.indices.filter { r.pairs[$0].evidence }.sorted { a, b in
            let x = r.pairs[a], y = r.pairs[b]
            return (y.longestPassage, x.work, x.output) < (x.longestPassage, y.work, y.output)
        }.prefix(pairLimit)
        if !strongest.isEmpty {
            out += "\nStrongest pairs (by longest passage, in words)\n"
            var prow = [["work", "output", "class", "longest", "matched", "work cov", "output cov", "passages", "supplied"]]
            for i in strongest {
                let p = r.pairs[i]
                prow.append([cell(r.works[p.work].id), cell(r.outputs[p.output].id), p.classification.rawValue,
                             String(p.longestPassage), String(p.matchedWords), formatPercent(p.workCoverage),
                             formatPercent(p.outputCoverage), String(p.evidencePassages), String(p.supplied)])
            }
            out += table(prow)
        }
        let notCounted = r.exclusions.isEmpty ? "prompt echo, supplied nor boilerplate" : "prompt echo, supplied, boilerplate nor excluded"
        out += "\nWords are tokens. matched: copied words that are neither \(notCounted);"
            + " supplied: work words the prompt held (whole work). Every figure is defined in docs/figures.md.\n"
        out += "Figures are evidence for review, not a legal conclusion.\n"
        return out
    }

    /// Case text (ids, models) made visible, never cut: two ids that share a long
    /// prefix must not look alike.
    private static func cell(_ s: String) -> String { VisibleText.escaped(s) }

    /// `1 span`, `3 spans`.
    private static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }


    /// Rows padded into columns; the first `textColumns` columns align left, the rest right.
    private static func table(_ rows: [[String]], textColumns: Int = 2) -> String {
        var widths = [Int](repeating: 0, count: rows.map(\.count).max() ?? 0)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for r in rows {
            var line = ""
            for (i, c) in r.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - c.count)
                line += i < textColumns ? c + pad : pad + c
                if i + 1 < r.count { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += "  " + line + "\n"
        }
        return out
    }
}
