/// An error or warning found while loading a case (SPEC §1, §8).
///
/// `line` is the 1-based physical line (JSONL records, TOML, boilerplate lines);
/// `offset` counts bytes from the start of the file. Both are nil when they do not
/// apply (e.g. a missing folder).
public struct CaseIssue: Sendable, Hashable, CustomStringConvertible {
    /// Case-relative path, e.g. `outputs/runs.jsonl`.
    public var path: String
    public var line: Int?
    public var offset: Int?
    public var message: String

    public init(path: String, line: Int? = nil, offset: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.offset = offset
        self.message = message
    }

    /// `path:line: (byte offset N) message`, the form printed on stderr.
    public var description: String {
        var s = path
        if let line { s += ":\(line)" }
        if let offset { s += " (byte \(offset))" }
        return s + ": " + message
    }
}

/// A file of the case with the SHA-256 of its bytes, as listed in every report.
public struct CaseFile: Sendable, Hashable {
    /// Case-relative path.
    public var path: String
    /// Lower-case hex SHA-256 of the file's bytes (FIPS 180-4).
    public var sha256: String
    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}
