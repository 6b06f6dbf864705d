import Foundation
import ExhibitCore

/// Bearer tokens of a review server's users. The token is shown once, when the user is
/// added; the database keeps only its SHA-256, so a copy of the database lets nobody in.
public enum AccessToken {
    /// A new token: 32 bytes from the system's cryptographic random source
    /// (`SystemRandomNumberGenerator`: getrandom(2) on Linux), as 64 lower-case hex digits.
    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<64).map { _ in digits[Int.random(in: 0..<16, using: &rng)] })
    }

    /// Lower-case hex SHA-256 (FIPS 180-4) of the token's UTF-8 bytes: what the database stores.
    public static func digest(_ token: String) -> String {
        FileHashing.sha256Hex(utf8: token)
    }

    /// The token of an `Authorization: Bearer TOKEN` header value (RFC 6750), or nil.
    public static func bearer(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
