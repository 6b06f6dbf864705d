// Micro benchmark of the text model (SPEC §2), not part of the product:
//   swift run -c release exhibit-tokbench [--repeat N] [--prompts] PATH...
// Each PATH is a case folder (works/*.txt|md and the text fields of works/ and
// outputs/*.jsonl), a .txt file or a .jsonl file; --prompts adds the outputs' prompts.
// Prints tokens (words) per second of thread CPU time, single-threaded.
import Foundation
import ExhibitCore

var repeats = 3
var prompts = false
var paths: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let a = arguments.popFirst() {
    if a == "--repeat", let n = arguments.popFirst().flatMap({ Int($0) }) {
        repeats = n
    } else if a == "--prompts" {
        prompts = true
    } else {
        paths.append(a)
    }
}
if paths.isEmpty {
    FileHandle.standardError.write(Data("usage: exhibit-tokbench [--repeat N] [--prompts] CASE_OR_FILE...\n".utf8))
    exit(2)
}

func texts(ofFile path: String, prompts: Bool) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    if path.hasSuffix(".jsonl") {
        var out: [String] = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { continue }
            // The document's text field (SPEC section 1), first one present.
            if let s = ["output", "text", "completion", "generation"].lazy.compactMap({ object[$0] as? String }).first {
                out.append(s)
            }
            if prompts, let p = object["prompt"] as? String { out.append(p) }
        }
        return out
    }
    return [String(decoding: data, as: UTF8.self)]
}

var corpus: [String] = []
for path in paths {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
    if isDirectory.boolValue {
        for folder in ["works", "outputs"] {
            let dir = (path as NSString).appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for name in names.sorted() { corpus += texts(ofFile: (dir as NSString).appendingPathComponent(name), prompts: prompts) }
        }
    } else {
        corpus += texts(ofFile: path, prompts: prompts)
    }
}
let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
let scalars = corpus.reduce(0) { $0 + $1.unicodeScalars.count }
print("texts: \(corpus.count), bytes: \(bytes), scalars: \(scalars)")

/// CPU time of this thread, in seconds: steadier than wall time on a shared machine.
func threadCPUTime() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let tokenizer = Tokenizer()
var best = Double.infinity
var bestCPU = Double.infinity
var tokens = 0
for round in 1...max(1, repeats) {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let c0 = threadCPUTime()
    var count = 0
    for text in corpus { count += tokenizer.tokenize(text).count }
    let cpu = threadCPUTime() - c0
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    tokens = count
    best = min(best, seconds)
    bestCPU = min(bestCPU, cpu)
    print(String(format: "round %d: %.3f s wall, %.3f s CPU, %d tokens, %.2f M words/s (CPU)",
                 round, seconds, cpu, count, Double(count) / cpu / 1e6))
}
print(String(format: "best: %.3f s wall, %.3f s CPU for %d tokens = %.2f M words/s (%.3f s CPU per M words), %.1f MB/s",
             best, bestCPU, tokens, Double(tokens) / bestCPU / 1e6, bestCPU / (Double(tokens) / 1e6),
             Double(bytes) / bestCPU / 1e6))
