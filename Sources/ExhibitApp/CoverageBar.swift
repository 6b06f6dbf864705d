import ExhibitCore
import ExhibitUI

/// A coverage bar with the SPEC §4 reference marks: 300 words; min(1,000
/// words, 10 % of the work); 50 %; 90 %. The marks are references, not
/// legal thresholds (the legend says so).
enum CoverageBar {
    /// Glyph of a reference mark. Its shape differs from the fill and the
    /// track, so marks survive without color.
    static let markGlyph = "┃"
    /// Glyph of a covered cell.
    static let fillGlyph = "█"
    /// Glyph of an uncovered cell.
    static let trackGlyph = "░"
    /// Partial fills, in eighths of a cell.
    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The reference marks of a work of `tokens` words, as fractions of the
    /// work; the 300-word mark is left out when the work is not longer.
    static func marks(tokens: Int) -> [Double] { ReferenceMarks.fractions(tokens: tokens) }

    /// Draws a bar of `width` cells at (`row`, `col`) showing `fraction`
    /// (0–1) with `marks` (fractions). A nonzero fraction always shows at
    /// least a sliver.
    static func draw(into screen: inout Screen, row: Int, col: Int, width: Int, fraction: Double, marks: [Double]) {
        guard width > 0 else { return }
        let eighthsFilled = fraction <= 0 ? 0 : max(1, Int((min(1, fraction) * Double(width * 8)).rounded(.down)))
        let full = eighthsFilled / 8
        let part = eighthsFilled % 8
        var markCells = Set<Int>()
        for m in marks { markCells.insert(min(width - 1, max(0, Int(m * Double(width))))) }
        for c in 0..<width {
            let filled = c < full || (c == full && part > 0)
            var style = CellStyle(filled ? .bar : .barTrack)
            var glyph = c < full ? fillGlyph : (c == full && part > 0 ? eighths[part] : trackGlyph)
            if markCells.contains(c) {
                glyph = markGlyph
                style = style.adding(.referenceMark)
            }
            screen.put(glyph, row: row, col: col + c, style: style)
        }
    }
}
