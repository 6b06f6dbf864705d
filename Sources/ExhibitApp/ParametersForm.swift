import ExhibitCore
import ExhibitUI

/// The `m` form: edit `min_words`, `max_gap` and `min_identity` (SPEC §3);
/// Enter re-scans with them, Esc leaves everything as it was. A layer that takes every
/// key (``Layer/key(_:rect:)``): digits are typed, not commands.
struct ParametersForm: Layer, Equatable {
    /// One editable field.
    struct Field: Sendable, Equatable {
        var name: String
        var help: String
        var text: String
    }

    var fields: [Field]
    /// The field being edited.
    var active = 0
    /// Why the last Enter was refused.
    var error: String?

    /// The parameters the form does not edit (taken when it opens).
    var base = MatchParameters()

    /// A form showing `match`'s values.
    init(_ match: MatchParameters) {
        base = match
        fields = [
            Field(name: "min_words", help: "shortest seed, in words (1–1000)", text: String(match.minWords)),
            Field(name: "max_gap", help: "widest gap, in words a side (0–1000)", text: String(match.maxGap)),
            Field(name: "min_identity", help: "lowest passage identity (0–1)", text: formatFraction(match.minIdentity)),
        ]
    }

    /// What a key did to the form.
    enum Outcome: Equatable {
        case editing
        case cancelled
        /// Enter with valid values: these parameters.
        case confirmed(MatchParameters)
    }

    /// Handles one key; `base` supplies the parameters the form does not edit.
    mutating func key(_ key: Key, base: MatchParameters) -> Outcome {
        switch key {
        case .escape:
            return .cancelled
        case .tab, .down:
            active = (active + 1) % fields.count
        case .backTab, .up:
            active = (active + fields.count - 1) % fields.count
        case .backspace, .delete:
            if !fields[active].text.isEmpty { fields[active].text.removeLast() }
            error = nil
        case .character(let c) where c.isASCII && (c.isNumber || c == "."):
            if fields[active].text.count < 8 { fields[active].text.append(c) }
            error = nil
        case .enter:
            switch parse(base: base) {
            case .success(let m): return .confirmed(m)
            case .failure(let e): error = e.message
            }
        default:
            break
        }
        return .editing
    }

    struct Invalid: Error { var message: String }

    /// The parameters the fields give, or why they are not valid.
    func parse(base: MatchParameters) -> Result<MatchParameters, Invalid> {
        var m = base
        // The ranges of case.toml and the command line (ParameterRanges): a huge value hangs a scan.
        guard let k = Int(fields[0].text), ParameterRanges.minWords.contains(k) else {
            return .failure(Invalid(message: ParameterRanges.rule("min_words", ParameterRanges.minWords)))
        }
        guard let g = Int(fields[1].text), ParameterRanges.maxGap.contains(g) else {
            return .failure(Invalid(message: ParameterRanges.rule("max_gap", ParameterRanges.maxGap)))
        }
        guard let x = Double(fields[2].text), ParameterRanges.minIdentity.contains(x) else {
            return .failure(Invalid(message: ParameterRanges.rule("min_identity", ParameterRanges.minIdentity)))
        }
        m.minWords = k
        m.maxGap = g
        m.minIdentity = x
        return .success(m)
    }

    /// The box, centered on a screen of `size`.
    func frame(in size: Size) -> Rect {
        let cols = min(size.cols, 66), rows = fields.count + 6
        return Rect(row: max(0, (size.rows - rows) / 2), col: (size.cols - cols) / 2, rows: rows, cols: cols)
    }

    var takesEveryKey: Bool { true }

    mutating func key(_ key: Key, rect: Rect) -> LayerReply? {
        switch self.key(key, base: base) {
        case .editing: return .stay
        case .cancelled: return .close
        case .confirmed(let m): return LayerReply(close: true, followUp: .rescan(m))
        }
    }

    /// Every key goes to ``key(_:rect:)``; the mouse does nothing here.
    mutating func update(_ action: Action?, rect: Rect) -> LayerReply { .stay }

    func render(into screen: inout Screen, rect: Rect) {
        screen.fill(rect)
        Layout.box(rect, title: "Match parameters", in: &screen)
        let clip = (rect.col + 2)..<(rect.col + rect.cols - 2)
        for (i, f) in fields.enumerated() {
            let row = rect.row + 2 + i
            var col = screen.put(Format.left(f.name, 13), row: row, col: clip.lowerBound, clip: clip)
            let value = "[" + Format.left(f.text + (i == active ? "▏" : ""), 8) + "]"
            col = screen.put(value, row: row, col: col, style: i == active ? CellStyle(.selection) : .plain, clip: clip)
            screen.put("  " + f.help, row: row, col: col, style: CellStyle(.chrome), clip: clip)
        }
        let last = rect.row + rect.rows - 2
        if let error {
            screen.put(error, row: last, col: clip.lowerBound, style: CellStyle(.error), clip: clip)
        } else {
            screen.put("Enter re-scans · Tab next field · Esc cancels", row: last, col: clip.lowerBound,
                       style: CellStyle(.chrome), clip: clip)
        }
    }
}
