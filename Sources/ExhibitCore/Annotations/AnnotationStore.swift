#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A record read from `annotations.jsonl` with where it was found.
public struct StoredAnnotation: Sendable, Hashable {
    /// The record as parsed.
    public var annotation: Annotation
    /// 1-based physical line of the file.
    public var line: Int
    /// Bytes from the start of the file to the start of the line.
    public var offset: Int
    public init(annotation: Annotation, line: Int, offset: Int) {
        self.annotation = annotation
        self.line = line
        self.offset = offset
    }
}

/// Everything `annotations.jsonl` holds: the records that parse, in file order, and a
/// warning for each line that does not (never an error: one bad line costs only itself).
public struct AnnotationLog: Sendable {
    /// The records that parsed, in file order.
    public var records: [StoredAnnotation]
    /// Skipped lines, each with its line number and byte offset (path `annotations.jsonl`).
    public var warnings: [CaseIssue]
    public init(records: [StoredAnnotation] = [], warnings: [CaseIssue] = []) {
        self.records = records
        self.warnings = warnings
    }
}

/// The append-only annotation file of a case (SPEC §5): `<case>/annotations.jsonl`, one
/// JSON record a line (`AnnotationJSON`), never rewritten.
///
/// Appending is safe between threads and processes: each append opens the file with
/// `O_APPEND`, holds an exclusive `flock(2)` on it while it writes the whole line with
/// one `write(2)` and `fsync(2)`s it, so lines never interleave and a record is on disk
/// before `append` returns. `flock` locks belong to the open file description, so two
/// appends of one process exclude each other as two processes do. Reading holds a shared
/// lock, so it never sees a line half written.
///
/// A line cut short by a crash or power cut (a *torn* line) is skipped with a warning;
/// the next append first ends it with a line feed, so the torn bytes never run into the
/// new record.
public struct AnnotationStore: Sendable {
    /// The file name inside the case folder.
    public static let fileName = "annotations.jsonl"

    /// Path of the file.
    public let path: String

    /// The store of the case folder at `casePath`.
    public init(casePath: String) {
        path = (casePath.hasSuffix("/") ? casePath : casePath + "/") + Self.fileName
    }

    /// A store at an explicit file path.
    public init(filePath: String) {
        path = filePath
    }

    // MARK: Appending

