#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The export entry point for the command line and the review screen (SPEC §6):
/// build the content of a selection, render it in a format, write it.
///
/// ```swift
/// let request = ExportRequest(selection: .pair(work: "w", output: "o", passage: nil), format: .html)
/// let path = try Exporter.export(request, case: kase, result: scan, to: nil, overwrite: false)
/// ```
public enum Exporter {
    /// The format-neutral content of `selection` (what every format shows).
    /// - Throws: `ExportError` (unknown id, no passages, bad passage number,
    ///   annotations without a store).
    public static func content(_ selection: ExportSelection, case kase: Case, result: ScanResult,
                               options: ExportOptions = ExportOptions()) throws -> ExportContent {
        try ExportContentBuilder(kase: kase, result: result, options: options).build(selection)
    }

    /// `content` written in `format`.
    /// - Parameter width: line width of the plain-text formats, in columns.
    /// - Throws: `ExportError.unsupported` for `json` of a pair or work.
    /// - Parameter byteOrderMark: CSV only: start with U+FEFF (`ExportOptions.byteOrderMark`).
    public static func render(_ content: ExportContent, format: ExportFormat, width: Int = 100,
                              byteOrderMark: Bool = false) throws -> String {
        switch format {
        case .text: TextFormat.render(content, width: width)
        case .sideBySide: SideBySideFormat.render(content, width: width)
        case .markdown: MarkdownFormat.render(content)
        case .html: HTMLFormat.render(content)
        case .csv: try CSVFormat.render(content, byteOrderMark: byteOrderMark)
        case .json: try WebAnnotationFormat.render(content)
        }
    }

    /// The export text of `request`.
    /// - Throws: `ExportError` as `content` and `render` do.
    public static func render(_ request: ExportRequest, case kase: Case, result: ScanResult) throws -> String {
        // Refuse before building content: json only carries annotations.
        if request.format == .json, !request.selection.isAnnotations { throw WebAnnotationFormat.refusal }
        let c = try content(request.selection, case: kase, result: result, options: request.options)
        return try render(c, format: request.format, width: request.options.width,
                          byteOrderMark: request.options.byteOrderMark)
    }

    /// Renders `request` and writes it to `path`, or to `defaultPath` when nil (refused
    /// when `exports` is not a folder of the case: `CaseFolderGuard.refusal(ofExportsFolderIn:)`).
    /// - Parameter overwrite: replace an existing file (ask the user first).
    /// - Returns: the path written.
    /// - Throws: `ExportError`, including `.fileExists` when the file exists and
    ///   `overwrite` is false.
    @discardableResult
    public static func export(_ request: ExportRequest, case kase: Case, result: ScanResult, to path: String? = nil,
                              overwrite: Bool = false) throws -> String {
        let destination = path ?? defaultPath(request, case: kase)
        if path == nil, let reason = CaseFolderGuard.refusal(ofExportsFolderIn: kase.root) {
            throw ExportError.protectedPath(VisibleText.escaped(reason))
        }
        if let reason = CaseFolderGuard.refusal(toWrite: destination, caseRoot: kase.root) {
            throw ExportError.protectedPath(VisibleText.escaped(reason))
        }
        let text = try render(request, case: kase, result: result)
        if path == nil { try makeExportsFolder(kase) }
        return try ExportWriter.write(text, to: destination, overwrite: overwrite)
    }

    /// `<case>/exports/<defaultFileName>`.
    public static func defaultPath(_ request: ExportRequest, case kase: Case) -> String {
        kase.root + "/" + CaseFolderGuard.exportsFolderName + "/" + defaultFileName(request)
    }

    /// Creates `<case>/exports` when missing (the one folder Exhibit creates for an
    /// export; an explicit destination's folder must exist).
    private static func makeExportsFolder(_ kase: Case) throws {
        let folder = kase.root + "/" + CaseFolderGuard.exportsFolderName
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw ExportError.writeFailed(path: folder, message: String(cString: strerror(errno)))
        }
    }

    /// A file name from the selection and format, e.g. `pair-harbor-lights--o-7.html`,
    /// `pair-w--o-passage-2.txt`, `work-w.side-by-side.txt`, `annotations-key-passage.json`.
    /// Characters other than ASCII letters, digits, `.`, `_` and `-` become `_`, and a
    /// leading dot is dropped, so an id cannot leave the exports folder or hide the file.
    public static func defaultFileName(_ request: ExportRequest) -> String {
        let stem: String
        switch request.selection {
        case .pair(let w, let o, let n): stem = "pair-\(safe(w))--\(safe(o))" + (n.map { "-passage-\($0)" } ?? "")
        case .work(let w): stem = "work-\(safe(w))"
        case .annotations(let tag): stem = "annotations" + (tag.map { "-\(safe($0))" } ?? "")
        }
        return stem + request.format.fileExtension
    }

    /// `id` reduced to characters safe in a file name, at most 80 of them: characters
    /// other than ASCII letters, digits, `.`, `_`, `-` become `_` (so `/`, `\`, control
    /// characters and anything a file system could read as a path are gone), a dot after
    /// a dot becomes `_` and leading dots are dropped (no `..`, no hidden file), and a Windows device name (`CON`,
    /// `NUL`, `COM1`, … with or without an extension) gets a trailing `_`.
    static func safe(_ id: String) -> String {
        var out = ""
        for u in id.unicodeScalars.prefix(80) {
            let ok = (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || u == "." || u == "_" || u == "-"
            // A dot after a dot becomes `_`: no `..` anywhere in a name.
            out.unicodeScalars.append(ok && !(u == "." && out.unicodeScalars.last == ".") ? u : "_")
        }
        while out.hasPrefix(".") { out.removeFirst() }
        if out.isEmpty { return "_" }
        let base = out.split(separator: ".", maxSplits: 1).first.map { $0.uppercased() } ?? ""
        if reservedNames.contains(base) { out += "_" }
        return out
    }

    /// Device names Windows reserves in any folder, whatever the extension.
    static let reservedNames: Set<String> = Set(["CON", "PRN", "AUX", "NUL"]
        + (1...9).map { "COM\($0)" } + (1...9).map { "LPT\($0)" })

}

extension ExportSelection {
    /// Whether this is an `.annotations` selection.
    public var isAnnotations: Bool {
        if case .annotations = self { return true }
        return false
    }
}
