#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Minimal file access without Foundation (ExhibitUI stays light).
enum FileAccess {
    /// The file's bytes decoded as UTF-8 (invalid sequences become U+FFFD).
    /// - Throws: the `errno` text when the file cannot be opened or read.
    static func readText(_ path: String) throws(FileAccessError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileAccessError(message: lastError()) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileAccessError(message: lastError())
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Names of the entries of a directory (without `.` and `..`), sorted;
    /// nil when it cannot be opened.
    static func list(_ directory: String) -> [String]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// A file could not be read; `message` is the system's reason.
struct FileAccessError: Error {
    var message: String
}
