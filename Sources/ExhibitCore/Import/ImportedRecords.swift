/// One output as an importer made it from a source record, before it is written as a
/// line of an `outputs/*.jsonl` file (SPEC §1 field names).
public struct ImportedOutput: Sendable {
    /// Stable id, derived from the source's own ids or its structure (never from a
    /// counter that depends on what else is imported).
    public var id: String
    /// The model's text.
    public var output: String
    /// The prompt as sent, or rebuilt (then `prompt_rebuilt: true` is in `metadata`).
    public var prompt: String?
    /// The model that wrote the output, when known.
    public var model: String?
    /// `extraction`, `regurgitation` or `unknown`.
    public var method: String
    /// Id of the work the prompt aimed at, when the source says.
    public var work: String?
    /// 1-based request number within what the source groups as one attempt series.
    public var attempt: Int?
    /// Set when the record is not a model output (`blocked`, `error`, `not-greedy`, …):
    /// such records are skipped unless `--keep-failed`, and then carry this field.
    public var status: String?
    /// Every other source field, in source order.
    public var metadata: [(String, JSONValue)]
    /// 1-based line of the record in its source file (for messages).
    public var line: Int?

    /// An output; see the properties.
    public init(id: String, output: String, prompt: String? = nil, model: String? = nil, method: String = "unknown",
                work: String? = nil, attempt: Int? = nil, status: String? = nil,
                metadata: [(String, JSONValue)] = [], line: Int? = nil) {
        self.id = id
        self.output = output
        self.prompt = prompt
        self.model = model
        self.method = method
        self.work = work
        self.attempt = attempt
        self.status = status
        self.metadata = metadata
        self.line = line
    }

    /// Field names Exhibit gives a meaning to; a source field of one of these names is
    /// kept as `source_<name>` so it cannot pose as Exhibit's.
    public static let reservedKeys: Set<String> = ["id", "output", "text", "completion", "generation", "prompt",
                                                  "model", "method", "work", "attempt", "status"]

    /// The JSONL record: `id`, `output`, `prompt`, `model`, `method`, `work`, `attempt`
    /// (each only when known), `status` when set, then the metadata.
    public var record: JSONValue {
        var fields: [(String, JSONValue)] = [("id", .string(id)), ("output", .string(output))]
        if let prompt { fields.append(("prompt", .string(prompt))) }
        if let model { fields.append(("model", .string(model))) }
        fields.append(("method", .string(method)))
        if let work { fields.append(("work", .string(work))) }
        if let attempt { fields.append(("attempt", .int(attempt))) }
        if let status { fields.append(("status", .string(status))) }
        var used = Set(fields.map(\.0))
        for (key, value) in metadata {
            var name = Self.reservedKeys.contains(key) ? "source_" + key : key
            while used.contains(name) { name = "source_" + name }
            used.insert(name)
            fields.append((name, value))
        }
        return .object(fields)
    }
}

/// A work an importer found in a source (RECAP's passages), written as a one-line
/// `works/*.jsonl` record when the case has no work of that id.
public struct ImportedWork: Sendable {
    /// Work id (a slug of the title, see `ImportIDs.slug`).
    public var id: String
    /// The work's text.
    public var text: String
    /// The work's title, when the source gives one.
    public var title: String?
    /// Where the text came from, in source order.
    public var metadata: [(String, JSONValue)]

    /// A work; see the properties.
    public init(id: String, text: String, title: String? = nil, metadata: [(String, JSONValue)] = []) {
        self.id = id
        self.text = text
        self.title = title
        self.metadata = metadata
    }

    /// The JSONL record: `id`, `text`, `title`, then metadata.
    public var record: JSONValue {
        var fields: [(String, JSONValue)] = [("id", .string(id)), ("text", .string(text))]
        if let title { fields.append(("title", .string(title))) }
        return .object(fields + metadata)
    }
}

/// A problem or notice about an import, naming the file and, where known, the 1-based
/// line and the byte offset from the start of the file.
public struct ImportIssue: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as given or found.
    public var path: String
    /// 1-based physical line, when known.
    public var line: Int?
    /// Byte offset from the start of the file, when known.
    public var offset: Int?
    /// What is wrong, or what the user should know.
    public var message: String

    /// An issue; see the properties.
    public init(path: String, line: Int? = nil, offset: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.offset = offset
        self.message = message
    }

    /// `path:line (byte offset): message`, the parts known.
    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let offset { place += " (byte \(offset))" }
        return place + ": " + message
    }
}

/// What one source file yielded.
public struct SourceRead: Sendable {
    /// The source file as given (or found in a given folder).
    public var path: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
    /// Name of the case file the outputs go to, without folder and extension.
    public var outputName: String
    /// Outputs in source order, failed ones included (with `status`).
    public var outputs: [ImportedOutput] = []
    /// Works the source carries.
    public var works: [ImportedWork] = []
    /// Records that are not outputs and are never kept (e.g. RECAP's `refined_0`
    /// duplicates): reason → count, in first-seen order.
    public var skipped: [(reason: String, count: Int)] = []
    /// Records that could not be mapped (each named), and source-level errors.
    public var errors: [ImportIssue] = []
    /// Things the user should know (a missing results file, a rebuilt prompt, …).
    public var notices: [ImportIssue] = []
    /// Files read alongside the source (lm-eval's results file): path and SHA-256.
    public var joined: [(path: String, sha256: String)] = []

    /// An empty result for the source at `path`.
    public init(path: String, sha256: String, outputName: String) {
        self.path = path
        self.sha256 = sha256
        self.outputName = outputName
    }

    /// Counts one skipped record under `reason`.
    public mutating func skip(_ reason: String) {
        if let i = skipped.firstIndex(where: { $0.reason == reason }) {
            skipped[i].count += 1
        } else {
            skipped.append((reason, 1))
        }
    }
}

/// Turns byte offsets of a source into 1-based line numbers.
public struct SourceLines: Sendable {
    private var starts: [Int] = [0]

    /// The line starts of `bytes` (LF ends lines).
    public init(_ bytes: [UInt8]) {
        for (i, byte) in bytes.enumerated() where byte == 0x0A { starts.append(i + 1) }
    }

    /// The 1-based line holding byte `offset`.
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = starts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo + 1
    }
}
