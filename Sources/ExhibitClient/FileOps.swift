#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// unlink(2), ignoring a missing file.
func unlinkFile(_ path: String) { _ = unlink(path) }

/// rename(2): atomic replacement on one file system.
func renameFile(_ from: String, _ to: String) { _ = rename(from, to) }
