/// How importers derive ids and file names: the same source always gives the same ids,
/// so importing it twice adds nothing.
public enum ImportIDs {
    /// A lower-case slug of `title` for a work id: letters and digits kept (folded to
    /// lower case), apostrophes dropped, every other run of characters one `-`.
    /// `"Alice's Adventures in Wonderland"` → `alices-adventures-in-wonderland`.
    public static func slug(_ title: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in title.unicodeScalars {
            if scalar == "'" || scalar == "\u{2019}" { continue }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingDash, !out.isEmpty { out += "-" }
                pendingDash = false
                out += String(scalar).lowercased()
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// A file-name-safe form of `name` for a case file: ASCII letters, digits, `.`,
    /// `-` and `_` kept, anything else `_`; never empty, never starting with `.`.
    public static func fileName(_ name: String) -> String {
        var out = String(name.unicodeScalars.map { s -> Character in
            let v = s.value
            let ok = (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
                || s == "." || s == "-" || s == "_"
            return ok ? Character(s) : "_"
        })
        while out.hasPrefix(".") { out.removeFirst() }
        return out.isEmpty ? "source" : out
    }

    /// `n` with at least two digits (`ch03`), as the bundled RECAP case spells them.
    public static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
