import ExhibitCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The review server's HTTP interface: the W3C Web Annotation Protocol for each case's
/// container (SPEC §11) and the case's event feed.
///
/// - `GET /cases/{case}/annotations/` — the container (total, first and last page);
///   `?page=N` — page N (from 0) of the current annotations, in order of creation.
/// - `POST /cases/{case}/annotations/` — create (201 with `Location` and `ETag`; a record
///   id already held answers 200 with its annotation: no duplicate).
/// - `GET /cases/{case}/annotations/{uuid}` — one annotation with its `ETag`.
/// - `PUT …/{uuid}` with `If-Match` — edit (412 when the ETag is stale, 428 without it).
/// - `DELETE …/{uuid}` (optional `If-Match`, optional `Exhibit-Record` naming the
///   deletion record's id) — 204 with `Exhibit-Record` naming the deletion record.
/// - `GET /cases/{case}/events?after=SEQ&limit=N` — the case's events after SEQ.
///
/// Every request needs `Authorization: Bearer TOKEN` (401 otherwise); `Role` decides
/// the rest (403).
public struct AnnotationProtocol: HTTPResponder {
    public typealias Context = BasicRequestContext

    let db: ReviewDatabase
    /// Annotations per container page.
    let pageSize: Int
    /// `https` when the server runs TLS, for the IRIs it writes.
    let scheme: String

    public init(db: ReviewDatabase, pageSize: Int, scheme: String) {
        self.db = db
        self.pageSize = pageSize
        self.scheme = scheme
    }

    /// A request header naming the record id of a deletion (so a resent delete is recognised).
    public static let recordHeader = HTTPField.Name("Exhibit-Record")!
    static let linkHeader = HTTPField.Name("Link")!

