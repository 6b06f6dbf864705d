/// Where `exhibit serve` listens: `HOST:PORT` (`127.0.0.1:8080`, `[::1]:8080`,
/// `localhost:8080`); port 0 lets the system choose one.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// Why a `--listen` value is refused.
    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    /// - Throws: `Invalid` when `text` is not `HOST:PORT` with a port in 0–65535.
    public init(_ text: String) throws {
        let host: Substring, port: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw Invalid(description: "--listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080, got '\(text)'")
            }
            host = text[text.index(after: text.startIndex)..<close]
            port = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else {
                throw Invalid(description: "--listen must be HOST:PORT, e.g. 127.0.0.1:8080, got '\(text)'")
            }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let p = Int(port), (0...65535).contains(p) else {
            throw Invalid(description: "--listen must be HOST:PORT with a port from 0 to 65535, got '\(text)'")
        }
        self.host = String(host)
        self.port = p
    }

    /// True for the loopback interface only (127.0.0.0/8, ::1, localhost): nobody on
    /// another machine can connect, so plain HTTP exposes nothing.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
