import Testing
import Foundation
import CNcursesw
import ExhibitUI
@testable import ExhibitTerminal

/// Parts of the backend that need no terminal: key decoding and the
/// cross-thread mailbox. (The rest is covered by Tests/e2e/tui-demo.sh.)
@Suite struct TerminalTests {
    @Test func decodesCharacters() {
        #expect(Terminal.characterKey(UInt32(Character("j").asciiValue!)) == .character("j"))
        #expect(Terminal.characterKey(0x4E2D) == .character("中"))
        #expect(Terminal.characterKey(6) == .control("f"))
        #expect(Terminal.characterKey(2) == .control("b"))
        #expect(Terminal.characterKey(9) == .tab)
        #expect(Terminal.characterKey(13) == .enter)
        #expect(Terminal.characterKey(27) == .escape)
        #expect(Terminal.characterKey(127) == .backspace)
        #expect(Terminal.characterKey(0) == nil)
        #expect(Terminal.characterKey(0xD800) == nil) // not a scalar
    }

    /// `ESC [31m` typed into a note: `3`, `1` go on, `m` ends the sequence, so it is
    /// read as one unknown key, never Esc followed by `[31m` as commands.
    @Test func csiSequencesAreReadToTheirFinalByte() {
        let steps = "31m".unicodeScalars.map { Terminal.csiStep($0.value) }
        #expect(steps == [.more, .more, .final])
        #expect(Terminal.csiStep(0x3B) == .more)      // ;
        #expect(Terminal.csiStep(0x20) == .more)      // intermediate byte
        #expect(Terminal.csiStep(0x7E) == .final)     // ~
        #expect(Terminal.csiStep(0x40) == .final)     // @
        #expect(Terminal.csiStep(0x1B) == .notPart)   // ESC
        #expect(Terminal.csiStep(0x0D) == .notPart)   // Enter
        #expect(Terminal.csiStep(0x4E2D) == .notPart) // 中
    }

    @Test func decodesFunctionKeys() {
        #expect(Terminal.functionKey(KEY_NPAGE) == .pageDown)
        #expect(Terminal.functionKey(KEY_PPAGE) == .pageUp)
        #expect(Terminal.functionKey(KEY_HOME) == .home)
        #expect(Terminal.functionKey(KEY_END) == .end)
        #expect(Terminal.functionKey(KEY_BTAB) == .backTab)
        #expect(Terminal.functionKey(KEY_F0 + 1) == .function(1))
        #expect(Terminal.functionKey(KEY_UP) == .up)
        #expect(Terminal.functionKey(KEY_SF) == nil)
    }

    @Test func decodesSGRMouseBeyondColumn223() {
        // Left press at column 300, row 5 (1-based in the report).
        #expect(Terminal.sgrMouse("0;300;5", release: false) == MouseEvent(kind: .press(button: 1), row: 4, col: 299))
        #expect(Terminal.sgrMouse("0;300;5", release: true) == MouseEvent(kind: .release(button: 1), row: 4, col: 299))
        #expect(Terminal.sgrMouse("65;250;60", release: false) == MouseEvent(kind: .wheelDown, row: 59, col: 249))
        #expect(Terminal.sgrMouse("64;1;1", release: false) == MouseEvent(kind: .wheelUp, row: 0, col: 0))
        #expect(Terminal.sgrMouse("18;10;2", release: false) == MouseEvent(kind: .press(button: 3), row: 1, col: 9)) // ctrl+right
        #expect(Terminal.sgrMouse("32;10;2", release: false) == nil)   // motion
        #expect(Terminal.sgrMouse("0;0;2", release: false) == nil)
        #expect(Terminal.sgrMouse("0;;2", release: false) == nil)
    }

    @Test func lineFeedIsControlJ() {
        #expect(Terminal.characterKey(10) == .control("j"))
    }

    @Test func decodesMouse() {
        var ev = MEVENT()
        ev.x = 10
        ev.y = 5
        ev.bstate = SHIM_BUTTON5_PRESSED
        #expect(Terminal.mouse(ev) == MouseEvent(kind: .wheelDown, row: 5, col: 10))
        ev.bstate = SHIM_BUTTON4_PRESSED
        #expect(Terminal.mouse(ev)?.kind == .wheelUp)
        ev.bstate = SHIM_BUTTON1_PRESSED
        #expect(Terminal.mouse(ev)?.kind == .press(button: 1))
        ev.bstate = 0
        #expect(Terminal.mouse(ev) == nil)
    }

    @Test func mailboxCarriesMessagesFromOtherThreadsAndWakes() async throws {
        let pipe = try WakePipe()
        defer { pipe.close() }
        let mailbox = Mailbox<Int>(waker: Waker(pipe: pipe))
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<4 {
                group.addTask {
                    for i in 0..<250 { mailbox.post(t * 1000 + i) }
                }
            }
        }
        let messages = mailbox.drain()
        #expect(messages.count == 1000)
        // Each poster's messages stay in order.
        for t in 0..<4 {
            let mine = messages.filter { $0 / 1000 == t }
            #expect(mine == mine.sorted())
        }
        #expect(!pipe.drain().isEmpty) // at least one wake-up byte
        #expect(pipe.drain().isEmpty)
        #expect(mailbox.drain().isEmpty)
    }

    @Test func wakerAfterCloseIsHarmless() throws {
        let pipe = try WakePipe()
        pipe.close()
        Waker(pipe: pipe).wake() // must neither crash nor write to a reused fd
        pipe.close()
    }

    @Test func fullPipeDoesNotBlock() throws {
        let pipe = try WakePipe()
        defer { pipe.close() }
        for _ in 0..<200_000 { pipe.poke() } // far more than a pipe buffer
        #expect(pipe.drain().count > 0)
    }
}
