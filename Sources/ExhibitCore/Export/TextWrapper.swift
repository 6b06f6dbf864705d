/// Wraps labelled text into lines of at most `width` columns (`DisplayWidth`), with
/// the text markers written in, for the plain-text and side-by-side formats.
///
/// Lines break at spaces, and between two wide (CJK) characters, which those scripts
/// allow; words are never cut, except a single word wider than the whole line, which
/// is cut at the width (a URL in a narrow column). Markers close at the end of a line
/// and reopen on the next, so every line reads on its own. Runs of spaces and tabs
/// become one space. Line breaks of the original are kept when `keepLineBreaks`;
/// otherwise a blank line (paragraph break) stays a blank line and a single line
/// break becomes a space, so hard-wrapped editions reflow into narrow columns.
struct TextWrapper {
    enum Markup {
        /// `[[…]]`, `{…}`, `<<…>>`, `~~…~~`, with marker characters of the text escaped.
        case markers
        /// No markers, no escaping (control characters are still made visible).
        case plain
    }

    /// Line width in columns; at least 8 is used.
    var width: Int
    var keepLineBreaks: Bool
    var markup: Markup

    /// One indivisible piece of a word: a character (with its escape) or a mark.
    private struct Atom {
        var text: String
        var label: TokenLabel
        var columns: Int
    }

    /// A word, or a forced line break.
    private struct Unit {
        var atoms: [Atom] = []
        /// Label of the space before the word; nil when glued to the previous word
        /// (a break between CJK characters) or at a line start.
        var space: TokenLabel?
        var isBreak = false
    }

    /// The wrapped lines of `segments`, without trailing spaces; no leading or
    /// trailing empty lines.
    func lines(_ segments: [StyledSegment]) -> [String] {
        layout(units(segments))
    }

    /// The wrapped lines of plain `text` (a header value).
    func lines(plain text: String) -> [String] {
        lines([StyledSegment(text: text, label: .outside, scalars: 0..<0)])
    }

    private func units(_ segments: [StyledSegment]) -> [Unit] {
        var units = [Unit]()
        var word = Unit()
        var pendingSpace: TokenLabel?
        var pendingNewlines = 0

        func flush() {
            if !word.atoms.isEmpty { units.append(word) }
            word = Unit()
        }
        func begin() {
            guard word.atoms.isEmpty else { return }
            if pendingNewlines > 0 {
                let breaks = keepLineBreaks ? pendingNewlines : (pendingNewlines >= 2 ? 2 : 0)
                for _ in 0..<breaks { units.append(Unit(isBreak: true)) }
                if breaks > 0 { pendingSpace = nil }
            }
            pendingNewlines = 0
            word.space = pendingSpace
            pendingSpace = nil
        }
        func add(_ text: String, _ label: TokenLabel, wide: Bool) {
            if wide { flush() }
            begin()
            word.atoms.append(Atom(text: text, label: label, columns: DisplayWidth.columns(text)))
            if wide { flush() }
        }

        for seg in segments {
            VisibleText.forEachPiece(seg.text, keepLayout: true) { piece in
                switch piece {
                case .mark(let m):
                    add(m, seg.label, wide: false)
                case .text(let s):
                    for u in s.unicodeScalars {
                        if u.properties.isWhitespace {
                            flush()
                            if u == "\n" { pendingNewlines += 1 }
                            pendingSpace = seg.label
                            continue
                        }
                        let text = markup == .markers && TextMarkers.needsEscape(u) ? "\\" + String(u) : String(u)
                        add(text, seg.label, wide: DisplayWidth.isWide(u))
                    }
                }
            }
        }
        flush()
        return units
    }

    private func layout(_ units: [Unit]) -> [String] {
        let width = max(8, self.width)
        var lines = [[Unit]]()
        var current = [Unit]()
        var measure = Measure(markup: markup)
        for unit in units {
            if unit.isBreak {
                lines.append(current)
                current = []
                measure = Measure(markup: markup)
                continue
            }
            for piece in split(unit, width: width) {
                var trial = measure
                trial.add(piece, first: current.isEmpty)
                if !current.isEmpty && trial.total > width {
                    lines.append(current)
                    current = []
                    trial = Measure(markup: markup)
                    trial.add(piece, first: true)
                }
                measure = trial
                current.append(piece)
            }
        }
        lines.append(current)
        var out = lines.map { render($0) }
        while out.first?.isEmpty == true { out.removeFirst() }
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }

    /// The width `render` would give a line, kept up to date word by word, so filling a
    /// line costs time proportional to its length.
    private struct Measure {
        let markup: Markup
        /// Columns so far, without the closing marker of `open`.
        var content = 0
        var open: TokenLabel = .outside
        /// Columns of the whole line, closing marker included.
        var total: Int { content + closing(open) }

        mutating func add(_ unit: Unit, first: Bool) {
            if !first, let space = unit.space { emit(1, space) }
            for atom in unit.atoms { emit(atom.columns, atom.label) }
        }

        private mutating func emit(_ columns: Int, _ label: TokenLabel) {
            if label != open {
                content += closing(open) + (markup == .markers ? TextMarkers.open(label).count : 0)
                open = label
            }
            content += columns
        }

        private func closing(_ label: TokenLabel) -> Int { markup == .markers ? TextMarkers.close(label).count : 0 }
    }

    /// `unit` itself, or, when it alone is wider than a line, pieces that fit (the
    /// rest glued, so only a forced line break separates them).
    private func split(_ unit: Unit, width: Int) -> [Unit] {
        guard columns(render([Unit(atoms: unit.atoms)])) > width else { return [unit] }
        let room = max(1, width - (markup == .markers ? 4 : 0))  // room for the widest markers
        var out = [Unit]()
        var piece = Unit(space: unit.space)
        var used = 0
        for atom in unit.atoms {
            if used + atom.columns > room && !piece.atoms.isEmpty {
                out.append(piece)
                piece = Unit()
                used = 0
            }
            piece.atoms.append(atom)
            used += atom.columns
        }
        if !piece.atoms.isEmpty { out.append(piece) }
        return out
    }

    /// One line: words joined by their spaces (none at the line start), markers
    /// opened and closed where the label changes.
    private func render(_ units: [Unit]) -> String {
        var out = ""
        var open: TokenLabel = .outside
        func emit(_ text: String, _ label: TokenLabel) {
            if label != open && markup == .markers {
                out += TextMarkers.close(open) + TextMarkers.open(label)
            }
            open = label
            out += text
        }
        for (k, unit) in units.enumerated() {
            if k > 0, let space = unit.space { emit(" ", space) }
            for atom in unit.atoms { emit(atom.text, atom.label) }
        }
        if markup == .markers { out += TextMarkers.close(open) }
        return out
    }

    private func columns(_ s: String) -> Int { DisplayWidth.columns(s) }
}
