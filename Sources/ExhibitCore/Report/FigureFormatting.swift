// How figures are written in reports, summaries and exports.

/// A fraction rounded to 6 decimals, without trailing zeros (`0.5`, `1`, `0.123457`):
/// the form of every fraction in JSON and reports.
public func formatFraction(_ x: Double) -> String {
    let scaled = (x * 1_000_000).rounded()
    let v = Int64(scaled)
    let neg = v < 0
    let a = neg ? -v : v
    let whole = a / 1_000_000
    var frac = String(a % 1_000_000)
    frac = String(repeating: "0", count: 6 - frac.count) + frac
    while frac.hasSuffix("0") { frac.removeLast() }
    return (neg ? "-" : "") + String(whole) + (frac.isEmpty ? "" : "." + frac)
}

/// A fraction as a percentage to one decimal, e.g. `45.2%` for 0.451613: the form of
/// coverages for readers (summary, export figures).
public func formatPercent(_ x: Double) -> String {
    String((x * 1000).rounded() / 10) + "%"
}

/// `45.2% (0.451613)`: a percentage for readers, the exact fraction for checking.
func percentAndFraction(_ x: Double) -> String {
    "\(formatPercent(x)) (\(formatFraction(x)))"
}
