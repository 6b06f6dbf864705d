import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file of raw arrays of plain numbers, for the results store's sidecar
/// (`WorksSidecar`): each array is its element count (8 bytes) and its elements as they
/// lie in memory (little-endian, the only byte order Exhibit runs on), padded to 32
/// bytes; the file ends with `RawChecksum` of everything before it. Reading copies
/// each array straight from the file into its storage, so hundreds of megabytes load
/// at the speed of the page cache.
struct RawArrayWriter {
    private let fd: Int32
    private var checksum = RawChecksum()
    private static let zeros = [UInt8](repeating: 0, count: 32)

    /// Creates `path` (which must not exist) for writing.
    /// - Throws: `StoreError.writeFailed` when it cannot be created.
    init(creating path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoreError.writeFailed(path: path, message: String(cString: strerror(errno))) }
    }

    /// Appends `values`.
    mutating func array<T: BitwiseCopyable>(_ values: [T]) throws {
        var count = UInt64(values.count)
        try withUnsafeBytes(of: &count) { try put($0) }
        try values.withUnsafeBytes { try put($0) }
        let pad = (32 - (8 + values.count * MemoryLayout<T>.stride) % 32) % 32
        try Self.zeros.withUnsafeBytes { try put(UnsafeRawBufferPointer(rebasing: $0[0..<pad])) }
    }

    /// Appends `parts` one after the other as one array (read back as one), without
    /// joining them in memory first.
    mutating func array<T: BitwiseCopyable>(parts: [[T]]) throws {
        let total = parts.reduce(0) { $0 + $1.count }
        var count = UInt64(total)
        try withUnsafeBytes(of: &count) { try put($0) }
        for part in parts { try part.withUnsafeBytes { try put($0) } }
        let pad = (32 - (8 + total * MemoryLayout<T>.stride) % 32) % 32
        try Self.zeros.withUnsafeBytes { try put(UnsafeRawBufferPointer(rebasing: $0[0..<pad])) }
    }

    /// Writes the checksum and closes the file (`fsync` is left to the rename's caller:
    /// a sidecar lost in a crash is only rebuilt).
    mutating func finish() throws {
        var sum = checksum.value
        try withUnsafeBytes(of: &sum) { try writeAll($0) }
        guard close(fd) == 0 else { throw StoreError.writeFailed(path: "sidecar", message: String(cString: strerror(errno))) }
    }

    /// Closes the file without finishing it (after a failure).
    func abandon() { close(fd) }

    private mutating func put(_ bytes: UnsafeRawBufferPointer) throws {
        checksum.add(bytes)
        try writeAll(bytes)
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < bytes.count {
            let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw StoreError.writeFailed(path: "sidecar", message: String(cString: strerror(errno))) }
            done += n
        }
    }
}

/// Reads what `RawArrayWriter` wrote, array by array in the same order and types.
/// Any shortfall, a count larger than what is left of the file, or (in `finish`) a
/// checksum that differs throws `StoreError.malformed`: nothing read is trusted before
/// `finish` has returned.
struct RawArrayReader {
    private let fd: Int32
    private var left: Int
    private var checksum = RawChecksum()

    /// Opens `path` for reading.
    /// - Throws: `StoreError.malformed` when it cannot be opened or is not a plain file.
    init(path: String) throws {
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw StoreError.malformed("cannot open: \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw StoreError.malformed("not a plain file")
        }
        left = Int(info.st_size)
    }

    func closeFile() { close(fd) }

    /// The next array, of `T`.
    mutating func array<T: BitwiseCopyable>(_: T.Type) throws -> [T] {
        var count: UInt64 = 0
        try withUnsafeMutableBytes(of: &count) { try take($0) }
        let stride = MemoryLayout<T>.stride
        guard count <= UInt64(left / stride) else { throw StoreError.malformed("array longer than the file") }
        let n = Int(count)
        let values = try [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            try take(UnsafeMutableRawBufferPointer(buffer))
            initialized = n
        }
        let pad = (32 - (8 + n * stride) % 32) % 32
        var zeros = [UInt8](repeating: 0, count: pad)
        try zeros.withUnsafeMutableBytes { try take($0) }
        return values
    }

    /// The next array of flags (written as `[Bool]`, one byte each), each byte checked
    /// to be 0 or 1.
    mutating func flags() throws -> [Bool] {
        let bytes = try array(UInt8.self)
        guard !bytes.contains(where: { $0 > 1 }) else { throw StoreError.malformed("bad flag") }
        return bytes.map { $0 == 1 }
    }

    /// Reads the checksum and checks it, and that the file ends there.
    func finish() throws {
        var stored: UInt64 = 0
        var copy = self
        try withUnsafeMutableBytes(of: &stored) { try copy.readAll($0) }
        guard copy.left == 0 else { throw StoreError.malformed("longer than its arrays") }
        guard stored == checksum.value else { throw StoreError.malformed("checksum differs") }
    }

    private mutating func take(_ bytes: UnsafeMutableRawBufferPointer) throws {
        try readAll(bytes)
        checksum.add(UnsafeRawBufferPointer(bytes))
    }

    private mutating func readAll(_ bytes: UnsafeMutableRawBufferPointer) throws {
        guard bytes.count <= left else { throw StoreError.malformed("ends early") }
        var done = 0
        while done < bytes.count {
            let n = read(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw StoreError.malformed("ends early") }
            done += n
        }
        left -= bytes.count
    }
}

/// A 64-bit checksum of a byte stream, taken in 32-byte blocks over four lanes: each
/// word is xor-ed into its lane, which is then multiplied by an odd constant and
/// rotated (both one-to-one), so a change to any word changes its lane, and the sum,
/// for certain; the length is in the sum too. Not a cryptographic hash: it catches
/// damage, not forgery (the sidecar is a cache in the user's own folder, as the store
/// is). Runs at about memory speed.
struct RawChecksum {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) =
        (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
    private var length: UInt64 = 0
    /// Bytes of an unfinished block.
    private var pending = [UInt8]()
    private static let m: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Adds `bytes`, of any length.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var at = 0
        if !pending.isEmpty {
            let n = min(32 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<n])
            at = n
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { blocks($0) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (bytes.count - at) / 32 * 32
        blocks(UnsafeRawBufferPointer(rebasing: bytes[at..<(at + whole)]))
        pending.append(contentsOf: bytes[(at + whole)...])
    }

    private mutating func blocks(_ bytes: UnsafeRawBufferPointer) {
        var (a, b, c, d) = lanes
        var i = 0
        while i < bytes.count {
            a = ((a ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* Self.m).rotated(29)
            b = ((b ^ bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* Self.m).rotated(29)
            c = ((c ^ bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* Self.m).rotated(29)
            d = ((d ^ bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* Self.m).rotated(29)
            i += 32
        }
        lanes = (a, b, c, d)
    }

    /// The checksum of everything added (a last partial block padded with zeros).
    var value: UInt64 {
        var copy = self
        if !copy.pending.isEmpty {
            copy.pending += [UInt8](repeating: 0, count: 32 - copy.pending.count)
            copy.pending.withUnsafeBytes { copy.blocks($0) }
        }
        var h = length
        for lane in [copy.lanes.0, copy.lanes.1, copy.lanes.2, copy.lanes.3] { h = ((h ^ lane) &* Self.m).rotated(31) }
        return h
    }
}

private extension UInt64 {
    func rotated(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
