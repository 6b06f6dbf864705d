/// The ASCII markers of the plain-text formats, and the escaping that keeps them
/// unambiguous: every `[ ] { } < > ~ \` of the original text gets a backslash, so an
/// unescaped one is always a marker. Control pictures and `⟨ ⟩` of the original get
/// one too, so an unescaped `␛` or `⟨U+202E⟩` is always Exhibit's mark for a control
/// character.
enum TextMarkers {
    /// Opening marker of `label` (empty for plain text).
    static func open(_ label: TokenLabel) -> String {
        switch label {
        case .verbatim: "[["
        case .changed: "{"
        case .echo, .supplied: "<<"
        case .boilerplate: "~~"
        case .excluded: "<~"
        case .outside: ""
        }
    }

    /// Closing marker of `label`.
    static func close(_ label: TokenLabel) -> String {
        switch label {
        case .verbatim: "]]"
        case .changed: "}"
        case .echo, .supplied: ">>"
        case .boilerplate: "~~"
        case .excluded: "~>"
        case .outside: ""
        }
    }

    /// Whether the original character `u` needs a backslash in marked text.
    static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        "[]{}<>~\\".unicodeScalars.contains(u) || VisibleText.looksLikeMark(u)
    }

    /// Original text with a backslash before each character that could be read as a marker.
    static func escape(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if needsEscape(u) { out.append("\\") }
            out.append(u)
        }
        return String(out)
    }

    /// The legend line of `excluded`, printed only when the export's works have
    /// exclusions (markers built from escaped characters only, so never ambiguous).
    static let excludedLegend = "<~words~>   excluded by counsel (an exclude annotation), not counted"

    /// The legend printed at the top of the plain-text exports.
    static let legend: [String] = [
        "[[words]]   verbatim: the same words in work and output, counted as evidence",
        "{words}     changed: words substituted, inserted or dropped inside a passage",
        "<<words>>   from the prompt, not counted: prompt echo (output side) or supplied",
        "            by the prompt (work side)",
        "~~words~~   boilerplate, not counted",
        "\\[ \\{ \\<    a backslash marks a character of the original text that would",
        "            otherwise read as a marker ([ ] { } < > ~ \\ ␛ ⟨ ⟩)",
        "␛ ␀ ␍       control characters of the original, made visible (U+2400 + code);",
        "⟨U+202E⟩    other invisible controls (C1, bidirectional) by code point",
        "Punctuation and spaces between two words with the same marking share it;",
        "runs of spaces are shown as one space.",
    ]

    /// Marked text for a cell, marks written in place: one line (whitespace collapsed),
    /// or with its line breaks and tabs when `keepLayout` (CSV cells, RFC 4180 quoting).
    static func inline(_ segments: [StyledSegment], keepLayout: Bool = false) -> String {
        var out = ""
        for seg in segments {
            var body = ""
            VisibleText.forEachPiece(seg.text, keepLayout: keepLayout) { p in
                switch p {
                case .text(let s): body += escape(s)
                case .mark(let m): body += m
                }
            }
            out += body.unicodeScalars.allSatisfy(\.properties.isWhitespace) ? body : open(seg.label) + body + close(seg.label)
        }
        return out
    }
}
