import Foundation

/// One `annotations.jsonl` line ↔ one `Annotation`, in the JSON-LD serialization of the
/// W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/).
///
/// Written with a fixed key order, no line breaks inside the record:
/// ```
/// {"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:uuid:…","type":"Annotation",
///  "created":"…","creator":"…","supersedes":"urn:uuid:…","deleted":true,
///  "body":{"tag":"…","note":"…"},
///  "target":{"source":"works/a.txt","sha256":"…","selector":[
///    {"type":"TextPositionSelector","start":0,"end":12},
///    {"type":"TextQuoteSelector","exact":"…","prefix":"…","suffix":"…"}]}}
/// ```
/// `supersedes` and `deleted` are written only when set, as is `body.status` (a passage's
/// review status, SPEC §11: `unreviewed`, `reviewed`, `flagged`, `disputed`). `body` {`tag`, `note`} and
/// `target.sha256` are Exhibit's (SPEC §5), not W3C vocabulary. Reading accepts any key
/// order, unknown keys, a lone selector object instead of an array, and missing
/// `prefix`/`suffix`.
public enum AnnotationJSON {
    /// The W3C Web Annotation JSON-LD context.
    public static let context = "http://www.w3.org/ns/anno.jsonld"

    /// The record as an ordered JSON value.
    public static func value(_ a: Annotation) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("@context", .string(context)),
            ("id", .string(a.id)),
            ("type", .string("Annotation")),
            ("created", .string(a.created)),
            ("creator", .string(a.creator)),
        ]
        if let s = a.supersedes { fields.append(("supersedes", .string(s))) }
        if a.deleted { fields.append(("deleted", .bool(true))) }
        var body: [(String, JSONValue)] = [("tag", .string(a.body.tag)), ("note", .string(a.body.note))]
        if let status = a.body.status { body.append(("status", .string(status.rawValue))) }
        fields.append(("body", .object(body)))
        let t = a.target
        fields.append(("target", .object([
            ("source", .string(t.source)),
            ("sha256", .string(t.sha256)),
            ("selector", .array([
                .object([("type", .string("TextPositionSelector")),
                         ("start", .int(t.position.start)), ("end", .int(t.position.end))]),
                .object([("type", .string("TextQuoteSelector")), ("exact", .string(t.quote.exact)),
                         ("prefix", .string(t.quote.prefix)), ("suffix", .string(t.quote.suffix))]),
            ])),
        ])))
        return .object(fields)
    }

    /// The record as one line of compact JSON, without the line feed. Line breaks in
    /// strings are escaped, so the line never contains U+000A.
    public static func line(_ a: Annotation) -> String { value(a).serialized() }

    /// Why a line is not an annotation record.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Parses one line (UTF-8 bytes, without the line feed).
    /// - Throws: `ParseError` naming the first missing or mistyped field, or the JSON error.
    public static func parse<Bytes: Collection<UInt8>>(_ line: Bytes) throws -> Annotation {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [])
        } catch {
            throw ParseError(message: "not valid JSON")
        }
        guard let root = object as? [String: Any] else { throw ParseError(message: "not a JSON object") }
        if let type = root["type"] as? String, type != "Annotation" {
            throw ParseError(message: "type is '\(type)', not 'Annotation'")
        }
        let id = try string(root, "id", in: "record")
        guard let target = root["target"] as? [String: Any] else { throw missing("target", in: "record") }
        guard let body = root["body"] as? [String: Any] else { throw missing("body", in: "record") }

        let selectors: [[String: Any]]
        if let list = target["selector"] as? [[String: Any]] {
            selectors = list
        } else if let one = target["selector"] as? [String: Any] {
            selectors = [one]
        } else {
            throw missing("selector", in: "target")
        }
        guard let pos = selectors.first(where: { $0["type"] as? String == "TextPositionSelector" }) else {
            throw missing("TextPositionSelector", in: "target.selector")
        }
        guard let quote = selectors.first(where: { $0["type"] as? String == "TextQuoteSelector" }) else {
            throw missing("TextQuoteSelector", in: "target.selector")
        }
        let start = try int(pos, "start", in: "TextPositionSelector")
        let end = try int(pos, "end", in: "TextPositionSelector")
        guard start >= 0, end >= start else {
            throw ParseError(message: "TextPositionSelector \(start)..<\(end) is not a span")
        }
        let deleted: Bool
        switch root["deleted"] {
        case nil, is NSNull: deleted = false
        case let n as NSNumber where isBoolean(n): deleted = n.boolValue
        default: throw ParseError(message: "deleted is not true or false")
        }
        return Annotation(
            id: id,
            created: (root["created"] as? String) ?? "",
            creator: (root["creator"] as? String) ?? "unknown",
            target: AnnotationTarget(
                source: try string(target, "source", in: "target"),
                sha256: (target["sha256"] as? String) ?? "",
                position: TextPositionSelector(start: start, end: end),
                quote: TextQuoteSelector(exact: try string(quote, "exact", in: "TextQuoteSelector"),
                                         prefix: (quote["prefix"] as? String) ?? "",
                                         suffix: (quote["suffix"] as? String) ?? "")),
            body: AnnotationBody(tag: try string(body, "tag", in: "body"), note: (body["note"] as? String) ?? "",
                                 status: try status(body)),
            supersedes: root["supersedes"] as? String,
            deleted: deleted)
    }

    // A review status, when the body has one; an unknown word is an error, not a silent "unreviewed".
    private static func status(_ body: [String: Any]) throws -> ReviewStatus? {
        guard let v = body["status"], !(v is NSNull) else { return nil }
        guard let word = v as? String, let status = ReviewStatus(rawValue: word) else {
            throw ParseError(message: "body.status is not one of \(ReviewStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return status
    }

    private static func missing(_ key: String, in place: String) -> ParseError {
        ParseError(message: "\(place) has no \(key)")
    }

    private static func string(_ o: [String: Any], _ key: String, in place: String) throws -> String {
        guard let v = o[key] as? String else { throw missing(key, in: place) }
        return v
    }

    // JSONSerialization gives NSNumber for numbers and booleans alike, and NSNumber
    // bridges 0 and 1 to Bool, so booleans are told apart by their type code.
    private static func isBoolean(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

    // Only integral JSON numbers: `12.5` or `true` must not become an offset.
    private static func int(_ o: [String: Any], _ key: String, in place: String) throws -> Int {
        guard let n = o[key] as? NSNumber, !isBoolean(n), let i = Int(exactly: n.doubleValue) else {
            throw ParseError(message: "\(place) has no integer \(key)")
        }
        return i
    }
}
