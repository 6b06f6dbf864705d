import Foundation
import Testing
@testable import ExhibitCore

/// Bytes → text: encodings, U+FFFD per maximal subpart, binary detection, offset maps.
@Suite struct CaseLoaderDecodingTests {
    @Test func plainUTF8IsKeptAsIs() throws {
        let decoded = try TextDecoding.decode(Array("héllo\r\nworld\rend".utf8))
        #expect(decoded.text == "héllo\r\nworld\rend")
        #expect(decoded.encoding == .utf8)
        #expect(decoded.bomLength == 0)
        #expect(decoded.replaced.isEmpty)
    }

    @Test func utf8ByteOrderMarkIsDropped() throws {
        let decoded = try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("abc".utf8))
        #expect(decoded.text == "abc")
        #expect(decoded.bomLength == 3)
        #expect(decoded.fileOffset(ofUTF8Offset: 0) == 3)
        #expect(decoded.fileOffset(ofUTF8Offset: 2) == 5)
    }

    @Test(arguments: [false, true]) func utf16WithByteOrderMark(bigEndian: Bool) throws {
        let text = "Aé😀\r\nZ"
        let decoded = try TextDecoding.decode(utf16Bytes(text, bigEndian: bigEndian))
        #expect(decoded.text == text)
        #expect(decoded.encoding == (bigEndian ? .utf16BigEndian : .utf16LittleEndian))
        #expect(decoded.bomLength == 2)
        // UTF-8 offsets → file offsets: A(1 byte→2) é(2→2) 😀(4→4) CR LF Z.
        #expect(decoded.fileOffset(ofUTF8Offset: 0) == 2)
        #expect(decoded.fileOffset(ofUTF8Offset: 1) == 4)
        #expect(decoded.fileOffset(ofUTF8Offset: 3) == 6)
        #expect(decoded.fileOffset(ofUTF8Offset: 7) == 10)
        #expect(decoded.fileOffset(ofUTF8Offset: 9) == 14)
    }

    @Test func utf16LoneSurrogateBecomesOneReplacement() throws {
        // BOM, "A", lone high surrogate D800, "B"; then an odd trailing byte.
        let bytes: [UInt8] = [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00] + Array(repeating: [0x61, 0x00], count: 300).flatMap { $0 } + [0x61]
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.text.hasPrefix("A\u{FFFD}Baaa"))
        #expect(decoded.text.hasSuffix("a\u{FFFD}"))
        #expect(decoded.replaced.map(\.bytes) == [4..<6, (bytes.count - 1)..<bytes.count])
        #expect(decoded.replaced[0].utf8Offset == 1)
    }

    /// The Unicode Standard's practice (ch. 3, "U+FFFD Substitution of Maximal Subparts").
    @Test(arguments: [
        ([0xF0, 0x9F, 0x98] as [UInt8], 1),   // truncated 4-byte sequence: one subpart
        ([0xC0, 0xAF], 2),                    // C0 never begins a sequence; AF alone
        ([0xED, 0xA0, 0x80], 3),              // encoded surrogate: ED then A0 out of range
        ([0xE0, 0x80], 2),                    // overlong: 80 is below E0's A0 minimum
        ([0xF4, 0x90, 0x80, 0x80], 4),        // beyond U+10FFFF
        ([0xE2, 0x82], 1),                    // truncated euro sign
        ([0xFF], 1),
        ([0x80, 0x80], 2),                    // stray continuation bytes
    ])
    func maximalSubparts(bad: [UInt8], expected: Int) throws {
        let bytes = Array("x".utf8) + bad + Array("y".utf8) + Array(repeating: UInt8(ascii: "z"), count: 500)
        // Declared UTF-8: some of these bytes alone would otherwise read as Windows-1252.
        let decoded = try TextDecoding.decode(bytes, declared: .utf8)
        #expect(fffdCount(decoded.text) == expected)
        #expect(decoded.replaced.count == expected)
        // Same count as the standard library, which follows the same practice.
        #expect(fffdCount(String(decoding: bytes, as: UTF8.self)) == expected)
        #expect(decoded.replaced.first?.bytes.lowerBound == 1)
        #expect(decoded.replaced.last?.bytes.upperBound == 1 + bad.count)
        #expect(decoded.text.hasPrefix("x") && decoded.text.dropFirst(expected + 1).hasPrefix("yz"))
    }

    @Test func replacementOffsetsAndSummary() throws {
        // "ab" F0 9F 98 "cd" C0 AF "e" + padding so the file is not binary.
        let bytes: [UInt8] = [0x61, 0x62, 0xF0, 0x9F, 0x98, 0x63, 0x64, 0xC0, 0xAF, 0x65] + Array(repeating: 0x66, count: 1000)
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.replaced.map(\.bytes) == [2..<5, 7..<8, 8..<9])
        #expect(decoded.text.hasPrefix("ab\u{FFFD}cd\u{FFFD}\u{FFFD}ef"))
        #expect(decoded.replacementSummary(decoded.replaced)
            == "invalid UTF-8: 3 sequences at byte offsets 2–4, 7 and 8 replaced by U+FFFD")
        // Offsets after the replacements map back to the file: "e" is UTF-8 offset 13, file byte 9.
        #expect(decoded.fileOffset(ofUTF8Offset: 13) == 9)
        #expect(decoded.fileOffset(ofUTF8Offset: 5) == 5)   // "c"
        #expect(decoded.fileOffset(ofUTF8Offset: 3) == 3)   // inside the first U+FFFD: inside its subpart
    }

    @Test func pngBytesAreBinary() {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        for i in 0..<2000 { png.append(UInt8((i * 37 + 11) % 256)) }
        #expect(throws: BinaryContentError.self) { try TextDecoding.decode(png) }
    }

    @Test func manyNULsAreBinary() throws {
        var bytes = Array(String(repeating: "text ", count: 200).utf8)  // 1000 bytes
        for i in 0..<101 { bytes[i * 9] = 0 }                             // 10.1 %
        #expect(throws: BinaryContentError(reason: .nulBytes(count: 101, window: 1000), encoding: .utf8)) {
            try TextDecoding.decode(bytes)
        }
        bytes[0] = UInt8(ascii: "t")                                      // exactly 10 %: text
        #expect(try TextDecoding.decode(bytes).text.unicodeScalars.filter { $0 == "\u{0}" }.count == 100)
    }

    @Test func rareNULIsKept() throws {
        var bytes = Array(String(repeating: "text ", count: 200).utf8)  // 1000 bytes
        for i in 0..<10 { bytes[i * 100 + 3] = 0 }                       // exactly 1 %: not more
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.text.unicodeScalars.filter { $0 == "\u{0}" }.count == 10)
        #expect(decoded.text.unicodeScalars.count == 1000)
    }

    @Test func oneNULInAShortFileIsText() throws {
        // The 10 % rule applies to the bytes there are: 1 NUL in 17 bytes is 5.9 %.
        #expect(try TextDecoding.decode(Array("héllo world end\u{0}".utf8)).text == "héllo world end\u{0}")
        // 2 NULs in 17 bytes is 11.8 %.
        #expect(throws: BinaryContentError.self) { try TextDecoding.decode(Array("héllo world e\u{0}\u{0}".utf8)) }
    }

    @Test func binaryLooksOnlyAtTheFirst64KiB() throws {
        // NULs after the window do not count.
        let bytes = Array(repeating: UInt8(ascii: "a"), count: 70_000) + Array(repeating: 0, count: 5_000)
        let decoded = try TextDecoding.decode(bytes)
        #expect(decoded.text.unicodeScalars.count == 75_000)
    }

    @Test func byteOffsetMapSegments() {
        var map = ByteOffsetMap(shift: 3)
        map.addSegment(source: 10, target: 13)   // a 1-byte subpart at 13 became 3 bytes
        map.addSegment(source: 13, target: 14)
        #expect(map.map(0) == 3)
        #expect(map.map(9) == 12)
        #expect(map.map(10) == 13)
        #expect(map.map(12) == 13)   // clamped inside the replaced byte
        #expect(map.map(13) == 14)
        #expect(map.map(20) == 21)
    }

    @Test func sha256OfKnownStrings() {
        // Checked by hand: printf 'Exhibit\n' | sha256sum ; printf 'abc' | sha256sum
        #expect(FileHashing.sha256Hex(Array("Exhibit\n".utf8))
            == "95c5b5270cdf48459178b5b77b7118783ea152e176f1d4813a685375936d8baf")
        #expect(FileHashing.sha256Hex(utf8: "abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(FileHashing.sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
