/// Which side of a case a document belongs to.
public enum DocumentRole: String, Sendable, Hashable {
    /// A copyrighted work (`works/`).
    case work
    /// A model output with its prompt (`outputs/`).
    case output
}

/// One metadata field of a document, kept in the order the source gave it.
///
/// `value` is the field's text: a JSON string as is, `true`/`false`, a number as
/// written, `null`, or compact JSON for arrays and objects. `--where KEY=VALUE`
/// compares against this text.
public struct MetadataEntry: Sendable, Hashable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A work or an output as loaded from a case folder (SPEC §1).
///
/// `text` is the decoded text, never modified: the file without its byte-order
/// mark, or a JSONL record's decoded text field. Every offset Exhibit reports is a
/// Unicode scalar offset into `text`.
public struct Document: Sendable, Hashable {
    /// Id: the file's path below `works/` or `outputs/` without extension
    /// (`old/chapter-1`), or the JSONL record's `id` (numbers as written), or for a
    /// record without one `<file name>#<physical line>` (`outputs.jsonl#12`).
    public var id: String
    public var role: DocumentRole
    /// Case-relative path of the file that holds it, e.g. `outputs/a.jsonl`.
    public var path: String
    /// 1-based physical line of a JSONL record; nil for a whole-file document.
    public var line: Int?
    /// The decoded text (output text for outputs).
    public var text: String
    /// The prompt that produced an output, if recorded.
    public var prompt: String?
    /// Work title, if recorded.
    public var title: String?
    /// Every field other than the id, text and prompt, in source order
    /// (`model`, `method`, `work`, `attempt`, and unknown fields alike).
    public var metadata: [MetadataEntry]

    public init(id: String, role: DocumentRole, path: String, line: Int? = nil, text: String,
                prompt: String? = nil, title: String? = nil, metadata: [MetadataEntry] = []) {
        self.id = id
        self.role = role
        self.path = path
        self.line = line
        self.text = text
        self.prompt = prompt
        self.title = title
        self.metadata = metadata
    }

    /// The value of metadata field `key`, or nil.
    public func metadata(_ key: String) -> String? {
        metadata.first(where: { $0.key == key })?.value
    }

    /// `source` for annotations and reports: the path, with `#id` for a JSONL record.
    public var source: String { line == nil ? path : "\(path)#\(id)" }

    /// The model that wrote an output (`model` metadata), or nil.
    public var model: String? { metadata("model") }
    /// `method` metadata: `extraction`, `regurgitation` or `unknown`; nil when absent.
    public var method: String? { metadata("method") }
    /// Id of the work the prompt aimed at (`work` metadata), or nil.
    public var aimedWork: String? { metadata("work") }
}
