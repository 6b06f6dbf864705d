/// A terminal color: the terminal's own default, or an index of the xterm
/// 256-color palette (0–7 the ANSI colors, 8–15 their bright forms, 16–231 a
/// 6×6×6 cube, 232–255 grays). Themes never redefine palette entries, so an
/// RGB value in a theme file is mapped to the nearest palette index.
public enum Color: Hashable, Sendable {
    case terminalDefault
    case indexed(UInt8)

    /// ANSI color names accepted in theme files, by index 0–15.
    public static let names: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses a theme-file color string: `default`, an ANSI name (`red`,
    /// `bright-red`, `gray` = `bright-black`), or `#rrggbb`. Returns nil when
    /// the string is none of these.
    public init?(parsing string: String) {
        let s = string.lowercased()
        if s == "default" || s == "none" {
            self = .terminalDefault
            return
        }
        if s == "gray" || s == "grey" {
            self = .indexed(8)
            return
        }
        if let i = Color.names.firstIndex(of: s) {
            self = .indexed(UInt8(i))
            return
        }
        if s.hasPrefix("#"), s.count == 7, let v = UInt32(s.dropFirst(), radix: 16) {
            self = .indexed(Color.nearestIndex(r: Int(v >> 16 & 0xFF), g: Int(v >> 8 & 0xFF), b: Int(v & 0xFF)))
            return
        }
        return nil
    }

    /// The color as it can be shown on a terminal in `mode`: unchanged with
    /// 256 colors, the nearest of the 16 or 8 ANSI colors otherwise, and nil
    /// when colors are off (``ColorMode/none``). The default color stays.
    public func degraded(to mode: ColorMode) -> Color? {
        switch (self, mode) {
        case (_, .none): return nil
        case (.terminalDefault, _): return .terminalDefault
        case (.indexed, .indexed256): return self
        case (.indexed(let i), .ansi16): return .indexed(i < 16 ? i : Color.nearest(of: 16, to: i))
        case (.indexed(let i), .ansi8): return .indexed(i < 8 ? i : Color.nearest(of: 8, to: i))
        }
    }

    /// RGB of a palette index, using xterm's default palette.
    public static func rgb(ofIndex index: UInt8) -> (r: Int, g: Int, b: Int) {
        let i = Int(index)
        let ansi: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
            (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
            (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if i < 16 { return ansi[i] }
        if i < 232 {
            let n = i - 16
            let level = { (v: Int) in v == 0 ? 0 : 55 + 40 * v }
            return (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        let gray = 8 + 10 * (i - 232)
        return (gray, gray, gray)
    }

    /// The index in 16–255 (cube or gray ramp) nearest to an RGB value.
    static func nearestIndex(r: Int, g: Int, b: Int) -> UInt8 {
        var best = 16
        var bestDistance = Int.max
        for i in 16...255 {
            let d = distance((r, g, b), rgb(ofIndex: UInt8(i)))
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return UInt8(best)
    }

    /// The nearest of the first `count` palette entries to index `index`.
    /// Grays only match grays (black, white and their bright forms) and
    /// colors only colors: by plain distance a mid gray would turn cyan and a
    /// salmon red gray, which changes what the color says.
    static func nearest(of count: Int, to index: UInt8) -> UInt8 {
        let target = rgb(ofIndex: index)
        let targetIsGray = isGray(target)
        var best = 0
        var bestDistance = Int.max
        for i in 0..<count {
            let candidate = rgb(ofIndex: UInt8(i))
            if isGray(candidate) != targetIsGray { continue }
            let d = distance(target, candidate)
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return UInt8(best)
    }

    /// Low chroma: the channels differ by less than 48 of 255.
    static func isGray(_ c: (r: Int, g: Int, b: Int)) -> Bool {
        max(c.r, c.g, c.b) - min(c.r, c.g, c.b) < 48
    }

    /// Squared distance weighted by the eye's sensitivity ("redmean").
    static func distance(_ a: (r: Int, g: Int, b: Int), _ b: (r: Int, g: Int, b: Int)) -> Int {
        let rMean = (a.r + b.r) / 2
        let dr = a.r - b.r
        let dg = a.g - b.g
        let db = a.b - b.b
        return (512 + rMean) * dr * dr / 256 + 4 * dg * dg + (767 - rMean) * db * db / 256
    }
}

/// How many colors the terminal can show, after `NO_COLOR`.
public enum ColorMode: Sendable, Hashable {
    /// Attributes only: `NO_COLOR` is set, or the terminal has no colors.
    case none
    /// The 8 ANSI colors.
    case ansi8
    /// The 16 ANSI colors.
    case ansi16
    /// The xterm 256-color palette.
    case indexed256

    /// Chooses the mode from the terminal's color count (`COLORS`, 0 when
    /// `has_colors()` is false) and the `NO_COLOR` variable: present and
    /// non-empty turns colors off (no-color.org).
    public static func detect(terminalColors: Int, noColor: String?) -> ColorMode {
        if let noColor, !noColor.isEmpty { return .none }
        switch terminalColors {
        case 256...: return .indexed256
        case 16..<256: return .ansi16
        case 8..<16: return .ansi8
        default: return .none
        }
    }
}
