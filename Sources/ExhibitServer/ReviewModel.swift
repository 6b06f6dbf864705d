import ExhibitCore

/// An authenticated user of the review server.
public struct ReviewUser: Sendable, Hashable {
    public var name: String
    public var role: Role
    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}

/// One annotation as the server holds it (a W3C annotation resource): the family of
/// records that share a first record (`id`), and the record that is current (`head`).
public struct AnnotationResource: Sendable, Hashable {
    /// The case's review id.
    public var caseID: String
    /// The annotation's lasting id: its first record's `urn:uuid:` id.
    public var id: String
    /// The current record (its `id` is the ETag).
    public var head: Annotation
    /// The user who created the annotation (the only reviewer who may change it).
    public var owner: String
    /// True once deleted (the resource then answers 410 Gone).
    public var deleted: Bool
    /// Server times (ISO 8601 UTC) of the first and the last event.
    public var created: String
    public var modified: String
    /// The strong ETag: the current record's id, quoted (RFC 9110 §8.8.3).
    public var etag: String { "\"" + head.id + "\"" }
}

/// Why the server refuses a request, with the HTTP status it answers.
public enum ReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400: the body or a parameter is not acceptable.
    case badRequest(String)
    /// 401: no token, or one the server does not know.
    case unauthorized
    /// 403: the user's role may not do this.
    case forbidden(String)
    /// 404: no such annotation.
    case notFound
    /// 404: the container has no page with this number (from 0).
    case noSuchPage(Int)
    /// 409: the request clashes with what the server holds (e.g. a record id already used).
    case conflict(String)
    /// 410: the annotation was deleted.
    case gone
    /// 413: the request body is over the server's limit (bytes).
    case tooLarge(limit: Int)
    /// 412: `If-Match` names a record that is no longer current; carries the current ETag.
    case preconditionFailed(currentETag: String)
    /// 428: a change without `If-Match`.
    case preconditionRequired

    public var status: Int {
        switch self {
        case .badRequest: return 400
        case .unauthorized: return 401
        case .forbidden: return 403
        case .notFound, .noSuchPage: return 404
        case .conflict: return 409
        case .gone: return 410
        case .preconditionFailed: return 412
        case .tooLarge: return 413
        case .preconditionRequired: return 428
        }
    }

    public var description: String {
        switch self {
        case .badRequest(let m): return m
        case .unauthorized: return "a valid bearer token is required (Authorization: Bearer TOKEN)"
        case .forbidden(let m): return m
        case .notFound: return "no such annotation"
        case .noSuchPage(let n): return "no such page: \(n) is past the container's last page"
        case .conflict(let m): return m
        case .gone: return "the annotation was deleted"
        case .preconditionFailed(let etag): return "the annotation was changed meanwhile; its current ETag is \(etag)"
        case .tooLarge(let limit): return "the request body is over the server's limit of \(limit) bytes"
        case .preconditionRequired: return "a change needs If-Match with the annotation's current ETag"
        }
    }
}

/// Names on the server: case ids and annotation ids as they appear in URLs.
public enum ReviewNames {
    /// A case id is any non-empty text of at most 200 Unicode scalars without control
    /// characters (it is one URL path segment, percent-encoded by clients).
    public static func validCaseID(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.count <= 200 && !s.unicodeScalars.contains { $0.properties.generalCategory == .control }
            && s != "." && s != ".."
    }

    /// The UUID of a `urn:uuid:` id (lower case), or nil when `id` is not one.
    public static func uuid(ofURN id: String) -> String? {
        let prefix = "urn:uuid:"
        guard id.hasPrefix(prefix) else { return nil }
        let u = String(id.dropFirst(prefix.count)).lowercased()
        return validUUID(u) ? u : nil
    }

    /// True for a UUID in its 8-4-4-4-12 hex form.
    public static func validUUID(_ u: String) -> Bool {
        let parts = u.split(separator: "-", omittingEmptySubsequences: false)
        return parts.map(\.count) == [8, 4, 4, 4, 12] && parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}
