import ExhibitCore

/// Puts typed characters back together from the bytes ncurses hands over one at a
/// time (`wgetch`), across reads.
///
/// ncurses' own `wget_wch` drops a UTF-8 sequence whose bytes come in two reads
/// further apart than its wait (a slow link, a busy machine), and with it the
/// character read next; here the bytes of an unfinished character wait for the
/// next read. Well-formedness is the case loader's rule
/// (`TextDecoding.utf8Sequence(lead:)`, Unicode table 3-7): a byte that cannot go on
/// the sequence ends it unfinished (nothing comes of it) and is then read as the
/// start of the next one.
struct UTF8Assembler {
    private var pending: [UInt8] = []
    /// Continuation bytes the pending sequence still needs, and the first one's range.
    private var needed = 0
    private var first: ClosedRange<UInt8> = 0x80...0xBF

    /// Takes one byte. Returns the character's scalar when `byte` completes one
    /// (an ASCII byte completes itself); nil while a sequence is unfinished, and
    /// for a byte that cannot start one (a stray continuation byte, 0xC0, 0xC1,
    /// 0xF5–0xFF: dropped).
    mutating func take(_ byte: UInt8) -> Unicode.Scalar? {
        if needed > 0 {
            if (pending.count == 1 ? first : 0x80...0xBF).contains(byte) {
                pending.append(byte)
                needed -= 1
                guard needed == 0 else { return nil }
                defer { pending = [] }
                var scalar: Unicode.Scalar?
                _ = transcode(pending.makeIterator(), from: UTF8.self, to: UTF32.self,
                              stoppingOnError: true) { scalar = Unicode.Scalar($0) }
                return scalar
            }
            reset()
        }
        guard let (count, range) = TextDecoding.utf8Sequence(lead: byte) else { return nil }
        if count == 0 { return Unicode.Scalar(byte) }
        pending = [byte]
        needed = count
        first = range
        return nil
    }

    /// Forgets an unfinished character (a key code came between its bytes).
    mutating func reset() {
        pending = []
        needed = 0
    }
}
