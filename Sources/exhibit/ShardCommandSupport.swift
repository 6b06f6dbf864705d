import ArgumentParser
import ExhibitCore
import Foundation

/// What the `exhibit shard` commands share: reading the plan, and the records of `--stdin`.
enum ShardCommandSupport {
    /// The plan at `path`, or one line naming it and why it cannot be used, and exit 1.
    static func readPlan(_ path: String) throws -> ShardPlan {
        do {
            return try ShardPlan.read(path: path)
        } catch {
            Stderr.write("exhibit: plan \(error)")
            throw ExitCode(1)
        }
    }

    /// Where one record read on standard input comes from in the case.
    struct StdinRecord {
        /// Case-relative path of its file (under `outputs/`).
        var path: String
        /// 1-based line in a JSONL file; nil for a whole-file output.
        var line: Int?
    }

    /// Standard input's records, one JSON object a line `{"path", "line", "offset",
    /// "record"}` (`line` 1-based, `offset` in bytes, as a single scan reads them), or
    /// one line naming the first bad line, and exit 1.
    static func stdinRecords() throws -> [StdinRecord] {
        var out = [StdinRecord]()
        var n = 0
        while let line = readLine(strippingNewline: true) {
            n += 1
            if line.isEmpty { continue }
            guard let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  let path = o["path"] as? String else {
                Stderr.write("exhibit: standard input, line \(n): not a record {\"path\", \"line\", \"offset\", \"record\"}")
                throw ExitCode(1)
            }
            out.append(StdinRecord(path: path, line: o["line"] as? Int))
        }
        return out
    }

    /// The plan's output indices of `records`, ascending, found in `kase` (the task's
    /// reading of their files, checked against the plan, so ids and error positions
    /// are those of a single scan). A record the case could not load is in the full
    /// case's errors, which the merge states, and is skipped here; a record that names
    /// no output of the plan (another file, a line past the end) is returned in `unknown`.
    static func stdinOutputs(_ records: [StdinRecord], kase: Case, plan: ShardPlan) -> (outputs: [Int], unknown: [StdinRecord]) {
        var byPlace = [String: String]()
        for d in kase.outputs { byPlace["\(d.path)\u{0}\(d.line ?? 0)"] = d.id }
        var index = [String: Int]()
        for (i, id) in plan.outputs.enumerated() { index[id] = i }
        let failed = Set(kase.errors.map { "\($0.path)\u{0}\($0.line ?? 0)" })
        var found = Set<Int>()
        var unknown = [StdinRecord]()
        for r in records {
            let place = "\(r.path)\u{0}\(r.line ?? 0)"
            if let id = byPlace[place], let i = index[id] {
                found.insert(i)
            } else if !failed.contains(place) {
                unknown.append(r)
            }
        }
        return (found.sorted(), unknown)
    }
}
