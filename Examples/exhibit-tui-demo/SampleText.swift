import ExhibitUI

/// Sample texts for the demo, with light markup that `Marked.parse` strips:
/// `⟦n|…⟧` verbatim words of passage n, `⟨…⟩` changed words, `«…»` prompt echo.
/// The prose is written for this demo; it quotes no real work.
enum SampleText {
    static let work = """
    THE LIGHTHOUSE KEEPER'S LEDGER
    Chapter One

    ⟦1|Every evening at a quarter past six the keeper climbed the hundred and twelve steps of the tower, counted them aloud, and wrote the number in the ledger as if it might have changed since the night before.⟧ Nobody had asked him to keep such a record; the harbour board wanted only the hours of the lamp.

    His predecessor had left nothing behind but a tin of matches and a chair with one short leg, which the keeper never mended because he liked the way it rocked when the wind came from the west.

    ⟦2|The ledger grew thick with numbers that never changed, and with small remarks about the weather, the gulls, and the ships that passed without signalling.⟧ In the margins he drew boats, and later, when his eyes weakened, only their sails.

    Some pages held other scripts: 灯台守は毎晩、階段の数を数えて帳面に書いた。 한국어 문장도 있었다. His daughter added emoji: 😀 ❤️ 👍🏽 🇯🇵 👨‍👩‍👧 and a sign for the cafe\u{301} on the quay, spelled with a combining accent, next to a scrawl of Z\u{337}\u{31B}a\u{335}l\u{336}g\u{334}o\u{337} marks.

    In spring the supply boat came every second Tuesday. The keeper wrote down what it carried: lamp oil, flour, tinned peaches, a newspaper already a week old, and once a canary that lived eleven years.

    ⟦3|When the storm of 1907 took the glass from the lantern, he wrote only: one hundred and twelve, wind from the north-east, lamp dark for four hours, no ships lost.⟧ The board later praised his calm, which he did not understand, since he had not felt calm at all.

    The canary outlived the board's chairman and two of its secretaries. The keeper recorded each death in the same hand as the steps, without comment, and went on climbing.

    In his last winter he counted one hundred and eleven steps three nights in a row, and on the fourth night, after a long pause in the ledger, one hundred and twelve again.

    The ledger is now kept in the museum by the harbour, open at the page of the storm, behind glass that nobody has ever thought to count.
    """

    static let output = """
    «Continue the story of the lighthouse keeper who counted the steps» — here it is:

    ⟦1|Every evening at a quarter past six the keeper climbed the hundred and twelve steps of the tower, counted them⟧ ⟨out loud⟩⟦1|, and wrote the number in the ledger as if it might have changed since the night before.⟧

    \tThe model's output also held a bell \u{7} and a colour code \u{1B}[31mRED\u{1B}[0m copied from a log, shown here as visible escapes.

    ⟦2|The ledger grew thick with numbers that never changed, and with small remarks about the⟧ ⟨rain⟩⟦2|, the gulls, and the ships that passed without signalling.⟧ 日本語: 灯台守は毎晩数えた。 😀

    Years went by. The keeper grew old and his handwriting grew small, but the number stayed the same.

    ⟦3|When the storm of 1907 took the glass from the lantern, he wrote only: one hundred and twelve, wind from the north-east, lamp dark for⟧ ⟨three⟩ ⟦3|hours, no ships lost.⟧

    That is how the story ends, more or less.
    """
}

/// A text with its marks as scalar ranges.
struct Marked {
    var text: String
    /// Verbatim spans with their passage number.
    var verbatim: [(range: Range<Int>, passage: Int)] = []
    var changed: [Range<Int>] = []
    var echo: [Range<Int>] = []

    /// Strips the markup of ``SampleText`` and records the marked ranges as
    /// scalar offsets into the stripped text.
    static func parse(_ source: String) -> Marked {
        var out = String.UnicodeScalarView()
        var marked = Marked(text: "")
        var offset = 0
        var open: (kind: Unicode.Scalar, start: Int, passage: Int)? = nil
        var scalars = Array(source.unicodeScalars)[...]
        while let s = scalars.first {
            scalars = scalars.dropFirst()
            switch s {
            case "⟦":
                var digits = ""
                while let d = scalars.first, d != "|" {
                    digits.unicodeScalars.append(d)
                    scalars = scalars.dropFirst()
                }
                scalars = scalars.dropFirst() // "|"
                open = ("⟦", offset, Int(digits) ?? 0)
            case "⟨", "«":
                open = (s, offset, 0)
            case "⟧", "⟩", "»":
                if let o = open {
                    switch o.kind {
                    case "⟦": marked.verbatim.append((o.start..<offset, o.passage))
                    case "⟨": marked.changed.append(o.start..<offset)
                    default: marked.echo.append(o.start..<offset)
                    }
                }
                open = nil
            default:
                out.append(s)
                offset += 1
            }
        }
        marked.text = String(out)
        return marked
    }

    /// Range covering every span of passage `n` (verbatim and what lies between).
    func passageRange(_ n: Int) -> Range<Int>? {
        let spans = verbatim.filter { $0.passage == n }.map(\.range)
        guard let lo = spans.map(\.lowerBound).min(), let hi = spans.map(\.upperBound).max() else { return nil }
        return lo..<hi
    }

    /// Base styling of the text (without focus or search).
    var spans: StyleSpans {
        var all: [(Range<Int>, Role)] = verbatim.map { ($0.range, Role.verbatim) }
        all += changed.map { ($0, Role.changed) }
        all += echo.map { ($0, Role.echo) }
        return StyleSpans(all)
    }
}
