/// Section 2: how the figures were made, in plain words, with every parameter.
/// The definitions are those of the figures Exhibit computes (SPEC §3, §4), stated
/// once here for the reader; the values come from the scan.
enum MethodsSection {
    static func build(_ c: ReportContext) -> ReportSection {
        let r = c.result, m = r.options.match, f = r.options.findings
        let entry = ReportSection.Entry(number: "2", title: "Methods", anchor: "s2")
        var h = "<section id=\"s2\">\n<h2><span class=\"num\">2</span> Methods</h2>\n"
        let paragraphs = [
            "What is compared. The case holds copyrighted works and model outputs (generations, with the prompts that produced them). "
                + "Every output was compared with every work. A model has memorized a work when a near-exact copy of a substantial part "
                + "of it can be reconstructed from the model; extraction means a prompt set out to elicit the copy, regurgitation that an "
                + "output holds a copy whatever the intent, reconstruction that the copy is had by joining the pieces of several outputs.",
            "Normalization. Texts are compared word by word after normalization; the original text is never changed and every offset "
                + "in this report points into it (Unicode code points, counted from 0, ranges [start, end) including start and excluding end). "
                + "The normalization in force: \(parameter(r, "normalize")). A word is a run of letters or digits; in Chinese, Japanese "
                + "and Korean text each character counts as one word when cjk_chars is on.",
            "Matching. A passage begins with a run of at least \(m.minWords) identical consecutive words (min_words) in work and output, "
                + "is extended and joined across gaps of at most \(m.maxGap) differing words on either side (max_gap), and is kept when its "
                + "identity (the share of its words that are the same on both sides) is at least \(formatFraction(m.minIdentity)) (min_identity). "
                + (m.xDrop > 0
                    ? "It then grows beyond those runs, at both ends and across wider gaps, word by word (same +1, changed −1), until "
                        + "its score falls more than \(m.xDrop) below its best (x_drop, as in BLAST's gapped extension); what it adds "
                        + "must keep that identity. "
                    : "Passages are not extended beyond their runs of identical words (x_drop 0). ")
                + "Identity 1 is labelled verbatim, at least 0.90 near-verbatim, else approximate.",
            "What is counted. Matched words are the words that are the same on both sides of a passage and count as evidence: not an echo "
                + "of the prompt (output words inside a run of at least \(m.echoWords) words the prompt also holds), not boilerplate "
                + "(text repeated across works, such as a reprint line, or listed in boilerplate.txt), not excluded by counsel, and not "
                + "supplied by the prompt (work words the prompt already held). Only passages with at least one matched word are evidence; "
                + "the others are shown dimmed and never counted. Passages of at least 40 matched words are extraction-scale, of at least "
                + "300 Harper-scale.",
            "Figures per work. A work word is reproduced when any output reproduced it where that output's prompt did not supply it. "
                + "Strict coverage is the share of the work's words reproduced by passages of at least 40 matched words (the headline); "
                + "loose coverage the share reproduced by any passage; the longest block the longest run of reproduced words after "
                + "joining all outputs; long passages the number of joined runs of at least 40 strictly reproduced words; outputs "
                + "contributing the outputs that reproduced at least one word; attempts the outputs aimed at the work (by their metadata, or "
                + "a prompt holding at least \(m.minWords) of its words), hits the attempts with a passage of at least 40 matched words. "
                + "Words excluded by counsel are left out of both sides of every coverage. Per model, the same figures over that model's "
                + "outputs only; over all works, reproduced words are added up and divided by the works' words.",
            "Findings. A work or pair is flagged substantial when it has a passage of at least \(f.substantialWords) matched words with "
                + "identity at least \(formatFraction(f.nearExactIdentity)), or a strict coverage of at least "
                + "\(formatPercent(f.substantialFraction)); each flag states the rule that fired and the figures behind it.",
            "Reference marks. Coverage charts carry marks at 300 words, at min(1,000 words, 10% of the work), at 50% and at 90%. They "
                + "are references for the reader, not legal thresholds.",
        ]
        for p in paragraphs {
            let cut = p.firstIndex(of: ".")!
            h += "<p><strong>\(HTMLFormat.escape(String(p[...cut])))</strong>\(HTMLFormat.escape(String(p[p.index(after: cut)...])))</p>\n"
        }
        h += "<h3>Parameters</h3>\n<table class=\"facts\">\n"
        for p in ExportProvenance.parameters(r) {
            h += "<tr><th scope=\"row\">\(HTMLFormat.escape(p.label))</th><td>\(HTMLFormat.escape(p.value))</td></tr>\n"
        }
        h += "<tr><th scope=\"row\">models</th><td>"
            + (c.options.models.isEmpty ? "(all)" : HTMLFormat.escape(c.options.models.joined(separator: ", "))) + "</td></tr>\n"
        h += "<tr><th scope=\"row\">works</th><td>"
            + (c.options.works.isEmpty ? "(all)" : HTMLFormat.escape(c.works.map { r.works[$0].id }.joined(separator: ", "))) + "</td></tr>\n"
        h += "<tr><th scope=\"row\">exhibits</th><td>the \(c.options.top) passages with the most matched words</td></tr>\n"
        h += "</table>\n"
        if !r.exclusions.isEmpty {
            h += "<p>Counsel excluded \(r.exclusions.count == 1 ? "1 work span" : "\(r.exclusions.count) work spans") from the figures "
                + "(exclude annotations, listed in section 6).</p>\n"
        }
        h += "</section>\n"
        return ReportSection(entry: entry, subsections: [], html: h)
    }

    /// The value of parameter `name` as the reports state it.
    private static func parameter(_ r: ScanResult, _ name: String) -> String {
        ExportProvenance.parameters(r).first { $0.label == name }?.value ?? "?"
    }
}
