/// Turns a JSONL record into a `Document` (SPEC §1 field names and aliases).
///
/// - `id`: a non-empty string, or a number kept exactly as written (its digits come
///   from the line's text, never through a floating-point number, so
///   `9007199254740993` and `9007199254740992` stay two ids). A record without an id
///   (or with `null`, or an empty string, which is warned about) takes
///   `<file name>#<physical line>`, the file name being its path below `works/` or
///   `outputs/` (`outputs.jsonl#12`, `runs/a.jsonl#3`).
/// - text: works `text`; outputs the first of `output`, `text`, `completion`,
///   `generation` present with a non-null value. It must be a string.
/// - outputs: `prompt` (a string) becomes `Document.prompt`; works: `title` (a string)
///   becomes `Document.title`.
/// - every other field, including unused aliases and a `prompt`/`title` that is not
///   a string, is kept as metadata in source order.
public enum RecordMapping {
    /// Candidate text fields, in order of preference.
    public static func textFields(for role: DocumentRole) -> [String] {
        switch role {
        case .work: return ["text"]
        case .output: return ["output", "text", "completion", "generation"]
        }
    }

    /// The field that becomes a typed property besides id and text, per role.
    static func labelField(for role: DocumentRole) -> String {
        role == .work ? "title" : "prompt"
    }

    /// What became of one record.
    public enum Outcome: Sendable {
        /// The document, and warnings about it (messages only).
        case document(Document, warnings: [String])
        /// Why the record is not a document.
        case rejected(String)
    }

    /// Maps `record` of the file at case-relative `path`; `fileName` is the file's path
    /// below `works/` or `outputs/` (the default id's prefix).
    public static func map(_ record: JSONLRecord, role: DocumentRole, path: String, fileName: String) -> Outcome {
        var warnings: [String] = []
        let id: String
        let defaultID = "\(fileName)#\(record.line)"
        switch record.field("id") {
        case nil:
            id = defaultID
        case let field? where field.kind == .null:
            id = defaultID
        case let field? where field.kind == .string && field.text.isEmpty:
            id = defaultID
            warnings.append("\"id\" is empty: the record takes the id \(defaultID)")
        case let field? where field.kind == .string || field.kind == .number:
            id = field.text
        case let field?:
            return .rejected("\"id\" is a JSON \(field.kind.rawValue), not a string or number")
        }

        let candidates = textFields(for: role)
        guard let textField = candidates.lazy.compactMap({ record.field($0) }).first(where: { $0.kind != .null }) else {
            let names = candidates.map { "\"\($0)\"" }
            let expected = names.count == 1 ? names[0] : names[0] + " (or " + names.dropFirst().joined(separator: ", ") + ")"
            return .rejected("record has no text field: expected \(expected)")
        }
        guard textField.kind == .string else {
            return .rejected("\"\(textField.key)\" is a JSON \(textField.kind.rawValue), not a string")
        }

        var document = Document(id: id, role: role, path: path, line: record.line, text: textField.text)
        let label = labelField(for: role)
        for field in record.fields where field.key != "id" && field.key != textField.key {
            if field.key == label, field.kind == .string {
                if role == .work { document.title = field.text } else { document.prompt = field.text }
                continue
            }
            if field.key == label, field.kind != .null {
                warnings.append("\"\(label)\" is a JSON \(field.kind.rawValue), not a string: kept as metadata only")
            }
            document.metadata.append(MetadataEntry(key: field.key, value: field.text))
        }
        return .document(document, warnings: warnings)
    }
}
