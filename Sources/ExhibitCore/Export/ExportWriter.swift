import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an export atomically: the text goes to a temporary file in the destination's
/// folder (same file system), is flushed to disk, then takes the destination's name in
/// one step, so a reader never sees half a file and a crash leaves the old file or
/// none. An existing file is never replaced unless `overwrite` is set: without it the
/// temporary file is hard-linked to the name, which fails if the name exists, so two
/// writers racing for one name cannot overwrite each other either.
public enum ExportWriter {
    /// Writes `text` (UTF-8) to `path`, creating missing folders.
    /// - Parameter overwrite: replace an existing file (the UI asks first).
    /// - Returns: the path written (as given).
    /// - Throws: `ExportError.fileExists` when `path` exists and `overwrite` is false;
    ///   `ExportError.writeFailed` with the system's reason otherwise.
    @discardableResult
    public static func write(_ text: String, to path: String, overwrite: Bool) throws -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ExportError.writeFailed(path: path, message: "cannot create \(folder): \(error.localizedDescription)")
        }
        if !overwrite && FileManager.default.fileExists(atPath: path) { throw ExportError.fileExists(path) }

        let temp = try writeTemporary(Data(text.utf8), in: folder, name: url.lastPathComponent, for: path)
        defer { unlink(temp) }  // after link or rename it is gone or a second name; either way drop it
        if overwrite {
            guard rename(temp, path) == 0 else { throw failure(path) }
        } else if link(temp, path) != 0 {
            let code = errno
            if code == EEXIST { throw ExportError.fileExists(path) }
            // File systems without hard links: check, then rename (a narrow race remains).
            guard code == EPERM || code == ENOTSUP || code == EOPNOTSUPP || code == EXDEV else { throw failure(path, code) }
            if FileManager.default.fileExists(atPath: path) { throw ExportError.fileExists(path) }
            guard rename(temp, path) == 0 else { throw failure(path) }
        }
        syncFolder(folder)
        return path
    }

    /// Creates `.<name>.<random>.tmp` in `folder` exclusively, writes and fsyncs `data`.
    private static func writeTemporary(_ data: Data, in folder: String, name: String, for path: String) throws -> String {
        for _ in 0..<8 {
            let temp = folder + "/." + name + "." + String(UInt64.random(in: 0...UInt64.max), radix: 36) + ".tmp"
            let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 {
                if errno == EEXIST { continue }
                throw failure(path)
            }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            do {
                try handle.write(contentsOf: data)
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

    /// Makes the new name durable; best effort.
    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    private static func failure(_ path: String, _ code: Int32 = errno) -> ExportError {
        .writeFailed(path: path, message: String(cString: strerror(code)))
    }
}
