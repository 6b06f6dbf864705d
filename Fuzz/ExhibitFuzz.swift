// libFuzzer target over the entry points a hostile case folder reaches: decoding,
// JSONL, case.toml, the tokenizer, annotations (parsing and re-anchoring) and small
// scans. Not part of the package: scripts/fuzz.sh compiles it with swiftc against
// ExhibitCore built with -sanitize=fuzzer,address (see docs/fuzzing.md).
import ExhibitCore

/// Runs every entry point on one input; anything but a normal return is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func exhibitFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte picks options, so one corpus covers them.
    let b0 = Int(bytes.first ?? 0)

    // Annotations: the log parsed from the raw bytes.
    let log = AnnotationStore.parse(bytes)

    // Decoding; binary content is a normal outcome.
    guard let decoded = try? TextDecoding.decode(bytes) else { return 0 }
    let text = decoded.text

    // JSONL outputs, and case.toml.
    let jsonl = JSONLReader.read(decoded, path: "outputs/fuzz.jsonl")
    let toml = CaseToml.read(decoded, path: "case.toml")

    // Tokenizer, with options from the first byte's bits.
    var normalize = NormalizationOptions()
    normalize.nfkc = b0 & 1 == 0
    normalize.caseFold = b0 & 2 == 0
    normalize.quotes = b0 & 4 == 0
    normalize.invisibles = b0 & 8 == 0
    normalize.hyphens = b0 & 16 == 0
    normalize.cjkChars = b0 & 32 == 0
    let tokens = Tokenizer(options: normalize).tokenize(text)

    // A small case: the text up to its first blank line is the work, the rest one
    // output, plus the JSONL records as outputs; the annotations are anchored in it.
    let parts = text.split(separator: "\n\n", maxSplits: 1, omittingEmptySubsequences: false)
    let workText = String(parts[0])
    let outputText = parts.count > 1 ? String(parts[1]) : text
    let work = Document(id: "fuzz", role: .work, path: "works/fuzz.txt", text: workText)
    let whole = Document(id: "whole", role: .work, path: "works/whole.txt", text: text)
    var outputs = [Document(id: "o", role: .output, path: "outputs/o.txt", text: outputText)]
    for (i, record) in jsonl.records.prefix(8).enumerated() {
        let field = record.field("output")?.text ?? ""
        outputs.append(Document(id: "r\(i)", role: .output, path: "outputs/fuzz.jsonl", line: record.line,
                                text: field, prompt: record.field("prompt")?.text))
    }
    let annotations = CaseAnnotations(log: log, documents: [work, whole] + outputs)

    var match = toml.settings.match
    match.minWords = 1 + b0 % 8
    match.maxGap = (b0 >> 3) % 5
    let kase = Case(root: "/fuzz", settings: toml.settings, works: [work, whole], outputs: outputs)
    var options = ScanOptions(settings: kase.settings)
    options.match = match
    let result = try? Scanner.scan(kase, options: options)

    _ = (tokens.count, annotations.current.count, result?.pairs.count)
    return 0
}
