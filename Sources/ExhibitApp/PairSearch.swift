/// The pairs table's `/` search: the rows whose output id, model, technique or work id
/// contains the text, case-insensitively (both lowercased, as `String.contains` compares
/// them). A text that contains the previous one (a letter typed) is looked for only in
/// the previous matches, as a row that contains the longer text contains the shorter.
/// The table starts a new one when its rows are replaced (``PairTable/sync(_:_:)``).
///
/// Speed (50,000 rows, a key in well under 50 ms): a row whose fields are ASCII without
/// a carriage return is kept as its lowercased bytes, and an ASCII text is found in them
/// byte by byte: there every character is one byte (`\r\n`, the one ASCII character of
/// two scalars, cannot occur), so a byte match is a character match. Other rows, and a
/// text that is not ASCII (which may equal ASCII letters canonically, as the Kelvin sign
/// equals `K`), go through `String.contains` on the lowercased fields.
struct PairSearch: Sendable {
    /// Lowercased bytes of the plain rows' fields, each field followed by 0xFF (never in
    /// UTF-8, so never in a text, so a match never spans two fields).
    private var bytes: [UInt8] = []
    /// Each row's bytes in ``bytes``, or nil for a row searched as strings.
    private var spans: [Range<Int>?] = []
    /// The lowercased fields of the rows that are not plain, by row.
    private var others: [Int: [String]] = [:]
    /// The last lowercased text searched and the rows it matched, in row order.
    private var last: (needle: String, rows: [Int])?

    /// Row indices of `rows` (ascending) whose fields contain `needle` (already
    /// lowercased); every row when `needle` is empty.
    mutating func matches(_ needle: String, in rows: [PairRow]) -> [Int] {
        guard !needle.isEmpty else { return Array(rows.indices) }
        take(rows)
        let candidates: [Int]
        if let last, needle.contains(last.needle) { candidates = last.rows } else { candidates = Array(rows.indices) }
        let ascii = needle.utf8.allSatisfy { $0 < 0x80 }
        let pattern = Array(needle.utf8)
        let found = bytes.withUnsafeBufferPointer { all in
            candidates.filter { i in
                if ascii, let span = spans[i] { return Self.find(pattern, in: all, span) }
                return fields(i, rows).contains { $0.contains(needle) }
            }
        }
        last = (needle, found)
        return found
    }

    /// Takes in the rows added since the last call (all of `rows` when they were replaced
    /// by fewer), so the next text is searched in all of them. The pairs table calls it as
    /// rows arrive (``PairTable/sync(_:_:)``), so the first letter typed does not pay for
    /// 50,000 rows; ``matches(_:in:)`` calls it too.
    mutating func take(_ rows: [PairRow]) {
        guard spans.count != rows.count else { return }
        // Rows streamed in since: take in the new ones, search them all again.
        if spans.count > rows.count { self = PairSearch() }
        // Fields read in place: copying a row would retain its pair's every array.
        rows.withUnsafeBufferPointer { rows in
            for i in spans.count..<rows.count {
                add(rows[i].outputId, rows[i].model, rows[i].technique, rows[i].workId, at: i)
            }
        }
        last = nil
    }

    /// The four fields of a row, as searched.
    static func fields(of row: PairRow) -> [String] { [row.outputId, row.model, row.technique, row.workId] }

    /// Takes in row `i`, whose fields are `outputId`, `model`, `technique` and `workId`
    /// (the order of ``fields(of:)``).
    private mutating func add(_ outputId: String, _ model: String, _ technique: String, _ workId: String, at i: Int) {
        let start = bytes.count
        func plain(_ f: String) -> Bool {
            for b in f.utf8 {
                // Not plain: searched as strings.
                guard b < 0x80 && b != 0x0D else { return false }
                bytes.append((0x41...0x5A).contains(b) ? b + 0x20 : b)
            }
            bytes.append(0xFF)
            return true
        }
        guard plain(outputId) && plain(model) && plain(technique) && plain(workId) else {
            bytes.removeSubrange(start...)
            others[i] = [outputId, model, technique, workId].map { $0.lowercased() }
            spans.append(nil)
            return
        }
        spans.append(start..<bytes.count)
    }

    /// Row `i`'s fields lowercased (a plain row's from its bytes: the same strings).
    private func fields(_ i: Int, _ rows: [PairRow]) -> [String] {
        if let f = others[i] { return f }
        return Self.fields(of: rows[i]).map { $0.lowercased() }
    }

    /// Whether `pattern` (not empty) occurs in `all[span]`.
    private static func find(_ pattern: [UInt8], in all: UnsafeBufferPointer<UInt8>, _ span: Range<Int>) -> Bool {
        let n = pattern.count
        guard span.count >= n else { return false }
        let first = pattern[0]
        var i = span.lowerBound
        let end = span.upperBound - n
        while i <= end {
            if all[i] == first {
                var k = 1
                while k < n && all[i + k] == pattern[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }
}
