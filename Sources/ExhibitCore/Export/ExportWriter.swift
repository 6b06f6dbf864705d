import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way Exhibit writes a file (exports, `scan --json`/`--csv` reports): it never
/// replaces what is not a plain file.
///
/// What `path` names decides how it is written:
/// - `-`, or any path that is standard output itself (`/dev/stdout`, `/proc/self/fd/1`,
///   a file that standard output is redirected to): written to standard output;
/// - a character or block device, or a FIFO: opened and written through as a stream
///   (never unlinked, truncated or renamed over; `overwrite` does not apply);
/// - a symbolic link: followed (chains too) and its final target written by these
///   rules, so the link stays a link and a new target file is created in the target's
///   folder;
/// - a folder or a socket: refused;
/// - a plain file or no file: written atomically. The text goes to a temporary file in
///   the destination's folder (same file system), is flushed to disk, then takes the
///   destination's name in one step, so a reader never sees half a file and a crash
///   leaves the old file or none. An existing file is never replaced unless `overwrite`
///   is set (its permission bits are kept when it is); without it the temporary file is
///   hard-linked to the name, which fails if the name exists, so two writers racing for
///   one name cannot overwrite each other either.
public enum ExportWriter {
    /// How `path` will be written; see the type's documentation.
    public enum Destination: Sendable, Hashable {
        /// Standard output (`-` or a path that is standard output).
        case standardOutput
        /// A device or FIFO reached through this path (links are followed by open(2)),
        /// written as a stream.
        case stream(String)
        /// A plain file at this path (the symbolic links followed), existing or not.
        case file(String)
    }

    /// Most symbolic links followed before giving up (Linux's own limit is 40).
    static let maxLinks = 40

    /// Whether `path` is `-` or standard output itself (same device and inode as file
    /// descriptor 1), so that callers keep anything else off standard output.
    public static func isStandardOutput(_ path: String) -> Bool {
        if path == "-" { return true }
        var out = stat()
        var named = stat()
        guard fstat(1, &out) == 0, stat(path, &named) == 0 else { return false }
        return out.st_dev == named.st_dev && out.st_ino == named.st_ino
    }

    /// Where writing `path` goes, with symbolic links followed.
    /// - Throws: `ExportError.writeFailed` for a folder, a socket, a link loop (or more
    ///   than 40 links), or a path whose status cannot be read.
    public static func destination(of path: String) throws -> Destination {
        if isStandardOutput(path) { return .standardOutput }
        // What the path finally is, links followed by the kernel: this also reads
        // /proc/self/fd/N links to pipes and terminals, which name no path.
        var final = stat()
        if stat(path, &final) == 0 {
            switch final.st_mode & S_IFMT {
            case S_IFCHR, S_IFBLK, S_IFIFO: return .stream(path)
            case S_IFDIR: throw ExportError.writeFailed(path: path, message: "is a folder; give a file name")
            case S_IFREG: break
            default: throw ExportError.writeFailed(path: path, message: "is a socket or another special file; not written")
            }
        } else if errno == ELOOP {
            throw ExportError.writeFailed(path: path, message: "too many symbolic links (a loop?)")
        }
        // A plain file or nothing yet: find the name to replace, one link at a time.
        var current = path
        for _ in 0...maxLinks {
            var info = stat()
            if lstat(current, &info) != 0 {
                let code = errno
                if code == ENOENT { return .file(current) }
                throw failure(path, code)
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file(current)
            case S_IFCHR, S_IFBLK, S_IFIFO: return .stream(current)
            case S_IFDIR: throw ExportError.writeFailed(path: path, message: "is a folder; give a file name")
            case S_IFLNK: current = try linkTarget(current, for: path)
            default: throw ExportError.writeFailed(path: path, message: "is a socket or another special file; not written")
            }
        }
        throw ExportError.writeFailed(path: path, message: "too many symbolic links (a loop?)")
    }

    /// Writes `text` (UTF-8) to `path`. The folder of a new file must exist unless
    /// `createFolders`: a user's explicit destination (`-o`, `--json`, `--csv`) never gets
    /// its parent folders made (`ExportError.writeFailed` "folder … does not exist").
    /// - Parameter overwrite: replace an existing plain file (the UI asks first).
    /// - Parameter createFolders: create missing folders of a new file (a report's DIR,
    ///   the folders of an import inside the case).
    /// - Returns: the path written (as given).
    /// - Throws: `ExportError.fileExists` when `path` is an existing plain file (or a
    ///   link to one) and `overwrite` is false; `ExportError.writeFailed` with the
    ///   system's reason otherwise (a folder or socket is refused).
    @discardableResult
    public static func write(_ text: String, to path: String, overwrite: Bool, createFolders: Bool = false) throws -> String {
        try write(Data(text.utf8), to: path, overwrite: overwrite, createFolders: createFolders)
    }

    /// `write(_:to:overwrite:createFolders:)` for bytes already encoded (a scan's JSON
    /// report, written as UTF-8 without a detour through `String`).
    @discardableResult
    public static func write(_ data: Data, to path: String, overwrite: Bool, createFolders: Bool = false) throws -> String {
        try write(to: path, overwrite: overwrite, createFolders: createFolders) { put in
            try data.withUnsafeBytes { try put($0) }
        }
    }

