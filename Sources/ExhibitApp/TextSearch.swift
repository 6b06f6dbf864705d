/// `/` search inside a text.
enum TextSearch {
    /// Every occurrence of `needle` in `text` as half-open Unicode-scalar
    /// ranges, left to right, not overlapping. Case-insensitive for ASCII
    /// letters (other scalars must match exactly); an empty needle finds nothing.
    static func find(_ needle: String, in text: String) -> [Range<Int>] {
        let pattern = needle.unicodeScalars.map(fold)
        guard let first = pattern.first else { return [] }
        let hay = text.unicodeScalars.map(fold)
        var hits: [Range<Int>] = []
        var i = 0
        while i + pattern.count <= hay.count {
            if hay[i] == first && hay[i..<(i + pattern.count)].elementsEqual(pattern) {
                hits.append(i..<(i + pattern.count))
                i += pattern.count
            } else {
                i += 1
            }
        }
        return hits
    }

    private static func fold(_ s: Unicode.Scalar) -> UInt32 {
        (65...90).contains(s.value) ? s.value + 32 : s.value
    }
}
