import ExhibitCore
import ExhibitUI

/// How counts and names are written on screen. Shares are written by the
/// core's `formatPercent` (one rounding for screen, summary and exports).
enum Format {
    /// `28941` → `28,941`.
    static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// `n` followed by `word`, plural with an `s` unless `n` is 1.
    static func plural(_ n: Int, _ word: String) -> String {
        "\(count(n)) \(word)\(n == 1 ? "" : "s")"
    }

    /// A duration for "time left": `4 s`, `1 min 20 s`.
    static func duration(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded()))
        if s < 60 { return "\(s) s" }
        return "\(s / 60) min \(s % 60) s"
    }

    /// Seconds with one decimal: `5.2 s`.
    static func seconds(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }

    /// Findings with the rule that fired and the figures behind it (SPEC §4),
    /// or a note that none fired.
    static func findings(_ flags: [Finding]) -> String {
        guard !flags.isEmpty else { return "No finding: no substantial-passage or substantial-coverage rule fired" }
        return "⚑ " + flags.map { "\($0.rule): \($0.detail)" }.joined(separator: " · ")
    }

    /// `text` cut to at most `width` cells, ending in `…` when cut.
    static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.columns(of: text) <= width { return text }
        var out = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.columns(of: ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// `text` cut to at most `width` cells by dropping its middle (`a-christ…/ch03-e2`):
    /// ids of one case often share a long prefix and differ at the end.
    static func fitMiddle(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.columns(of: text) <= width { return text }
        let tailCols = (width - 1) / 2
        var tail = ""
        var used = 0
        for ch in text.reversed() {
            let w = DisplayWidth.columns(of: ch)
            if used + w > tailCols { break }
            tail.insert(ch, at: tail.startIndex)
            used += w
        }
        var head = ""
        var headUsed = 0
        for ch in text {
            let w = DisplayWidth.columns(of: ch)
            if headUsed + w > width - 1 - used { break }
            head.append(ch)
            headUsed += w
        }
        return head + "…" + tail
    }

    /// `text` fitted to `width` cells and padded with spaces on the right.
    static func left(_ text: String, _ width: Int, middle: Bool = false) -> String {
        let t = middle ? fitMiddle(text, width) : fit(text, width)
        return t + String(repeating: " ", count: max(0, width - DisplayWidth.columns(of: t)))
    }

    /// `text` fitted to `width` cells and padded with spaces on the left.
    static func right(_ text: String, _ width: Int) -> String {
        let t = fit(text, width)
        return String(repeating: " ", count: max(0, width - DisplayWidth.columns(of: t))) + t
    }

    /// An ISO 8601 UTC time cut to the minute for a table cell: `2025-06-01T09:30:00.125Z`
    /// → `2025-06-01 09:30`.
    static func minute(_ iso: String) -> String {
        String(iso.replacingOccurrences(of: "T", with: " ").prefix(16))
    }

    /// Case text shown on one line (titles, ids, metadata): line breaks and
    /// tabs become spaces so a row never breaks; other control characters are
    /// left for the screen to show as visible escapes.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
    }
}
