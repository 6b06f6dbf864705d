/// A loaded case folder (SPEC §1): its documents, settings, files and problems.
public struct Case: Sendable {
    /// Absolute path of the case folder.
    public var root: String
    public var settings: CaseSettings
    /// Works sorted by id.
    public var works: [Document]
    /// Outputs sorted by id.
    public var outputs: [Document]
    /// Lines of `boilerplate.txt` with their 1-based line numbers (empty when absent).
    public var boilerplate: [(line: Int, text: String)]
    /// Every file read, sorted by path, with its SHA-256.
    public var files: [CaseFile]
    /// Documents that could not be loaded, sorted by path, line, offset.
    public var errors: [CaseIssue]
    /// Problems that did not stop a document from loading.
    public var warnings: [CaseIssue]

    public init(root: String, settings: CaseSettings = CaseSettings(), works: [Document] = [],
                outputs: [Document] = [], boilerplate: [(line: Int, text: String)] = [],
                files: [CaseFile] = [], errors: [CaseIssue] = [], warnings: [CaseIssue] = []) {
        self.root = root
        self.settings = settings
        self.works = works
        self.outputs = outputs
        self.boilerplate = boilerplate
        self.files = files
        self.errors = errors
        self.warnings = warnings
    }

    /// The case's name on a review server (SPEC §11): `id` of `case.toml`, else the case
    /// folder's name. The annotation container is `/cases/{reviewID}/annotations/`.
    public var reviewID: String {
        settings.id ?? String(root.split(separator: "/").last ?? Substring(root))
    }

    /// Title from `case.toml`, else the folder name.
    public var title: String {
        settings.title ?? String(root.split(separator: "/").last ?? Substring(root))
    }
}