    /// Appends `annotation` as one line, durably: when this returns, the record has been
    /// written with a single `write` under an exclusive lock and `fsync`'d (and, when the
    /// file was new, its folder too).
    /// - Throws: `AnnotationError.notRegularFile` or `.linkOutsideCase` (see
    ///   `openChecked`), nothing written; `AnnotationError.io` when the file cannot be
    ///   opened, locked, written or synced; the record may then be absent or torn, never
    ///   acknowledged.
    public func append(_ annotation: Annotation) throws {
        var line = Array(AnnotationJSON.line(annotation).utf8)
        line.append(0x0A)

        var created = false
        var fd = try openChecked(O_RDWR | O_APPEND)
        if fd < 0 && errno == ENOENT {
            // O_EXCL: never follows a link that appeared since the check.
            fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            created = fd >= 0
            // Another process created it between the two opens: open theirs, checked again.
            if fd < 0 && errno == EEXIST { fd = try openChecked(O_RDWR | O_APPEND) }
        }
        guard fd >= 0 else { throw AnnotationError.io(path: path, operation: "open", errno: errno) }
        defer { close(fd) }   // also releases the lock

        try lock(fd, LOCK_EX)
        // (Opened read-write only for this one-byte check.) A file that does not end with a line feed holds a torn last line: start ours on
        // a line of its own. Checked under the lock, so no other writer can be mid-line.
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw AnnotationError.io(path: path, operation: "fstat", errno: errno) }
        if st.st_size > 0 {
            var last: UInt8 = 0
            guard pread(fd, &last, 1, off_t(st.st_size - 1)) == 1 else {
                throw AnnotationError.io(path: path, operation: "read", errno: errno)
            }
            if last != 0x0A { line.insert(0x0A, at: 0) }
        }
        try writeAll(fd, line)
        try sync(fd)
        if created { syncFolder() }
    }

    // MARK: Opening

    /// Opens the file with `flags` (plus close-on-exec) only when it is safe to: a
    /// symbolic link is followed only when its target lies inside the folder holding the
    /// file (the case folder), and only a regular file is opened, never a FIFO, device or
    /// folder. The open itself is non-blocking (a FIFO swapped in after the check cannot
    /// hang it) and the descriptor is checked again with `fstat` before use.
    /// - Returns: the descriptor, or -1 with `errno` set when `open` fails (ENOENT when
    ///   the file is missing).
    /// - Throws: `AnnotationError.linkOutsideCase`, `.notRegularFile`.
    private func openChecked(_ flags: Int32) throws -> Int32 {
        var st = stat()
        if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK {
            guard let target = Self.realPath(path) else { throw AnnotationError.linkOutsideCase(path: path, target: nil) }
            guard let root = Self.realPath(folder), target.hasPrefix(root == "/" ? "/" : root + "/") else {
                throw AnnotationError.linkOutsideCase(path: path, target: target)
            }
        }
        if stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG {
            throw AnnotationError.notRegularFile(path: path)
        }
        let fd = open(path, flags | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let saved = errno
            if saved == EISDIR || saved == ENXIO { throw AnnotationError.notRegularFile(path: path) }
            errno = saved
            return fd
        }
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw AnnotationError.notRegularFile(path: path)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// The folder holding the file: a symbolic link must point inside it.
    private var folder: String {
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return parent.isEmpty ? (path.hasPrefix("/") ? "/" : ".") : parent
    }

    /// `realpath(3)` of `path`, or nil when some component does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    private func lock(_ fd: Int32, _ operation: Int32) throws {
        while flock(fd, operation) != 0 {
            if errno != EINTR { throw AnnotationError.io(path: path, operation: "flock", errno: errno) }
        }
    }

    // One write call normally; the loop only matters if the kernel writes less (e.g. a
    // signal), and then the rest follows still under the lock.
    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AnnotationError.io(path: path, operation: "write", errno: errno)
            }
            done += n
        }
    }

    private func sync(_ fd: Int32) throws {
        #if canImport(Darwin)
        // fsync on macOS does not flush the drive's cache; F_FULLFSYNC does.
        if fcntl(fd, F_FULLFSYNC) == 0 { return }
        #endif
        guard fsync(fd) == 0 else { throw AnnotationError.io(path: path, operation: "fsync", errno: errno) }
    }

    // A new file's directory entry must reach the disk too, or a power cut could lose
    // the whole file. Best effort: some file systems refuse fsync on a directory.
    private func syncFolder() {
        let fd = open(folder, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    // MARK: Reading

    /// Reads every record. A missing file is an empty log.
    /// - Throws: `AnnotationError.notRegularFile` or `.linkOutsideCase` (see
    ///   `openChecked`), `AnnotationError.io` when the file exists but cannot be read;
    ///   lines that do not parse are warnings in the log, never errors.
    public func read() throws -> AnnotationLog {
        let fd = try openChecked(O_RDONLY)
        if fd < 0 {
            if errno == ENOENT { return AnnotationLog() }
            throw AnnotationError.io(path: path, operation: "open", errno: errno)
        }
        defer { close(fd) }
        try lock(fd, LOCK_SH)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AnnotationError.io(path: path, operation: "read", errno: errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return Self.parse(bytes)
    }

    /// Parses the bytes of an annotation file: one record per line (LF or CRLF), blank
    /// lines ignored, every other line that is not a record skipped with a warning
    /// naming its line and byte offset.
    public static func parse(_ bytes: [UInt8]) -> AnnotationLog {
        var log = AnnotationLog()
        var start = 0, line = 1
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.count
            var content = bytes[start..<end]
            if content.last == 0x0D { content = content.dropLast() }
            let blank = content.allSatisfy { $0 == 0x20 || $0 == 0x09 }
            if !blank {
                do {
                    log.records.append(StoredAnnotation(annotation: try AnnotationJSON.parse(content),
                                                        line: line, offset: start))
                } catch {
                    // A complete record without its line feed is kept above; only a last
                    // line that also fails to parse is the mark of an interrupted write.
                    let what = newline == nil
                        ? "torn last line (no line end; an interrupted write?), \(content.count) bytes skipped: \(error)"
                        : "not an annotation record, line skipped: \(error)"
                    log.warnings.append(CaseIssue(path: fileName, line: line, offset: start, message: what))
                }
            }
            start = end + 1
            line += 1
        }
        return log
    }
}

// `AnnotationStore.read()` hides the C function inside the type.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
