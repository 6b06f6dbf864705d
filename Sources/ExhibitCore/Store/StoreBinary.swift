/// Compact binary records for the results store's `record` columns: what a row needs
/// to rebuild the exact `ScanResult` beyond the columns analysts read.
///
/// Integers are zigzag LEB128 varints; doubles their 8-byte IEEE bit pattern (little
/// endian), so a value read back is bit-identical; strings a varint byte count then
/// UTF-8. Private to the store: the layout changes with `StoreSchema.version`.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ v: Int) {
        var u = UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
        while u >= 0x80 {
            bytes.append(UInt8(u & 0x7F) | 0x80)
            u >>= 7
        }
        bytes.append(UInt8(u))
    }

    mutating func double(_ v: Double) {
        var bits = v.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(bits & 0xFF))
            bits >>= 8
        }
    }

    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    /// Bytes another record already holds in this layout, appended as they are.
    mutating func raw(_ b: ArraySlice<UInt8>) { bytes += b }

    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        int(utf8.count)
        bytes += utf8
    }

    mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    mutating func optionalInt(_ v: Int?) {
        bool(v != nil)
        if let v { int(v) }
    }

    mutating func range(_ r: Range<Int>) {
        int(r.lowerBound)
        int(r.count)
    }

    mutating func ranges(_ rs: [Range<Int>]) {
        int(rs.count)
        for r in rs { range(r) }
    }

    /// Offsets in text order: stored as differences, which stay small.
    mutating func offsets(_ xs: [Int32]) {
        int(xs.count)
        // A token's offsets are most of a record: written into one buffer sized for the
        // worst case (a difference of two `Int32`s zigzagged is at most 5 varint bytes),
        // not appended byte by byte to `bytes`, which checks its uniqueness each time.
        let packed = [UInt8](unsafeUninitializedCapacity: xs.count * 5) { out, written in
            var at = 0, last = 0
            for x in xs {
                let v = Int(x) - last
                last = Int(x)
                var u = UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
                while u >= 0x80 {
                    out[at] = UInt8(u & 0x7F) | 0x80
                    at += 1
                    u >>= 7
                }
                out[at] = UInt8(u)
                at += 1
            }
            written = at
        }
        bytes += packed
    }

    /// One bit per flag.
    mutating func flags(_ xs: [Bool]) {
        int(xs.count)
        let packed = [UInt8](unsafeUninitializedCapacity: (xs.count + 7) / 8) { out, written in
            var byte: UInt8 = 0, at = 0
            for (i, x) in xs.enumerated() {
                if x { byte |= 1 << UInt8(i % 8) }
                if i % 8 == 7 {
                    out[at] = byte
                    at += 1
                    byte = 0
                }
            }
            if xs.count % 8 != 0 {
                out[at] = byte
                at += 1
            }
            written = at
        }
        bytes += packed
    }
}

/// Reads what `BinaryWriter` wrote; any overrun or impossible value throws
/// `StoreError.malformed`, so a damaged record is never half-trusted.
struct BinaryReader {
    private let bytes: [UInt8]
    private var at = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { at == bytes.count }

    /// Bytes read so far (the offset of the next field), for a caller that keeps a
    /// record's remaining bytes as they are.
    var position: Int { at }

    private mutating func byte() throws -> UInt8 {
        guard at < bytes.count else { throw StoreError.malformed("record ends early") }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func int() throws -> Int {
        var u: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw StoreError.malformed("integer too long") }
            u |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        let v = Int64(bitPattern: u)
        return Int((v >> 1) ^ -(v & 1))
    }

    /// A count: an int in 0...remaining bytes × 8 (no record holds more items than bits).
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= (bytes.count - at) * 8 + 8 else { throw StoreError.malformed("impossible count \(n)") }
        return n
    }

    mutating func double() throws -> Double {
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(try byte()) << UInt64(8 * i) }
        return Double(bitPattern: bits)
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw StoreError.malformed("bad flag")
        }
    }

    mutating func string() throws -> String {
        let n = try count()
        guard at + n <= bytes.count else { throw StoreError.malformed("string ends early") }
        defer { at += n }
        guard let s = String(validating: bytes[at..<(at + n)], as: UTF8.self) else {
            throw StoreError.malformed("bad UTF-8")
        }
        return s
    }

    mutating func optionalString() throws -> String? { try bool() ? try string() : nil }
    mutating func optionalInt() throws -> Int? { try bool() ? try int() : nil }

    mutating func range() throws -> Range<Int> {
        let lo = try int(), n = try int()
        guard n >= 0 else { throw StoreError.malformed("negative range") }
        return lo..<(lo + n)
    }

    mutating func ranges() throws -> [Range<Int>] {
        let n = try count()
        var out = [Range<Int>]()
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try range()) }
        return out
    }

    mutating func offsets() throws -> [Int32] {
        let n = try count()
        var out = [Int32]()
        out.reserveCapacity(n)
        var last = 0
        for _ in 0..<n {
            last += try int()
            guard let x = Int32(exactly: last) else { throw StoreError.malformed("offset out of range") }
            out.append(x)
        }
        return out
    }

    /// Passes over what `BinaryWriter.offsets` wrote without building the array.
    mutating func skipOffsets() throws {
        var n = try count()
        while n > 0 {
            guard at < bytes.count else { throw StoreError.malformed("record ends early") }
            if bytes[at] < 0x80 { n -= 1 }
            at += 1
        }
    }

    /// Passes over what `BinaryWriter.flags` wrote.
    mutating func skipFlags() throws {
        let n = try count()
        let length = (n + 7) / 8
        guard at + length <= bytes.count else { throw StoreError.malformed("record ends early") }
        at += length
    }

    mutating func flags() throws -> [Bool] {
        let n = try count()
        var out = [Bool]()
        out.reserveCapacity(n)
        var byte: UInt8 = 0
        for i in 0..<n {
            if i % 8 == 0 { byte = try self.byte() }
            out.append(byte & (1 << UInt8(i % 8)) != 0)
        }
        return out
    }
}
