import Foundation

/// A record blob of the results store with its checksum: the record's bytes, then 8
/// bytes of `RawChecksum` over them and over what the record's row binds it to (its
/// row's key, and an output's fingerprint column). SQLite checks its own structure, not the bytes of a
/// blob, so a bit flipped inside a record — or a fingerprint edited beside it — would
/// otherwise be read back as a different figure; with the seal, the store is refused
/// with a notice and rebuilt (docs/results-store.md).
enum SealedRecord {
    /// What a work's record is bound to: its row (`works.idx`), so a record moved or
    /// copied to another row is refused.
    static func work(_ idx: Int) -> String { "work \(idx)" }

    /// What an output's record is bound to: its row (`outputs.idx`) and fingerprint
    /// column, which an incremental scan reads to take the record over.
    static func output(_ idx: Int, fingerprint: String?) -> String { "output \(idx) \(fingerprint ?? "")" }

    /// What a pair's record is bound to: its work's and output's indices.
    static func pair(work: Int, output: Int) -> String { "pair \(work) \(output)" }

    /// What the `result` record is bound to: the store's row count (`meta.rows`), so a
    /// row deleted by hand is refused even when that count is edited to match.
    static func result(rows: String?) -> String { "result \(rows ?? "")" }

    /// `bytes` with its seal, as stored.
    static func seal(_ bytes: [UInt8], binding: String = "") -> Data {
        var sum = RawChecksum()
        bytes.withUnsafeBytes { sum.add($0) }
        var bound = Array(binding.utf8)
        bound.withUnsafeBytes { sum.add($0) }
        var value = sum.value.littleEndian
        var out = Data(capacity: bytes.count + 8)
        out.append(contentsOf: bytes)
        withUnsafeBytes(of: &value) { out.append(contentsOf: $0) }
        bound = []
        return out
    }

    /// `seal(bytes, binding:)` as bytes, the seal appended to `bytes` in place: the
    /// store's writer binds them to SQLite as they are, without a `Data` copy.
    static func sealed(_ bytes: consuming [UInt8], binding: String = "") -> [UInt8] {
        var sum = RawChecksum()
        bytes.withUnsafeBytes { sum.add($0) }
        var binding = binding
        binding.withUTF8 { sum.add(UnsafeRawBufferPointer($0)) }
        var out = bytes
        let value = sum.value.littleEndian
        withUnsafeBytes(of: value) { out.append(contentsOf: $0) }
        return out
    }

    /// The record's bytes, when `data`'s seal holds for them and `binding`.
    /// - Throws: `StoreError.malformed` when it does not (a damaged or edited store).
    static func open(_ data: Data, binding: String = "") throws -> [UInt8] {
        guard data.count >= 8 else { throw StoreError.malformed("record without its checksum") }
        let bytes = [UInt8](data.prefix(data.count - 8))
        var stored: UInt64 = 0
        withUnsafeMutableBytes(of: &stored) { $0.copyBytes(from: data.suffix(8)) }
        var sum = RawChecksum()
        bytes.withUnsafeBytes { sum.add($0) }
        let bound = Array(binding.utf8)
        bound.withUnsafeBytes { sum.add($0) }
        guard UInt64(littleEndian: stored) == sum.value else { throw StoreError.malformed("a record's checksum differs") }
        return bytes
    }
}
