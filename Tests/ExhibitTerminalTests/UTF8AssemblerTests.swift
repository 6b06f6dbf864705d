import Testing
@testable import ExhibitTerminal

/// Typed characters put back together from single bytes, across reads.
@Suite struct UTF8AssemblerTests {
    private func assemble(_ bytes: [UInt8]) -> String {
        var assembler = UTF8Assembler()
        var text = String.UnicodeScalarView()
        for byte in bytes {
            if let scalar = assembler.take(byte) { text.append(scalar) }
        }
        return String(text)
    }

    /// x, 中 (E4 B8 AD), y, é (C3 A9), 😀 (F0 9F 98 80): each multi-byte character
    /// comes out at its last byte, whole.
    @Test func charactersComeOutWhole() {
        var assembler = UTF8Assembler()
        #expect(assembler.take(0x78) == "x")
        #expect(assembler.take(0xE4) == nil)
        #expect(assembler.take(0xB8) == nil)
        #expect(assembler.take(0xAD) == "中")
        #expect(assemble(Array("yé😀".utf8)) == "yé😀")
    }

    /// A sequence cut by a byte that cannot go on it yields nothing, and that byte
    /// starts the next character: E4 B8 then `y` gives `y`, not nothing.
    @Test func anUnfinishedCharacterIsDroppedAndTheNextByteKept() {
        #expect(assemble([0x78, 0xE4, 0xB8, 0x79]) == "xy")
        #expect(assemble([0xE4, 0xC3, 0xA9]) == "é")
    }

    /// Bytes that start nothing (a stray continuation byte, C0, C1, F5–FF) are
    /// dropped, and so are overlong forms, surrogates and scalars above U+10FFFF.
    @Test func illFormedBytesAreDropped() {
        #expect(assemble([0x80, 0xBF, 0xC0, 0xAF, 0xC1, 0xF5, 0xFF, 0x61]) == "a")
        #expect(assemble([0xE0, 0x80, 0x80, 0x62]) == "b")         // overlong U+0000
        #expect(assemble([0xED, 0xA0, 0x80, 0x63]) == "c")         // surrogate D800
        #expect(assemble([0xF4, 0x90, 0x80, 0x80, 0x64]) == "d")   // above U+10FFFF
        #expect(assemble([0xF4, 0x8F, 0xBF, 0xBF]) == "\u{10FFFF}")
    }

    /// `reset` forgets an unfinished character: a key code between its bytes.
    @Test func resetForgetsTheUnfinishedCharacter() {
        var assembler = UTF8Assembler()
        _ = assembler.take(0xC3)
        assembler.reset()
        #expect(assembler.take(0xA9) == nil)
        #expect(assembler.take(0x7A) == "z")
    }
}
