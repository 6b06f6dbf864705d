import ExhibitUI
internal import CNcursesw

// Reading input: keys, mouse reports, resizes and pastes, a byte at a time.
extension Terminal {
    /// Reads every pending key, mouse report, resize and paste (non-blocking).
    ///
    /// Everything is read a byte at a time (`wgetch`): typed characters are put
    /// together by ``UTF8Assembler`` and pastes by ``BracketedPaste``, so a
    /// character whose bytes come in two reads is not lost.
    public func readInput<Message: Sendable>(_ type: Message.Type = Message.self) -> [Event<Message>] {
        var events: [Event<Message>] = []
        guard !isShutDown else { return events }
        var pasteHadInput = false
        while true {
            let code = wgetch(window)
            if code == ERR { break }
            if code == KEY_RESIZE {   // inside a paste too: the screen must follow the window
                events.append(.resize(size))
                continue
            }
            if pasting != nil {
                // Inside a paste every byte is text; keys decoded from it are dropped.
                pasteHadInput = true
                if code == Terminal.pasteEndCode {
                    events.append(.paste(pasting!.finished))
                    pasting = nil
                } else if (0...255).contains(code), let text = pasting!.append(UInt8(code)) {
                    // The end code that came as plain bytes, or the limit: what
                    // follows a paste cut at its limit is the next part of it.
                    events.append(.paste(text))
                    pasting = pasting!.endedByCode ? nil : BracketedPaste(limit: Terminal.pasteLimit)
                }
                continue
            }
            switch code {
            case Terminal.pasteStartCode:
                startPaste()
            case Terminal.pasteEndCode:
                continue   // an end code without a start
            case Terminal.sgrMouseCode:
                if let m = readSGRMouse() { events.append(.mouse(m)) }
            case KEY_MOUSE:
                var ev = MEVENT()
                while getmouse(&ev) == OK {
                    if let m = Terminal.mouse(ev) { events.append(.mouse(m)) }
                }
            case 27:
                utf8.reset()
                switch readEscapeSequence() {
                case .pasteStart: startPaste()
                case .skipped: continue
                case .none:
                    startCodeCut = (ContinuousClock.now, [0x5B] + Terminal.pasteStartRest)
                    events.append(.key(.escape))
                }
            case 0...255:
                guard let scalar = utf8.take(UInt8(code)) else { continue }
                if let cut = startCodeCut, cut.at.duration(to: .now) < Terminal.splitStartCodeWait,
                   scalar.value == UInt32(cut.rest[0]), readWaiting(cut.rest.dropFirst()) {
                    // A paste's start code cut after its ESC (the Esc went out as a key)
                    // or after `ESC [`: the paste is still read as text, never as commands.
                    startPaste()
                } else if let key = Terminal.characterKey(scalar.value) {
                    events.append(.key(key))
                }
                startCodeCut = nil
            default:
                utf8.reset()
                if let key = Terminal.functionKey(code) { events.append(.key(key)) }
            }
        }
        if pasteHadInput { pasteInputAt = ContinuousClock.now }   // once per read, not per byte
        if let paste = pasting, pasteInputAt.duration(to: .now) >= Terminal.pasteIdleLimit {
            // An end code that never comes must not swallow the keyboard for good.
            events.append(.paste(paste.finished))
            pasting = nil
        }
        return events
    }

    private func startPaste() {
        pasting = BracketedPaste(limit: Terminal.pasteLimit)
        pasteInputAt = ContinuousClock.now
        startCodeCut = nil
        utf8.reset()   // a character cut by the paste is not finished by what follows it
    }

    /// What came of an ESC that ncurses did not match to a key.
    private enum EscapeRead { case none, skipped, pasteStart }

    /// After an ESC that ncurses did not match to a key: when the bytes already waiting
    /// go on as a CSI (`ESC [`) or SS3 (`ESC O`) sequence, reads that sequence whole,
    /// so an unknown sequence (`ESC [31m` typed into a note) is ignored as one key
    /// (`.skipped`) instead of being Esc followed by `[31m` as commands. A paste's start
    /// code that ncurses gave up on because its bytes came in two reads is
    /// `.pasteStart`. Otherwise puts the byte back: `.none`, a real Esc (nothing
    /// follows within `ESCDELAY`).
    private func readEscapeSequence() -> EscapeRead {
        let next = wgetch(window)
        if next == ERR { return .none }
        guard next == 0x5B || next == 0x4F else {
            ungetch(next)
            return .none
        }
        if next == 0x4F {   // SS3: one final character
            let final = wgetch(window)
            if final > 255 { ungetch(final) }   // a key code (a resize) is not part of it
            return .skipped
        }
        var parameters: [UInt8] = []
        for _ in 0..<64 {
            var byte = wgetch(window)
            if byte == ERR && parameters.isEmpty {
                // `ESC [` alone (Alt-[, or a start code cut here): skipped at once, and
                // `200~` coming soon after it still starts a paste.
                startCodeCut = (ContinuousClock.now, Terminal.pasteStartRest)
                return .skipped
            }
            if byte == ERR, Terminal.pasteStartRest.starts(with: parameters) {
                // Part of a start code (`ESC [2`, `ESC [20`, …): its other bytes are on their way.
                byte = waitingGetch(Terminal.splitStartCodeWait)
            }
            if byte > 255 { ungetch(byte) }   // a key code (a resize) is read next, not lost
            guard (0...255).contains(byte) else { return .skipped }
            switch Terminal.csiStep(UInt32(byte)) {
            case .more:
                parameters.append(UInt8(byte))
            case .final:
                return parameters + [UInt8(byte)] == Terminal.pasteStartRest ? .pasteStart : .skipped
            case .notPart:
                ungetch(byte)
                return .skipped
            }
        }
        return .skipped
    }

    /// True, with them read, when the bytes already waiting are `expected` (the rest
    /// of a start code cut short, which came with its next byte); otherwise false,
    /// with every byte read put back.
    private func readWaiting(_ expected: ArraySlice<UInt8>) -> Bool {
        var read: [Int32] = []
        for want in expected {
            let byte = wgetch(window)
            if byte == ERR { break }
            read.append(byte)
            if byte != Int32(want) { break }
        }
        if read.elementsEqual(expected.map(Int32.init)) { return true }
        for byte in read.reversed() { ungetch(byte) }   // ungetch puts each in front
        return false
    }

    /// `wgetch` that waits up to `limit` for a byte (the window is otherwise nodelay).
    private func waitingGetch(_ limit: Duration) -> Int32 {
        wtimeout(window, Int32(limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000))
        defer { nodelay(window, true) }
        return wgetch(window)
    }

    /// Reads the rest of an SGR mouse report after `ESC [<`: `b;x;y` then `M`
    /// (press) or `m` (release). The terminal sends it in one write, so it is
    /// in ncurses' buffer already; anything else ends the read (nothing then).
    private func readSGRMouse() -> MouseEvent? {
        var params = ""
        for _ in 0..<32 {
            var ch: wint_t = 0
            guard wget_wch(window, &ch) == OK, let u = Unicode.Scalar(UInt32(ch)) else { return nil }
            if u == "M" || u == "m" { return Terminal.sgrMouse(params, release: u == "m") }
            guard u == ";" || ("0"..."9").contains(u) else { return nil }
            params.unicodeScalars.append(u)
        }
        return nil
    }
}
