import Foundation

/// A case read as `CaseLoader.load` reads it, with its outputs handed out a batch of
/// files at a time, so that a scan can match each batch and keep only the outputs'
/// outlines (`Scanner.scan(batches:)`): an XL case's output texts (gigabytes) are
/// never all held at once.
///
/// Files are read in listing order and ids judged in that order, as `load` does, so
/// the same documents are kept, with the same errors and warnings; `finish` gives the
/// case in `load`'s order.
public struct CaseOutputBatches: Sendable {
    private var loading: CaseLoader.Loading
    /// The files of `outputs/`, in listing order.
    private let files: [DocumentFile]
    /// Their sizes in bytes (0 when unknown), parallel to `files`.
    private let sizes: [Int]
    private var next = 0
    /// About how many bytes of output files one batch reads.
    private let batchBytes: Int

    /// Reads `case.toml`, `boilerplate.txt` and `works/` of the case at `path`, and lists
    /// `outputs/`.
    /// - Parameter batchBytes: about how many bytes of output files a batch reads (a
    ///   file is never split; a batch holds at least one file).
    /// - Throws: `CaseOpenError` as `CaseLoader.load`.
    public init(path: String, batchBytes: Int = 48 << 20) throws {
        let root = try CaseLoader.checkOpenable(path: path)
        var loading = CaseLoader.Loading(root: root)
        loading.readSettings()
        loading.readBoilerplate()
        let listed = loading.listDocuments()
        loading.read(listed.filter { $0.role == .work })
        files = listed.filter { $0.role == .output }
        sizes = files.map { f in
            var info = stat()
            return stat(f.absolutePath, &info) == 0 ? Int(info.st_size) : 0
        }
        self.loading = loading
        self.batchBytes = max(1, batchBytes)
    }

    /// The case read so far: settings, boilerplate, works (sorted by id) and the files
    /// and issues of what was read; no outputs.
    public var kase: Case { loading.finish() }

    /// The output files not read yet.
    public var outputFilesLeft: Int { files.count - next }

    /// Empties the works' texts (and titles stay): a scan that has tokenized them needs
    /// only their outline from here on.
    public mutating func dropWorkTexts() {
        for i in loading.result.works.indices { loading.result.works[i].text = "" }
    }

    /// The outputs of the next batch of files, in file and line order, those whose id an
    /// earlier file or line had left out (an error each, as `load` gives); nil once
    /// every file has been read.
    public mutating func nextBatch() -> [Document]? {
        guard next < files.count else { return nil }
        var end = next, bytes = 0
        while end < files.count && (end == next || bytes + sizes[end] <= batchBytes) {
            bytes += sizes[end]
            end += 1
        }
        loading.read(Array(files[next..<end]))
        next = end
        let batch = loading.result.outputs
        loading.result.outputs = []
        return batch
    }

    /// The case as `CaseLoader.load` gives it, with `outputs` as its outputs.
    /// - Parameter outputs: the outputs of every batch (their outlines: `text` and
    ///   `prompt` may be emptied), sorted by id.
    public func finish(outputs: [Document]) -> Case {
        var loading = loading
        loading.result.outputs = outputs
        return loading.finish(outputsSorted: true)
    }
}
