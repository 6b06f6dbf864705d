import Foundation
@testable import ExhibitCore

/// A case folder in a fresh temporary directory, removed when released.
final class TempCase {
    let root: String

    init(works: Bool = true, outputs: Bool = true) throws {
        root = NSTemporaryDirectory() + "exhibit-case-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if works { try FileManager.default.createDirectory(atPath: root + "/works", withIntermediateDirectories: true) }
        if outputs { try FileManager.default.createDirectory(atPath: root + "/outputs", withIntermediateDirectories: true) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: root + "/" + path))
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    func load() throws -> Case { try CaseLoader.load(path: root) }
}

extension Case {
    func work(_ id: String) -> Document? { works.first { $0.id == id } }
    func output(_ id: String) -> Document? { outputs.first { $0.id == id } }
}

/// `bytes` encoded as UTF-16 with a byte-order mark.
func utf16Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    var out: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
        let high = UInt8(unit >> 8)
        let low = UInt8(unit & 0xFF)
        out += bigEndian ? [high, low] : [low, high]
    }
    return out
}

func fffdCount(_ text: String) -> Int {
    text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
}
