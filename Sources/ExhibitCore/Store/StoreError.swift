/// Why a results store could not be read or written.
public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A record or table holds something no store of this schema writes.
    case malformed(String)
    /// The store file could not be replaced (a link, a folder, a device…) or written.
    case writeFailed(path: String, message: String)

    public var description: String {
        switch self {
        case .malformed(let why): "malformed results store: \(why)"
        case .writeFailed(let path, let message): "\(path): \(message)"
        }
    }
}
