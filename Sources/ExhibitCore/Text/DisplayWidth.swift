/// How many terminal (monospace) columns text takes: the one width rule of Exhibit,
/// glibc's `wcwidth`, shared by the plain-text exports (wrapping, side-by-side columns)
/// and the review screen (`ExhibitUI`'s `DisplayWidth`, whose cell policy builds on
/// ``wcwidth(_:)``).
///
/// Why glibc: ncurses advances its cursor with libc `wcwidth`, so any other width
/// function would make the screen drift, and an export wrapped by another rule would
/// not line up in a terminal. The table (`GlibcWidthTable.swift`) is generated from
/// glibc 2.36 (`scripts/gen-width-table.c`) so the result does not depend on the
/// process locale. Emoji sequences joined by U+200D count each emoji, so they may be
/// measured wider than a terminal draws them; that only makes lines shorter.
public enum DisplayWidth {
    /// glibc `wcwidth` of one scalar: -1 (not printable), 0, 1 or 2 columns.
    public static func wcwidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        // Binary search for the last range starting at or before `v`.
        var lo = 0
        var hi = glibcWidthRanges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if UInt32(truncatingIfNeeded: glibcWidthRanges[mid] >> 24) <= v { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return 1 }
        let entry = glibcWidthRanges[lo - 1]
        let end = UInt32(truncatingIfNeeded: (entry >> 3) & 0x1F_FFFF)
        return v <= end ? Int(entry & 0x7) - 1 : 1
    }

    /// Columns of one scalar: 0, 1 or 2 (``wcwidth(_:)``; a scalar it calls unprintable
    /// counts 1, the cell its visible replacement takes).
    public static func columns(_ u: Unicode.Scalar) -> Int {
        let w = wcwidth(u)
        return w < 0 ? 1 : w
    }

    /// Columns of a string: the sum over its scalars.
    public static func columns(_ s: some StringProtocol) -> Int {
        s.unicodeScalars.reduce(0) { $0 + columns($1) }
    }

    /// East Asian Wide or Fullwidth: two columns by ``wcwidth(_:)``.
    public static func isWide(_ u: Unicode.Scalar) -> Bool { wcwidth(u) == 2 }
}