    /// `write(_:to:overwrite:createFolders:)` for bytes made a piece at a time (an XL
    /// scan's JSON report is a gigabyte: it is never held whole): `produce` is called
    /// once, with a function that writes each piece (bytes) it is given, in order. A
    /// plain file is still written atomically: when `produce` throws, the temporary file
    /// is dropped and the old file stays; a stream keeps what was written.
    /// - Throws: as `write(_:to:overwrite:createFolders:)`, or what `produce` throws.
    @discardableResult
    public static func write(to path: String, overwrite: Bool, createFolders: Bool = false,
                             producing produce: (_ put: (UnsafeRawBufferPointer) throws -> Void) throws -> Void)
        throws -> String {
        switch try destination(of: path) {
        case .standardOutput:
            try produce { try writeStream($0, fd: 1, path: path) }
        case .stream(let device):
            // O_NONBLOCK is not used: a FIFO waits for its reader, as any writer would.
            let fd = open(device, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw failure(path) }
            defer { close(fd) }
            try produce { try writeStream($0, fd: fd, path: path) }
        case .file(let target):
            try writeFile(produce, to: target, reportedAs: path, overwrite: overwrite, createFolders: createFolders)
        }
        return path
    }

    // MARK: Plain files

    private static func writeFile(_ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void, to target: String,
                                  reportedAs path: String, overwrite: Bool, createFolders: Bool) throws {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        if createFolders {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ExportError.writeFailed(path: path, message: "cannot create \(folder): \(error.localizedDescription)")
            }
        }
        // Never created: a mistyped path or a link to a missing folder must not make folders.
        var folderInfo = stat()
        guard stat(folder, &folderInfo) == 0, folderInfo.st_mode & S_IFMT == S_IFDIR else {
            throw ExportError.writeFailed(path: path, message: "folder \(folder) does not exist")
        }
        var existing = stat()
        let exists = lstat(target, &existing) == 0
        if !overwrite && exists { throw ExportError.fileExists(path) }

        let temp = try writeTemporary(produce, in: folder, name: url.lastPathComponent, for: path,
                                      mode: exists ? existing.st_mode & 0o7777 : nil)
        defer { unlink(temp) }  // after link or rename it is gone or a second name; either way drop it
        if overwrite {
            // Checked again just before the rename: something other than a plain file may
            // have taken the name meanwhile, and rename(2) would replace it.
            if lstat(target, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG {
                throw ExportError.writeFailed(path: path, message: "is no longer a plain file; not replaced")
            }
            guard rename(temp, target) == 0 else { throw failure(path) }
        } else if link(temp, target) != 0 {
            let code = errno
            if code == EEXIST { throw ExportError.fileExists(path) }
            // File systems without hard links: check, then rename (a narrow race remains).
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EXDEV else { throw failure(path, code) }
            if lstat(target, &existing) == 0 { throw ExportError.fileExists(path) }
            guard rename(temp, target) == 0 else { throw failure(path) }
        }
        syncFolder(folder)
    }

    /// Creates `.<name>.<random>.tmp` in `folder` exclusively, writes the bytes `produce`
    /// gives and fsyncs them. `mode`: permission bits to give it (those of the file it
    /// replaces).
    private static func writeTemporary(_ produce: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void,
                                       in folder: String, name: String, for path: String,
                                       mode: mode_t?) throws -> String {
        for _ in 0..<8 {
            let temp = folder + "/." + name + "." + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".tmp"
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw failure(path)
            }
            if let mode { _ = fchmod(fd, mode) }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            let put: (UnsafeRawBufferPointer) throws -> Void = { raw in
                do {
                    try handle.write(contentsOf: raw)
                } catch {
                    throw ExportError.writeFailed(path: path, message: error.localizedDescription)
                }
            }
            do {
                try produce(put)
            } catch {
                // The old file stays: the temporary one goes, whatever failed.
                try? handle.close()
                unlink(temp)
                throw error
            }
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                unlink(temp)
                throw ExportError.writeFailed(path: path, message: error.localizedDescription)
            }
            return temp
        }
        throw ExportError.writeFailed(path: path, message: "cannot create a temporary file in the folder")
    }

    // MARK: Streams and links

    /// Writes all of `raw` to `fd`, retrying short writes and interruptions.
    private static func writeStream(_ raw: UnsafeRawBufferPointer, fd: Int32, path: String) throws {
        guard var p = raw.baseAddress else { return }
        var left = raw.count
        while left > 0 {
            let n = systemWrite(fd, p, left)
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw failure(path)
            }
            p += n
            left -= n
        }
    }

    /// write(2), named apart from `write(_:to:overwrite:)`.
    private static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, p, count)
        #else
        Darwin.write(fd, p, count)
        #endif
    }

    /// The path a symbolic link points to, made absolute against the link's folder.
    private static func linkTarget(_ link: String, for path: String) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(link, &buffer, buffer.count - 1)
        guard n >= 0 else { throw failure(path) }
        let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") { return target }
        return URL(fileURLWithPath: link).deletingLastPathComponent().path + "/" + target
    }

    /// Makes the new name durable; best effort.
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    private static func failure(_ path: String, _ code: Int32 = errno) -> ExportError {
        .writeFailed(path: path, message: String(cString: strerror(code)))
    }
}
