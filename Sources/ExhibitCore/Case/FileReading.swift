#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file of the case could not be read; `message` is for the reader of an issue.
struct FileReadError: Error, Sendable {
    var message: String
}

/// Reads whole files with POSIX calls, so that an error names its cause (errno).
enum FileReading {
    /// The bytes of the regular file at `path`, unchanged.
    /// - Throws: `FileReadError` when the file cannot be opened or read, or is a folder
    ///   or another non-regular file.
    static func contents(ofFile path: String) throws(FileReadError) -> [UInt8] {
        // O_NONBLOCK: a FIFO without a writer must not hang the load (it is refused below).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure(errno) }
        let kind = info.st_mode & S_IFMT
        if kind == S_IFDIR { throw FileReadError(message: "cannot read: is a folder, not a file") }
        guard kind == S_IFREG else { throw FileReadError(message: "cannot read: not a regular file") }

        let expected = max(Int(info.st_size), 0)
        var code: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            count = 0
            while count < expected {
                let got = read(fd, buffer.baseAddress! + count, expected - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    code = errno
                    return
                }
                if got == 0 { break }
                count += got
            }
        }
        if code != 0 { throw failure(code) }
        // The file may have grown since fstat; take the rest too (usually one read of 0 bytes).
        code = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16_384) { chunk in
            while true {
                let got = read(fd, chunk.baseAddress!, chunk.count)
                if got < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                if got == 0 { return 0 }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<got]))
            }
        }
        if code != 0 { throw failure(code) }
        return bytes
    }

    private static func failure(_ code: Int32) -> FileReadError {
        FileReadError(message: "cannot read: " + String(cString: strerror(code)))
    }
}
