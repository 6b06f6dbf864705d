/// The works' side of the index as the results store's sidecar keeps it
/// (`WorksSidecar`): the works' token ids, where each work starts and the boilerplate
/// marks — not the table of k-grams, which is most of the index's bytes and is rebuilt
/// from these for just the k-grams an incremental scan asks for
/// (`restricted(to:threshold:threads:)`). Checked on reading, so that a damaged or
/// foreign sidecar is refused rather than read out of bounds.
extension WorkIndex {
    /// Appends the index's works' arrays to `out` (read back by `read(from:vocabulary:)`).
    func write(to out: inout RawArrayWriter) throws {
        try out.array([Int64(k)])
        try out.array(ids)
        try out.array(workStarts.map(Int64.init))
        try out.array(boilerplate)
    }

    /// The arrays `write(to:)` wrote, as an index of no k-gram yet (`complete` false),
    /// when they fit together: k at least 1, work starts ascending from 0 to the number
    /// of ids, a mark per id, every id below `vocabulary`; nil otherwise.
    /// - Throws: `StoreError.malformed` when the file ends early or its checksum differs.
    static func read(from r: inout RawArrayReader, vocabulary: Int) throws -> WorkIndex? {
        let numbers = try r.array(Int64.self)
        let ids = try r.array(UInt32.self)
        let starts = try r.array(Int64.self)
        let boilerplate = try r.flags()
        guard numbers.count == 1, numbers[0] >= 1, numbers[0] <= Int64(Int32.max),
              boilerplate.count == ids.count, starts.first == 0, starts.last == Int64(ids.count) else { return nil }
        for i in 1..<starts.count where starts[i] < starts[i - 1] { return nil }
        let limit = UInt32(clamping: vocabulary)
        if ids.contains(where: { $0 >= limit }) { return nil }
        return WorkIndex(ids: ids, workStarts: starts.map { Int($0) }, k: Int(numbers[0]), boilerplateWorks: nil,
                         only: KGramHashSet(), boilerplate: boilerplate)
    }
}
