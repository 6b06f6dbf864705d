import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The works' side of a scan kept beside the results store, in `works.index` in the
/// store's folder (docs/results-store.md): the vocabulary, every work's token ids and
/// scalar offsets, the boilerplate marks, and the boilerplate spans (`PreparedWorks`).
/// Not the table of the works' k-grams: it is most of the index's bytes, and a scan of
/// changed outputs indexes only the k-grams of those outputs, in one pass over the
/// works' ids (`WorkIndex.restricted`), which costs less than reading the table. A scan whose key differs from the store's only in outputs
/// (`StoreKey.differsOnlyInOutputs`) takes them from here instead of reading,
/// tokenizing and indexing every work.
///
/// It is trusted only when everything agrees: the format version; the key it was
/// written under differing from the scan's at most in outputs (so the same works files,
/// `case.toml`, `boilerplate.txt`, parameters, exclusions and engine); this Exhibit's
/// tokenizer giving the recorded tokens for a probe text; the checksum of the whole
/// file; and arrays that fit together. Anything else — missing, truncated,
/// damaged, foreign, stale — gives nil, and the works are tokenized and indexed as
/// before, with the same results.
///
/// Written like the store: to a temporary file in the same folder, then renamed over
/// the old one, so a reader sees one whole sidecar or the other.
enum WorksSidecar {
    static let fileName = "works.index"
    /// Bump when the layout changes, or when the meaning of what it holds changes
    /// without the engine version changing (the probe and the sample catch most such
    /// changes anyway).
    /// 3: no table of k-grams (rebuilt for the k-grams asked, `WorkIndex.restricted`).
    static let version: Int64 = 3
    private static let magic = Array("exhibit works index\n".utf8)

    /// A text whose tokens show what the tokenizer does with case, accents, quotes,
    /// dashes, ligatures, invisible characters, digits and CJK: a sidecar written by a
    /// tokenizer that tokenizes it otherwise is not used.
    static let probeText = "Don't STOP—the Café’s ﬁne “quotes”, naïve co-operate e\u{00AD}mail x\u{200B}y Straße ǅ ½ 1,234.5 北京大学 ＡＢＣ"

    static func path(_ location: StoreLocation) -> String { location.directory + "/" + fileName }

    /// Whether a scan that writes the store at `location`, of the case at `caseRoot`,
    /// writes the sidecar beside it: never among the evidence (`--store CASE/works`:
    /// `ResultsStore.write` says why), nor beside a store file that is not replaced (a
    /// link, a folder: a half-written store). A sidecar path taken by something that is
    /// not a plain file is never replaced either; `notice` says so, since every later
    /// scan of changed outputs then reads and indexes the works again.
    static func mayWrite(at location: StoreLocation, caseRoot: String, notice: (StoreNotice) -> Void) -> Bool {
        guard CaseFolderGuard.refusal(toWrite: location.file, caseRoot: caseRoot) == nil,
              ResultsStore.isPlainOrAbsent(location.file) else { return false }
        guard ResultsStore.isPlainOrAbsent(path(location)) else {
            notice(StoreNotice(text: "works' sidecar \(VisibleText.escaped(path(location))) is not a plain file; not replaced "
                               + "(scans of changed outputs will read and index the works again)", isWarning: true))
            return false
        }
        return true
    }

    /// Writes `works`, prepared for a scan under `key` with `normalize`, as the sidecar
    /// of the store at `location` (its folder must exist), replacing the old one.
    /// - Throws: `StoreError.writeFailed` when it cannot be written, or the sidecar path
    ///   is not a plain file (never replaced then).
    static func write(_ works: PreparedWorks, key: StoreKey, normalize: NormalizationOptions,
                      to location: StoreLocation) throws {
        let dest = path(location)
        // Only an index of every k-gram is the works' whole side.
        guard works.index.complete else {
            throw StoreError.writeFailed(path: dest, message: "the works' index is incomplete; not written")
        }
        do {
            try FileManager.default.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.writeFailed(path: location.directory, message: "cannot create the folder")
        }
        guard ResultsStore.isPlainOrAbsent(dest) else {
            throw StoreError.writeFailed(path: dest, message: "is not a plain file; not replaced")
        }
        let temp = location.directory + "/.\(fileName).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        defer { unlink(temp) }
        var out = try RawArrayWriter(creating: temp)
        do {
            try out.array(magic)
            try out.array([version, Int64(works.index.workCount), Int64(works.threshold ?? -1)])
            try out.array(Array(key.text.utf8))
            let probe = Tokenizer(options: normalize).tokenize(probeText)
            try out.array(Array(probe.tokens.joined(separator: "\n").utf8))
            try out.array(probe.starts)
            try out.array(probe.ends)
            let vocabulary = works.vocabulary.snapshot()
            try out.array(vocabulary.utf8)
            try out.array(vocabulary.ends)
            try works.index.write(to: &out)
            try out.array(parts: works.starts)
            try out.array(parts: works.ends)
            try out.array(parts: works.spans)
            try out.array(works.spans.map { Int64($0.count) })
            try out.finish()
        } catch {
            out.abandon()
            throw error
        }
        guard rename(temp, dest) == 0 else {
            throw StoreError.writeFailed(path: dest, message: String(cString: strerror(errno)))
        }
    }

