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

    /// The outputs named by standard input's records, one JSON object a line
    /// `{"path", "line", "offset", "record"}` (`line` 1-based, `offset` in bytes, as a
    /// single scan reads them): indices into `kase.outputs`, ascending. The case's own
    /// reading of the record is used, so ids and error positions are those of a single
    /// scan; a record the case could not load is in `Case.errors`, which the merge
    /// states, and is skipped here.
    static func stdinOutputs(_ kase: Case) throws -> [Int] {
        var byPlace = [String: Int]()
        for (i, d) in kase.outputs.enumerated() { byPlace["\(d.path)\u{0}\(d.line ?? 0)"] = i }
        var found = Set<Int>()
        var n = 0
        while let line = readLine(strippingNewline: true) {
            n += 1
            if line.isEmpty { continue }
            guard let o = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                  let path = o["path"] as? String else {
                Stderr.write("exhibit: standard input, line \(n): not a record {\"path\", \"line\", \"offset\", \"record\"}")
                throw ExitCode(1)
            }
            let place = "\(path)\u{0}\(o["line"] as? Int ?? 0)"
            if let i = byPlace[place] { found.insert(i) }
        }
        return found.sorted()
    }
}
