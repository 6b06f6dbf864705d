// How figures are written in reports, summaries, exports and on screen: one place, so
// every reader sees the same rounding (docs/figures.md, "Rounding").

/// A fraction rounded to 6 decimals, without trailing zeros (`0.5`, `1`, `0.123457`):
/// the form of every fraction in JSON (SPEC §8), where scripts read the number.
public func formatFraction(_ x: Double) -> String {
    var out = [UInt8]()
    formatFraction(x, into: &out)
    return String(decoding: out, as: UTF8.self)
}

/// `formatFraction(x)`'s characters appended to `out` as UTF-8 (the JSON report's
/// writer: reports hold hundreds of thousands of fractions).
func formatFraction(_ x: Double, into out: inout [UInt8]) {
    let scaled = (x * 1_000_000).rounded()
    let v = Int64(scaled)
    let a = v < 0 ? -v : v
    var frac = a % 1_000_000
    var digits = 6
    while digits > 0 && frac % 10 == 0 { frac /= 10; digits -= 1 }
    if v < 0 { out.append(0x2D) }
    var whole = String(a / 1_000_000)
    whole.withUTF8 { out.append(contentsOf: $0) }
    guard digits > 0 else { return }
    out.append(0x2E)
    var place: Int64 = 1
    for _ in 1..<digits { place *= 10 }
    while place > 0 {
        out.append(UInt8(48 + (frac / place) % 10))
        place /= 10
    }
}

/// A fraction in [0, 1] as a percentage to one decimal (`45.2%` for 0.451613), for
/// readers: summary, exports, screen.
///
/// Rounding never changes what a figure says: a positive share below 0.05 % is
/// written `<0.1%` (never `0.0%`), a share below 1 that would round to 100.0 % is
/// written `>99.9%` (never `100.0%`). Exactly 0 is `0.0%`, exactly 1 is `100.0%`.
public func formatPercent(_ x: Double) -> String {
    guard x.isFinite else { return "n/a" }
    if x > 0 && x < 0.0005 { return "<0.1%" }
    if x < 1 && x >= 0.9995 { return ">99.9%" }
    let tenths = Int((x * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
}

/// A fraction for readers next to its percentage: 6 decimals as in the JSON, with the
/// same guard as `formatPercent` at both ends (`<0.000001`, `>0.999999`), so a share
/// below 1 never reads `1` and a positive one never reads `0`.
public func formatReaderFraction(_ x: Double) -> String {
    guard x.isFinite else { return "n/a" }
    if x > 0 && x < 0.0000005 { return "<0.000001" }
    if x < 1 && x >= 0.9999995 { return ">0.999999" }
    return formatFraction(x)
}

/// `45.2% (0.451613)`: a percentage for readers, the exact fraction for checking.
public func percentAndFraction(_ x: Double) -> String {
    "\(formatPercent(x)) (\(formatReaderFraction(x)))"
}
