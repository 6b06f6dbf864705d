import ExhibitCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// An HTTP client of one case's container on an `exhibit serve` server (SPEC §11),
/// synchronous (each call waits for its answer), safe to share between threads.
public final class ReviewClient: Sendable {
    /// The server's base URL, e.g. `http://127.0.0.1:8080` (no trailing slash).
    public let server: String
    /// The case's review id (`Case.reviewID`).
    public let caseID: String
    let token: String
    let session: URLSession
    /// Seconds before a request is given up.
    let timeout: Double

    /// An answer: status, headers (names lower case) and body bytes.
    public struct Reply: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        public var etag: String? { headers["etag"] }
        /// The JSON body as a dictionary, or nil.
        public var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] }
    }

    /// Why a request got no answer (the server is down or unreachable) or a refusal.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// No HTTP answer: connection refused, timed out, reset.
        case unreachable(String)
        /// An answer other than the ones the call expects.
        case refused(status: Int, message: String)
        /// An answer that is not what the protocol promises.
        case malformed(String)
        /// The local token file is missing, unreadable or empty (no request was sent).
        case tokenFile(String)

        public var description: String {
            switch self {
            case .unreachable(let m): return "server unreachable: \(m)"
            case .refused(let status, let m): return "server answered \(status): \(m)"
            case .malformed(let m): return "unexpected answer from the server: \(m)"
            case .tokenFile(let m): return m
            }
        }
    }

    /// - Parameters:
    ///   - server: base URL (`http://HOST:PORT` or `https://…`).
    ///   - token: the user's bearer token.
    public init(server: String, caseID: String, token: String, timeout: Double = 10) {
        var s = server
        while s.hasSuffix("/") { s.removeLast() }
        self.server = s
        self.caseID = caseID
        self.token = token
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpMaximumConnectionsPerHost = 4
        session = URLSession(configuration: configuration)
    }

    /// Reads a token file: its first non-empty line, trimmed.
    /// - Throws: `Failure.tokenFile` when the file cannot be read or holds no token.
    public static func token(fromFile path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Failure.tokenFile("cannot read the token file \(path)")
        }
        guard let line = text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) })
            .first(where: { !$0.isEmpty }) else {
            throw Failure.tokenFile("the token file \(path) is empty")
        }
        return line
    }

    /// The container's path: `/cases/{case}/annotations/`.
    public var containerPath: String { "/cases/" + Self.encode(caseID) + "/annotations/" }

    /// The path of annotation `id` (`urn:uuid:…`).
    public func path(of id: String) -> String {
        containerPath + String(id.dropFirst("urn:uuid:".count))
    }

    // MARK: Calls

    /// Sends one request and waits for the answer.
    /// - Throws: `Failure.unreachable` when there is none.
    public func send(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil) throws -> Reply {
        guard let url = URL(string: server + path) else { throw Failure.malformed("bad URL \(server + path)") }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        request.setValue("application/ld+json", forHTTPHeaderField: "Accept")
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        if let body {
            request.httpBody = Data(body)
            request.setValue("application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"", forHTTPHeaderField: "Content-Type")
        }
        let outcome = Mutex<Result<Reply, Failure>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            let result: Result<Reply, Failure>
            if let http = response as? HTTPURLResponse {
                var h: [String: String] = [:]
                for (k, v) in http.allHeaderFields {
                    if let k = k as? String, let v = v as? String { h[k.lowercased()] = v }
                }
                result = .success(Reply(status: http.statusCode, headers: h, body: Array(data ?? Data())))
            } else {
                result = .failure(.unreachable(error.map { "\($0.localizedDescription)" } ?? "no answer"))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// Creates an annotation from `record` (a record without `supersedes`); the server
    /// keeps its `urn:uuid:` id, so resending it makes no duplicate.
    /// - Returns: the answer (201 created, 200 already there).
    public func create(_ record: Annotation) throws -> Reply {
        try expect([200, 201], send("POST", containerPath, body: Array(AnnotationJSON.line(record).utf8)))
    }

    /// Replaces annotation `annotation` (its first record's id) with `record`'s target and
    /// body, if `ifMatch` (a record id) is still its current record.
    public func update(annotation: String, ifMatch: String, _ record: Annotation) throws -> Reply {
        try send("PUT", path(of: annotation), headers: ["If-Match": "\"\(ifMatch)\""], body: Array(AnnotationJSON.line(record).utf8))
    }

    /// Deletes annotation `annotation` with the deletion record `recordID`.
    public func delete(annotation: String, ifMatch: String?, recordID: String) throws -> Reply {
        var headers = ["Exhibit-Record": recordID]
        if let ifMatch { headers["If-Match"] = "\"\(ifMatch)\"" }
        return try send("DELETE", path(of: annotation), headers: headers)
    }

    /// One event of the case's feed.
    public struct Event: Sendable {
        public var seq: Int64
        public var action: String
        public var annotation: String
        public var author: String
        public var at: String
        public var record: Annotation
    }

    /// The case's events after `seq`, in order (at most `limit`).
    public func events(after seq: Int64, limit: Int = 1000) throws -> [Event] {
        let reply = try expect([200], send("GET", "/cases/" + Self.encode(caseID) + "/events?after=\(seq)&limit=\(limit)"))
        guard let list = reply.object?["events"] as? [[String: Any]] else { throw Failure.malformed("no events list") }
        return try list.map { e in
            guard let seq = (e["seq"] as? NSNumber)?.int64Value, let record = e["record"] as? [String: Any],
                  let data = try? JSONSerialization.data(withJSONObject: record) else {
                throw Failure.malformed("an event without seq or record")
            }
            let a: Annotation
            do { a = try AnnotationJSON.parse(Array(data)) } catch { throw Failure.malformed("event \(seq): \(error)") }
            return Event(seq: seq, action: e["action"] as? String ?? "", annotation: e["annotation"] as? String ?? a.id,
                         author: e["author"] as? String ?? "", at: e["at"] as? String ?? "", record: a)
        }
    }

    /// Every event of the case, fetched in batches.
    public func allEvents() throws -> [Event] {
        var all: [Event] = []
        while true {
            let batch = try events(after: all.last?.seq ?? 0)
            all += batch
            if batch.count < 1000 { return all }
        }
    }

    /// `reply` when its status is one of `statuses`, else `Failure.refused` with the server's message.
    @discardableResult
    public func expect(_ statuses: Set<Int>, _ reply: Reply) throws -> Reply {
        guard statuses.contains(reply.status) else {
            throw Failure.refused(status: reply.status, message: (reply.object?["error"] as? String) ?? reply.text)
        }
        return reply
    }

    static func encode(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }
}
