import Dispatch
import ExhibitApp
import ExhibitClient
import ExhibitCore
import Foundation
import Synchronization

/// The review screen's link to a review server: polls the server's store every second
/// (so a colleague's change shows within about a second, under the 2 s of SPEC §11) and
/// posts `annotationsChanged` when records or the connection changed; saves review
/// statuses off the UI thread.
final class ServerFollower: Sendable {
    /// Seconds between polls.
    static let interval = 1.0
    private let stopped = Atomic(false)

    /// The server store of the case at `casePath`, its unsent records kept in
    /// `annotations.unsent.jsonl` in the case folder.
    static func store(casePath: String, server: String, tokenFile: String) throws -> ServerAnnotationStore {
        let kase = try CaseLoader.load(path: casePath)
        let client = ReviewClient(server: server, caseID: kase.reviewID, token: try ReviewClient.token(fromFile: tokenFile))
        return ServerAnnotationStore(client: client, queuePath: kase.root + "/annotations.unsent.jsonl")
    }

    init(store: ServerAnnotationStore, post: @escaping @Sendable (AppMessage) -> Void) {
        let thread = Thread { [self] in
            var last = store.connection
            while !self.stopped.load(ordering: .relaxed) {
                let changed = store.poll()
                let c = store.connection
                // The connection may have changed in an append (the UI's own write), not only here.
                if changed || c != last {
                    var text: String?
                    if !c.online {
                        text = "offline: the review server does not answer; \(c.unsent) change(s) kept here until it is back"
                    } else if !last.online {
                        text = "back online: the review server has your changes"
                    } else if let refused = c.refused, refused != last.refused {
                        text = "the server refused a change made offline: \(refused)"
                    }
                    last = c
                    post(.annotationsChanged(notice: text, error: !c.online || c.refused != nil))
                }
                Thread.sleep(forTimeInterval: Self.interval)
            }
        }
        thread.start()
    }

    func stop() { stopped.store(true, ordering: .relaxed) }

    /// Saves `change` in `store` (nil: the case's annotations.jsonl) off the UI thread,
    /// then posts what became of it.
    static func save(_ change: ReviewStatusChange, case kase: Case, store: (any AnnotationRecordStore)?,
                     post: @escaping @Sendable (AppMessage) -> Void) {
        DispatchQueue.global().async {
            do {
                try AnnotationEditing.setStatus(kase, source: change.source, range: change.range, status: change.status,
                                                creator: change.creator ?? Annotation.defaultCreator(), store: store)
                // Offline, the store kept it; the follower says so (and when it is sent).
                post(.annotationsChanged(notice: "\(change.label): \(change.status.rawValue)", error: false))
            } catch {
                post(.annotationsChanged(notice: "status not saved: \(error)", error: true))
            }
        }
    }
}
