import Crypto
import Foundation

/// SHA-256 digests (FIPS 180-4) of the bytes Exhibit reads, as listed in every report.
public enum FileHashing {
    /// Lower-case hexadecimal SHA-256 of `bytes` (64 characters).
    public static func sha256Hex<D: DataProtocol>(_ bytes: D) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hexadecimal SHA-256 of the UTF-8 encoding of `text` — the hash of a
    /// document's decoded text used by annotations (SPEC §5).
    public static func sha256Hex(utf8 text: String) -> String {
        sha256Hex(Array(text.utf8))
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: SHA256.Digest) -> String {
        var out = [UInt8]()
        out.reserveCapacity(SHA256.byteCount * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
