/// The `json` format: the annotations as a W3C Web Annotation `AnnotationCollection`
/// (Web Annotation Data Model and Vocabulary, 2017), one page holding every item.
///
/// Each item: `id` (`urn:exhibit:annotation:<id>` unless the id is already an IRI),
/// `type` `Annotation`, `created`, `creator` (a `Person` with `name`), `motivation`
/// `tagging` (plus `commenting` when there is a note), `body` (a `TextualBody` with
/// purpose `tagging` holding the tag, and one with purpose `commenting` holding the
/// note), and `target` {`source`, `selector`: [`TextPositionSelector` {start, end},
/// `TextQuoteSelector` {exact, prefix, suffix}]}. The provenance header is the
/// collection's `generator`, `generated` and an `exhibit:provenance` object (not
/// W3C vocabulary; JSON-LD processors ignore it). Keys are in a fixed order. Case text
/// is kept exact, as selectors need: JSON escapes every control character (`\u001b`),
/// so none reaches a terminal raw.
enum WebAnnotationFormat {
    /// - Throws: `ExportError.unsupported` for pair and work selections.
    static func render(_ c: ExportContent) throws -> String {
        guard c.kind == .annotations else { throw refusal }
        let p = c.provenance
        let items: [JSONValue] = c.annotationRows.map(item)
        let collection: JSONValue = .object([
            ("@context", .string("http://www.w3.org/ns/anno.jsonld")),
            ("type", .string("AnnotationCollection")),
            ("label", .string(c.title + ": " + p.caseTitle)),
            ("generator", .object([("type", .string("Software")), ("name", .string(p.engine))])),
            ("generated", .string(p.date)),
            ("exhibit:provenance", provenance(p)),
            ("total", .int(items.count)),
            ("first", .object([
                ("type", .string("AnnotationPage")),
                ("startIndex", .int(0)),
                ("items", .array(items)),
            ])),
        ])
        return escapeBidi(collection.serialized(indent: 2)) + "\n"
    }

    /// The header as one object: case, what, date, engine, parameters, documents with
    /// SHA-256 (null when the loader did not record it), settings files, the case digest.
    private static func provenance(_ p: ExportProvenance) -> JSONValue {
        .object([
            ("case", .string(p.caseTitle)),
            ("exported", .string(p.subject)),
            ("date", .string(p.date)),
            ("engine", .string(p.engine)),
            ("parameters", .object(p.parameters.map { ($0.label, .string($0.value)) })),
            ("documents", .array(p.documents.map { d in
                .object([("role", .string(d.role.rawValue)), ("id", .string(d.id)), ("source", .string(d.source)),
                         ("path", .string(d.path)), ("sha256", .optional(d.sha256))])
            })),
            ("settings_files", .array(p.settingsFiles.map { .object([("path", .string($0.path)), ("sha256", .string($0.sha256))]) })),
            ("case_files", .object([("count", .int(p.caseFileCount)), ("digest", .optional(p.caseDigest)),
                                    ("digest_method", .string("sha256 of the sha256sum listing of every case file, sorted by path"))])),
            ("annotations", .string(p.annotations)),
            ("offsets", .string(ExportProvenance.offsetsNote)),
            ("statement", .string(ExportProvenance.disclaimer)),
        ])
    }

    /// Why `json` of a pair or work is refused.
    static let refusal = ExportError.unsupported(
        format: .json, reason: "exports annotations only (use --annotations); `exhibit scan --json` gives the passages and figures")

    private static func item(_ r: ExportAnnotationRow) -> JSONValue {
        let a = r.annotation
        var body: [JSONValue] = [.object([("type", .string("TextualBody")), ("purpose", .string("tagging")),
                                          ("value", .string(a.tag))])]
        if !a.note.isEmpty {
            body.append(.object([("type", .string("TextualBody")), ("purpose", .string("commenting")),
                                 ("value", .string(a.note)), ("format", .string("text/plain"))]))
        }
        var selectors: [JSONValue] = [.object([("type", .string("TextPositionSelector")),
                                               ("start", .int(a.scalars.lowerBound)), ("end", .int(a.scalars.upperBound))])]
        if let exact = r.exact {
            selectors.append(.object([("type", .string("TextQuoteSelector")), ("exact", .string(exact)),
                                      ("prefix", .string(r.prefix)), ("suffix", .string(r.suffix))]))
        }
        var fields: [(String, JSONValue)] = [
            ("id", .string(iri(a.id))),
            ("type", .string("Annotation")),
            ("created", .string(a.created)),
            ("creator", .object([("type", .string("Person")), ("name", .string(a.creator))])),
            ("motivation", a.note.isEmpty ? .string("tagging") : .array([.string("tagging"), .string("commenting")])),
            ("body", .array(body)),
            ("target", .object([("source", .string(a.source)), ("selector", .array(selectors))])),
        ]
        if r.status != "anchored" { fields.append(("exhibit:status", .string(r.status))) }
        return .object(fields)
    }

    /// JSON text with bidirectional controls written as `\uXXXX`, so a terminal or
    /// editor shows the file in its real order. They can only occur inside strings,
    /// where the escape decodes to the same character: the data is unchanged.
    static func escapeBidi(_ json: String) -> String {
        var out = String.UnicodeScalarView()
        for u in json.unicodeScalars {
            if VisibleText.isBidiControl(u) {
                let hex = String(u.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// An IRI for an annotation id: kept when it already is one, else a URN.
    private static func iri(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return "urn:exhibit:annotation:unknown" }
        if id.hasPrefix("urn:") || id.hasPrefix("http://") || id.hasPrefix("https://") { return id }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".unicodeScalars)
        var out = ""
        for b in id.utf8 {
            let u = Unicode.Scalar(b)
            if b < 0x80 && allowed.contains(u) { out.unicodeScalars.append(u) } else { out += "%" + hex(b) }
        }
        return "urn:exhibit:annotation:" + out
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }
}
