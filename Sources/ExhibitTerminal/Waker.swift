import Synchronization
internal import CTermGuard
#if canImport(Glibc)
internal import Glibc
#endif

/// The read and write ends of a non-blocking pipe that another thread uses
/// to wake the UI loop out of `poll()`.
final class WakePipe: Sendable {
    let readFD: Int32
    let writeFD: Int32
    /// Guards the write end against being written after it was closed (and
    /// its number reused by an unrelated file).
    private let closed = Mutex(false)

    init() throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard termguard_pipe(&fds) == 0 else {
            throw TerminalError.system("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        readFD = fds[0]
        writeFD = fds[1]
    }

    /// Writes one byte. A full pipe already means "wake-up pending", so
    /// EAGAIN is fine; never blocks.
    func poke(_ byte: UInt8 = 1) {
        closed.withLock { isClosed in
            guard !isClosed else { return }
            var b = byte
            _ = write(writeFD, &b, 1)
        }
    }

    /// Reads and discards everything pending; returns the bytes read.
    func drain() -> [UInt8] {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(readFD, $0.baseAddress, $0.count) }
            if n > 0 { out.append(contentsOf: buffer[0..<n]); continue }
            if n < 0 && errno == EINTR { continue }
            return out
        }
    }

    func close() {
        closed.withLock { isClosed in
            guard !isClosed else { return }
            isClosed = true
            _ = Glibc.close(readFD)
            _ = Glibc.close(writeFD)
        }
    }
}

/// Wakes the terminal's run loop from any thread. Cheap, never blocks, and
/// harmless after the terminal has shut down.
public struct Waker: Sendable {
    let pipe: WakePipe

    /// Makes the run loop return from `poll()` and drain its mailbox.
    public func wake() {
        pipe.poke()
    }
}

/// A thread-safe queue of messages for the UI loop: any thread posts, the
/// loop drains it after each wake-up and handles all messages before
/// rendering once (so a flood of engine results costs one frame).
public final class Mailbox<Message: Sendable>: Sendable {
    private let queue = Mutex<[Message]>([])
    private let waker: Waker

    init(waker: Waker) {
        self.waker = waker
    }

    /// Queues `message` and wakes the loop.
    public func post(_ message: Message) {
        queue.withLock { $0.append(message) }
        waker.wake()
    }

    /// Takes every queued message, oldest first.
    func drain() -> [Message] {
        queue.withLock { q in
            let all = q
            q.removeAll(keepingCapacity: true)
            return all
        }
    }
}
