/// The vocabulary as the results store's sidecar keeps it (`WorksSidecar`): its tokens'
/// UTF-8 one after the other and where each ends. Only the tokens are kept: the table
/// is built again by interning them in id order, which gives each its id again whatever
/// the table's layout in the Exhibit that wrote them.
extension Vocabulary {
    /// The tokens' UTF-8, concatenated, and the end of each (exclusive) in it.
    func snapshot() -> (utf8: [UInt8], ends: [UInt64]) {
        let t = tokensById
        return (t.utf8, t.ends.map(UInt64.init))
    }

    /// The vocabulary `snapshot()` gave `utf8` and `ends` for.
    /// - Returns: nil when they are not such a snapshot: ends out of order or past the
    ///   bytes, a token that is not UTF-8, or the same token twice (ids would shift).
    init?(snapshot utf8: [UInt8], ends: [UInt64]) {
        var v = Vocabulary(capacity: ends.count)
        var start = 0
        for (i, e) in ends.enumerated() {
            guard e >= UInt64(start), e <= UInt64(utf8.count) else { return nil }
            let end = Int(e)
            guard String(validating: utf8[start..<end], as: UTF8.self) != nil,
                  utf8.withUnsafeBufferPointer({ v.id(UnsafeBufferPointer(rebasing: $0[start..<end])) }) == UInt32(i) else {
                return nil
            }
            start = end
        }
        guard start == utf8.count else { return nil }
        self = v
    }
}
