import ExhibitCore
import Foundation

/// The JSON-LD documents of the W3C Web Annotation Protocol
/// (https://www.w3.org/TR/annotation-protocol/) as the review server writes them, and the
/// reading of a client's annotation. Annotations keep SPEC §5's body and target
/// (`AnnotationJSON`); the protocol adds the resource's IRI as `id`, the annotation's
/// lasting `urn:uuid:` id as `via`, and `exhibit:record`, the id of the current record
/// (the ETag without quotes).
public enum ProtocolJSON {
    /// Media type of annotations, pages and collections (protocol §3.2).
    public static let mediaType = "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\""

    /// The annotation `r` as a protocol resource in `container` (an IRI ending in `/`).
    public static func annotation(_ r: AnnotationResource, container: String) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("@context", .string(AnnotationJSON.context)),
            ("id", .string(container + (ReviewNames.uuid(ofURN: r.id) ?? r.id))),
            ("type", .string("Annotation")),
            ("via", .string(r.id)),
            ("exhibit:record", .string(r.head.id)),
            ("created", .string(r.created)),
            ("modified", .string(r.modified)),
            ("creator", .string(r.owner)),
        ]
        if case .object(let record) = AnnotationJSON.value(r.head) {
            fields += record.filter { $0.0 == "body" || $0.0 == "target" }
        }
        return .object(fields)
    }

    /// The container's description (protocol §4.1): total, first and last page IRIs.
    public static func collection(container: String, total: Int, pageSize: Int) -> JSONValue {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        return .object([
            ("@context", .array([.string(AnnotationJSON.context), .string("http://www.w3.org/ns/ldp.jsonld")])),
            ("id", .string(container)),
            ("type", .array([.string("BasicContainer"), .string("AnnotationCollection")])),
            ("total", .int(total)),
            ("first", .string(container + "?page=0")),
            ("last", .string(container + "?page=\(pages - 1)")),
        ])
    }

    /// Page `page` (from 0) of the container (protocol §4.2): its annotations with
    /// `startIndex`, and `next`/`prev` where there are such pages.
    public static func page(container: String, page: Int, pageSize: Int, total: Int, items: [AnnotationResource]) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("@context", .string(AnnotationJSON.context)),
            ("id", .string(container + "?page=\(page)")),
            ("type", .string("AnnotationPage")),
            ("partOf", .object([("id", .string(container)), ("total", .int(total))])),
            ("startIndex", .int(page * pageSize)),
        ]
        if (page + 1) * pageSize < total { fields.append(("next", .string(container + "?page=\(page + 1)"))) }
        if page > 0 { fields.append(("prev", .string(container + "?page=\(page - 1)"))) }
        fields.append(("items", .array(items.map { annotation($0, container: container) })))
        return .object(fields)
    }

    /// The events of a case after a point (Exhibit's own feed, beside the protocol): each
    /// with its record as `AnnotationJSON`, for screens that follow the case and for `pull`.
    public static func events(_ events: [AnnotationEvent], last: Int64) -> JSONValue {
        .object([
            ("events", .array(events.map { e in
                .object([
                    ("seq", .number(String(e.seq))),
                    ("action", .string(e.action.rawValue)),
                    ("annotation", .string(e.annotation)),
                    ("author", .string(e.author)),
                    ("at", .string(e.at)),
                    ("hash", .string(e.hash)),
                    ("record", (try? AnnotationJSON.parse(Array(e.record.utf8))).map(AnnotationJSON.value) ?? .string(e.record)),
                ])
            })),
            ("last", .number(String(last))),
        ])
    }

    /// A JSON error body.
    public static func error(_ message: String) -> JSONValue {
        .object([("error", .string(message))])
    }

    /// Reads a client's annotation (JSON-LD, SPEC §5's body and target). Its record id is
    /// the `id` when that is a `urn:uuid:` (Exhibit's clients send their record ids, so a
    /// resent record is recognised), else a new one (an IRI `id` names the resource, not a
    /// record); the server decides `created`, `creator`, `supersedes` and `deleted`.
    /// - Throws: `ReviewError.badRequest` naming what is missing or wrong.
    public static func readAnnotation(_ bytes: [UInt8]) throws -> Annotation {
        guard var root = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw ReviewError.badRequest("the body is not a JSON object")
        }
        let id = (root["id"] as? String).flatMap(ReviewNames.uuid(ofURN:))
        root["id"] = "urn:uuid:" + (id ?? UUID().uuidString.lowercased())
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: root)
        } catch {
            throw ReviewError.badRequest("the body cannot be read as an annotation: \(error)")
        }
        do {
            return try AnnotationJSON.parse(Array(data))
        } catch {
            throw ReviewError.badRequest("not an annotation: \(error)")
        }
    }
}
