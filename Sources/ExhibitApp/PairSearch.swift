/// The pairs table's `/` search: the rows whose output id, model, technique or work id
/// contains the text, case-insensitively (both lowercased, as `String.contains` compares
/// them). Each row's fields are lowercased once, at the first search; a text that
/// contains the previous one (a letter typed) is looked for only in the previous
/// matches, as a row that contains the longer text contains the shorter. The table
/// starts a new one when its rows are replaced (``PairTable/sync(_:_:)``).
struct PairSearch: Sendable {
    /// Each row's four fields, lowercased; empty until the first search.
    private var fields: [[String]] = []
    /// The last lowercased text searched and the rows it matched, in row order.
    private var last: (needle: String, rows: [Int])?

    /// Row indices of `rows` (ascending) whose fields contain `needle` (already
    /// lowercased); every row when `needle` is empty.
    mutating func matches(_ needle: String, in rows: [PairRow]) -> [Int] {
        guard !needle.isEmpty else { return Array(rows.indices) }
        if fields.count != rows.count {
            // Rows streamed in since: lowercase the new ones, search them all again.
            if fields.count > rows.count { fields = [] }
            fields += rows[fields.count...].map(Self.lowercased)
            last = nil
        }
        let candidates: [Int]
        if let last, needle.contains(last.needle) { candidates = last.rows } else { candidates = Array(rows.indices) }
        let found = candidates.filter { i in fields[i].contains { $0.contains(needle) } }
        last = (needle, found)
        return found
    }

    private static func lowercased(_ row: PairRow) -> [String] {
        [row.outputId.lowercased(), row.model.lowercased(), row.technique.lowercased(), row.workId.lowercased()]
    }
}