    /// The prepared works of the sidecar of the store at `location`, when it can be
    /// trusted for scanning `kase` under `key` with `options` (see the type); else nil.
    static func read(_ location: StoreLocation, key: StoreKey, case kase: Case, options: ScanOptions) -> PreparedWorks? {
        let file = path(location)
        var info = stat()
        guard lstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, var r = try? RawArrayReader(path: file) else {
            return nil
        }
        defer { r.closeFile() }
        return try? read(&r, key: key, case: kase, options: options)
    }

    private static func read(_ r: inout RawArrayReader, key: StoreKey, case kase: Case, options: ScanOptions) throws
        -> PreparedWorks? {
        // The cheap checks first: a stale or foreign sidecar costs no more than its head.
        guard try r.array(UInt8.self) == magic else { return nil }
        let numbers = try r.array(Int64.self)
        guard numbers.count == 3, numbers[0] == version, numbers[1] == Int64(kase.works.count) else { return nil }
        let k = max(1, options.match.minWords)
        let threshold = options.match.boilerplateThreshold(workCount: kase.works.count)
        guard numbers[2] == Int64(threshold ?? -1) else { return nil }
        guard let stored = String(validating: try r.array(UInt8.self), as: UTF8.self),
              key.differsOnlyInOutputs(from: stored) else { return nil }
        let tokenizer = Tokenizer(options: options.normalize)
        let probe = tokenizer.tokenize(probeText)
        guard try r.array(UInt8.self) == Array(probe.tokens.joined(separator: "\n").utf8),
              try r.array(Int32.self) == probe.starts, try r.array(Int32.self) == probe.ends else { return nil }

        let vocabularyUTF8 = try r.array(UInt8.self), vocabularyEnds = try r.array(UInt64.self)
        let read = try WorkIndex.read(from: &r, vocabulary: vocabularyEnds.count)
        let starts = try r.array(Int32.self), ends = try r.array(Int32.self)
        let spanIds = try r.array(UInt32.self), spanLengths = try r.array(Int64.self)
        try r.finish()

        guard let index = read, index.k == k, index.workStarts.count == kase.works.count + 1,
              starts.count == index.ids.count, ends.count == index.ids.count,
              spanLengths.allSatisfy({ $0 >= 0 }), spanLengths.reduce(0, +) == Int64(spanIds.count),
              var vocabulary = Vocabulary(snapshot: vocabularyUTF8, ends: vocabularyEnds),
              vocabulary.count == vocabularyEnds.count else { return nil }
        // The spans of boilerplate.txt as it stands, as ids: the same, and no token new
        // to the vocabulary (it was stored after they were interned).
        let known = vocabulary.count
        var spans = [[UInt32]]()
        var at = 0
        for n in spanLengths {
            spans.append(Array(spanIds[at..<(at + Int(n))]))
            at += Int(n)
        }
        let lines = MatchEngine.boilerplateLines(kase, tokenizer: tokenizer, minWords: k).spans
        guard lines.map({ vocabulary.ids($0) }) == spans, vocabulary.count == known else { return nil }

        let bounds = index.workStarts
        let slice: ([Int32]) -> [[Int32]] = { all in (0..<kase.works.count).map { Array(all[bounds[$0]..<bounds[$0 + 1]]) } }
        return PreparedWorks(vocabulary: vocabulary,
                             starts: slice(starts), ends: slice(ends), index: index, spans: spans, threshold: threshold)
    }
}