    public func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        do {
            return try await route(&request, context)
        } catch let refusal as ReviewError {
            var headers = HTTPFields()
            if refusal == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"exhibit\"" }
            if case .preconditionFailed(let etag) = refusal { headers[.eTag] = etag }
            return Self.json(ProtocolJSON.error(refusal.description), status: refusal.status, headers: headers,
                             mediaType: "application/json")
        } catch {
            context.logger.error("request failed: \(error)")
            return Self.json(ProtocolJSON.error("internal error"), status: 500, mediaType: "application/json")
        }
    }

    private func route(_ request: inout Request, _ context: Context) async throws -> Response {
        // Raw segments, percent-decoded one by one (a case id may hold an encoded '/').
        let raw = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
        let segments = try raw.map { s -> String in
            guard let d = String(s).removingPercentEncoding else { throw ReviewError.badRequest("bad percent encoding in the path") }
            return d
        }
        guard segments.count >= 3, segments[0] == "cases", ReviewNames.validCaseID(segments[1]) else {
            return Self.json(ProtocolJSON.error("not found: use /cases/{case}/annotations/"), status: 404,
                             mediaType: "application/json")
        }
        let caseID = segments[1]
        let user = try await authenticate(request)
        let container = base(request) + "/cases/" + Self.encode(caseID) + "/annotations/"
        let method = request.method

        switch (segments.count, segments[2]) {
        case (3, "annotations"):
            switch method {
            case .get, .head: return try await getContainer(request, caseID: caseID, container: container)
            case .post: return try await post(&request, context, caseID: caseID, user: user, container: container)
            case .options: return allow("GET, HEAD, POST, OPTIONS")
            default: return methodNotAllowed("GET, HEAD, POST, OPTIONS")
            }
        case (4, "annotations"):
            let uuid = segments[3].lowercased()
            guard ReviewNames.validUUID(uuid) else { throw ReviewError.notFound }
            let id = "urn:uuid:" + uuid
            switch method {
            case .get, .head:
                guard let r = try await db.annotation(caseID: caseID, id: id) else { throw ReviewError.notFound }
                if r.deleted { throw ReviewError.gone }
                return resource(r, container: container, status: 200)
            case .put:
                guard let match = Self.ifMatch(request) else { throw ReviewError.preconditionRequired }
                let record = try ProtocolJSON.readAnnotation(try await body(&request, context))
                let r = try await db.update(caseID: caseID, id: id, ifMatch: match, record: record, by: user)
                return resource(r, container: container, status: 200)
            case .delete:
                let recordID = request.headers[Self.recordHeader].flatMap { ReviewNames.uuid(ofURN: $0) }.map { "urn:uuid:" + $0 }
                let r = try await db.delete(caseID: caseID, id: id, ifMatch: Self.ifMatch(request) ?? nil, recordID: recordID, by: user)
                // Names the deletion record, so a client that sent none learns its id.
                var headers = HTTPFields()
                headers[Self.recordHeader] = r.head.id
                return Response(status: .noContent, headers: headers)
            case .options: return allow("GET, HEAD, PUT, DELETE, OPTIONS")
            default: return methodNotAllowed("GET, HEAD, PUT, DELETE, OPTIONS")
            }
        case (3, "events"):
            guard method == .get else { return methodNotAllowed("GET") }
            let q = request.uri.queryParameters
            var after: Int64 = 0
            if let a = q["after"] {
                guard let n = Int64(String(a)), n >= 0 else {
                    throw ReviewError.badRequest("after must be an event number from 0")
                }
                after = n
            }
            let limit = min(max(q["limit"].flatMap { Int(String($0)) } ?? 1000, 1), 5000)
            let events = try await db.events(caseID: caseID, after: after, limit: limit)
            return Self.json(ProtocolJSON.events(events, last: events.last?.seq ?? after), status: 200,
                             mediaType: "application/json")
        default:
            throw ReviewError.notFound
        }
    }

    private func getContainer(_ request: Request, caseID: String, container: String) async throws -> Response {
        var headers = HTTPFields()
        headers[Self.linkHeader] = "<http://www.w3.org/ns/ldp#BasicContainer>; rel=\"type\", <http://www.w3.org/TR/annotation-protocol/>; rel=\"http://www.w3.org/ns/ldp#constrainedBy\""
        headers[.allow] = "GET, HEAD, POST, OPTIONS"
        headers[.vary] = "Accept, Prefer"
        if let p = request.uri.queryParameters["page"] {
            guard let page = Int(String(p)), page >= 0 else { throw ReviewError.badRequest("page must be a number from 0") }
            let (total, items) = try await db.page(caseID: caseID, page: page, size: pageSize)
            if page > 0 && page * pageSize >= total { throw ReviewError.noSuchPage(page) }
            return Self.json(ProtocolJSON.page(container: container, page: page, pageSize: pageSize, total: total, items: items),
                             status: 200, headers: headers)
        }
        let (total, _) = try await db.page(caseID: caseID, page: 0, size: 0)
        return Self.json(ProtocolJSON.collection(container: container, total: total, pageSize: pageSize), status: 200,
                         headers: headers)
    }

    private func post(_ request: inout Request, _ context: Context, caseID: String, user: ReviewUser,
                      container: String) async throws -> Response {
        let record = try ProtocolJSON.readAnnotation(try await body(&request, context))
        let (r, created) = try await db.create(caseID: caseID, record: record, by: user)
        return resource(r, container: container, status: created ? 201 : 200)
    }

    private func authenticate(_ request: Request) async throws -> ReviewUser {
        guard let token = AccessToken.bearer(request.headers[.authorization]),
              let user = try await db.user(tokenDigest: AccessToken.digest(token)) else {
            throw ReviewError.unauthorized
        }
        return user
    }

    /// The request body, at most `context.maxUploadSize` bytes.
    /// - Throws: `ReviewError.tooLarge` (413) past that limit.
    private func body(_ request: inout Request, _ context: Context) async throws -> [UInt8] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw ReviewError.tooLarge(limit: context.maxUploadSize)
        }
        return Array(buffer.readableBytesView)
    }

    private func resource(_ r: AnnotationResource, container: String, status: Int) -> Response {
        var headers = HTTPFields()
        headers[.eTag] = r.etag
        headers[.location] = container + (ReviewNames.uuid(ofURN: r.id) ?? "")
        headers[.allow] = "GET, HEAD, PUT, DELETE, OPTIONS"
        headers[Self.linkHeader] = "<http://www.w3.org/ns/ldp#Resource>; rel=\"type\""
        return Self.json(ProtocolJSON.annotation(r, container: container), status: status, headers: headers)
    }

    /// The If-Match header as a record id: nil without the header, `.some(nil)` for `*`.
    static func ifMatch(_ request: Request) -> String?? {
        guard var v = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if v == "*" { return .some(nil) }
        if v.hasPrefix("W/") { v.removeFirst(2) }
        if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
        return .some(v)
    }

    private func base(_ request: Request) -> String {
        scheme + "://" + (request.head.authority ?? "localhost")
    }

    private func allow(_ methods: String) -> Response {
        var headers = HTTPFields()
        headers[.allow] = methods
        return Response(status: .noContent, headers: headers)
    }

    private func methodNotAllowed(_ methods: String) -> Response {
        var headers = HTTPFields()
        headers[.allow] = methods
        return Self.json(ProtocolJSON.error("method not allowed; allowed: \(methods)"), status: 405, headers: headers,
                         mediaType: "application/json")
    }

    static func encode(_ segment: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? segment
    }

    static func json(_ value: JSONValue, status: Int, headers: HTTPFields = [:],
                     mediaType: String = ProtocolJSON.mediaType) -> Response {
        var headers = headers
        headers[.contentType] = mediaType
        let text = value.serialized() + "\n"
        return Response(status: HTTPResponse.Status(code: status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
