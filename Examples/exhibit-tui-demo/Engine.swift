import Foundation
import Synchronization
import ExhibitTerminal

/// A stand-in for the matching engine: a dedicated thread that posts
/// progress every 100 ms through the mailbox (which wakes the UI loop), so
/// the demo shows keys being answered while work goes on.
final class FakeEngine: Sendable {
    private let stopped = Atomic<Bool>(false)

    /// Starts the thread; it posts 1 %…100 % and ends.
    func start(mailbox: Mailbox<DemoMessage>) {
        // A dedicated Thread, not a Task: long engine work must not occupy
        // one of the two cooperative-pool threads.
        let thread = Thread { [self] in
            for percent in 1...100 {
                usleep(100_000)
                if stopped.load(ordering: .relaxed) { return }
                mailbox.post(.progress(percent))
            }
        }
        thread.name = "fake-engine"
        thread.start()
    }

    func stop() {
        stopped.store(true, ordering: .relaxed)
    }
}
