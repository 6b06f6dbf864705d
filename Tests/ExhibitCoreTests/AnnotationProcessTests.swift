import Foundation
import Testing
@testable import ExhibitCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real `exhibit annotate` binary, many processes at once and killed mid-loop: every
/// acknowledged record survives, lines never interleave, the file always parses.
@Suite(.serialized) struct AnnotationProcessTests {
    static let text = "Counsel will want this sentence in the expert report. And this one too, with 😀 and 東京."

    /// Starts `exhibit` with `arguments`; standard output and error go to pipes.
    static func launch(_ arguments: [String], user: String) throws -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: AnnotationFixtures.exhibitBinary!)
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["EXHIBIT_USER"] = user
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return (p, out, err)
    }

    static func lines(_ data: Data) -> [String] {
        String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Runs `exhibit` to the end: exit status, standard output, standard error.
    static func run(_ arguments: [String]) throws -> (Int32, String, String) {
        let (p, out, err) = try launch(arguments, user: "cli")
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: AnnotationFixtures.exhibitBinary != nil, Comment(rawValue: AnnotationFixtures.binaryMissing)))
    func commandLine() throws {
        let casePath = try AnnotationFixtures.makeCase(works: ["a.txt": Self.text])
        defer { AnnotationFixtures.remove(casePath) }
        let add = ["annotate", casePath, "--source", "works/a.txt", "--start", "0", "--end", "53"]

        var (status, out, err) = try Self.run(add + ["--tag", "bogus"])
        #expect(status == 1 && out.isEmpty)
        #expect(err.contains("unknown tag 'bogus'; the case allows: key-passage, quotation-not-original, exclude, follow-up"))
        (status, _, err) = try Self.run(["annotate", casePath, "--source", "works/a.txt", "--start", "80", "--end", "99",
                                         "--tag", "exclude"])
        #expect(status == 1 && err.contains("outside the text (86 Unicode scalars)"))
        (status, _, err) = try Self.run(["annotate", casePath, "--source", "works/a.txt", "--tag", "exclude"])
        #expect(status != 0 && err.contains("needs --source, --start, --end and --tag"))

        (status, out, _) = try Self.run(add + ["--tag", "key-passage", "--note", "for the report"])
        #expect(status == 0)
        let id = out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.hasPrefix("urn:uuid:"))
        (status, out, _) = try Self.run(["annotate", casePath, "--edit", id, "--tag", "follow-up"])
        let edit = out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == 0 && edit.hasPrefix("urn:uuid:") && edit != id)

        (status, out, _) = try Self.run(["annotations", casePath])
        #expect(status == 0)
        #expect(out.contains("works/a.txt  0..<53  follow-up  anchored  cli"))
        #expect(out.contains("quote: \"Counsel will want this sentence in the expert report.\""))
        #expect(out.contains("note:  for the report"))
        #expect(out.hasSuffix("1 annotations (1 anchored, 0 reanchored, 0 orphaned)\n"))
        (_, out, _) = try Self.run(["annotations", casePath, "--all"])
        #expect(out.contains("superseded by \(edit)") && out.contains("2 records"))
        (_, out, _) = try Self.run(["annotations", casePath, "--tag", "exclude"])
        #expect(out.hasSuffix("0 annotations (0 anchored, 0 reanchored, 0 orphaned)\n"))

        // The sentence is rewritten and a power cut left half a line: orphaned, warned, listed.
        try AnnotationFixtures.rewrite(casePath, work: "a.txt", "Something else entirely now. And this one too, with 😀 and 東京.")
        try AnnotationFixtures.appendBytes(casePath + "/annotations.jsonl", Array("{\"@context\":\"http".utf8))
        let size = AnnotationFixtures.fileBytes(casePath + "/annotations.jsonl").count - 17
        (status, out, err) = try Self.run(["annotations", casePath])
        #expect(status == 0)
        #expect(out.contains("(0..<53)  follow-up  orphaned"))
        #expect(out.contains("why:   the quote is no longer in the text"))
        #expect(err.contains("warning: annotations.jsonl:3 (byte \(size)): torn last line"))

        (status, out, _) = try Self.run(["annotate", casePath, "--delete", edit])
        #expect(status == 0)
        (_, out, _) = try Self.run(["annotations", casePath])
        #expect(out.hasSuffix("0 annotations (0 anchored, 0 reanchored, 0 orphaned)\n"))
    }

    @Test(.enabled(if: AnnotationFixtures.exhibitBinary != nil, Comment(rawValue: AnnotationFixtures.binaryMissing)))
    func concurrentProcessesNeitherInterleaveNorLose() throws {
        let casePath = try AnnotationFixtures.makeCase(works: ["a.txt": Self.text])
        defer { AnnotationFixtures.remove(casePath) }
        let processes = 12, each = 20
        let start = Date()
        // Notes from a few bytes to 8 KiB, so a torn or interleaved write would show.
        let running = try (0..<processes).map { n in
            try Self.launch(["annotate", casePath, "--source", "works/a.txt", "--start", "\(n)", "--end", "\(n + 20)",
                             "--tag", "key-passage", "--note", String(repeating: "\(n % 10)", count: 1 << (n % 14)),
                             "--repeat", "\(each)"], user: "proc-\(n)")
        }
        var acknowledged: [String] = []
        for (p, out, err) in running {
            let printed = out.fileHandleForReading.readDataToEndOfFile()
            let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(errors)")
            acknowledged += Self.lines(printed)
        }
        let seconds = Date().timeIntervalSince(start)
        #expect(acknowledged.count == processes * each)
        #expect(Set(acknowledged).count == processes * each)

        let store = AnnotationStore(casePath: casePath)
        let log = try store.read()
        #expect(log.warnings.isEmpty)
        #expect(log.records.count == processes * each)
        #expect(Set(log.records.map(\.annotation.id)) == Set(acknowledged))
        // Every line is exactly one record: as many line feeds as records.
        #expect(AnnotationFixtures.fileBytes(store.path).filter { $0 == 0x0A }.count == processes * each)
        for r in log.records {
            let n = Int(r.annotation.creator.dropFirst(5))!
            #expect(r.annotation.body.note == String(repeating: "\(n % 10)", count: 1 << (n % 14)))
            #expect(r.annotation.target.position.start == n)
        }
        print("annotation processes: \(processes) exhibit processes × \(each) appends = \(processes * each) records in "
              + String(format: "%.2f s", seconds) + ", none lost")

        // And `exhibit annotations --json` lists all of them, anchored.
        let (p, out, _) = try Self.launch(["annotations", casePath, "--json"], user: "reader")
        let json = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let items = try #require(object["annotations"] as? [[String: Any]])
        #expect(items.count == processes * each)
        #expect(items.allSatisfy { $0["status"] as? String == "anchored" })
    }

    @Test(.enabled(if: AnnotationFixtures.exhibitBinary != nil, Comment(rawValue: AnnotationFixtures.binaryMissing)))
    func killedWhileAnnotatingLosesNoAcknowledgedRecord() throws {
        let casePath = try AnnotationFixtures.makeCase(works: ["a.txt": Self.text])
        defer { AnnotationFixtures.remove(casePath) }
        let store = AnnotationStore(casePath: casePath)
        var acknowledged: [String] = []
        var rates: [Double] = []
        for round in 0..<4 {
            // A long note makes each write large, so a kill is likelier to land mid-write.
            let (p, out, _) = try Self.launch(["annotate", casePath, "--source", "works/a.txt", "--start", "0", "--end", "8",
                                               "--tag", "follow-up", "--note", String(repeating: "x", count: 100_000),
                                               "--repeat", "1000000"], user: "looper")
            let reader = out.fileHandleForReading
            var printed = Data()
            let target = 10 + 15 * round
            let start = Date()
            while printed.filter({ $0 == 0x0A }).count < target {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                printed.append(chunk)
            }
            rates.append(Double(target) / Date().timeIntervalSince(start))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(p.terminationReason == .uncaughtSignal)
            printed.append(reader.readDataToEndOfFile())
            // Only whole lines were acknowledged: an id cut by the kill was never printed in full.
            var ids = Self.lines(printed)
            if printed.last != 0x0A { ids.removeLast() }
            #expect(ids.count >= target)
            acknowledged += ids

            let log = try store.read()
            let present = Set(log.records.map(\.annotation.id))
            #expect(acknowledged.allSatisfy(present.contains), "round \(round): an acknowledged record is missing")
            // At most one skipped line, and only a torn last line (a later append seals it,
            // after which it is reported as a bad line but still only that one).
            #expect(log.warnings.count <= round + 1)
        }
        // After the crashes the file still takes new records, each on its own line.
        let after = AnnotationFixtures.record(99, text: Self.text, range: 0..<8)
        try store.append(after)
        let log = try store.read()
        #expect(log.records.last?.annotation == after)
        #expect(Set(log.records.map(\.annotation.id)).isSuperset(of: acknowledged))
        print("annotation crash test: \(acknowledged.count) acknowledged records across 4 SIGKILLs, all present; "
              + "\(log.warnings.count) torn line(s) skipped; "
              + String(format: "%.0f appends/s of 100 KB records with fsync", rates.reduce(0, +) / Double(rates.count)))
    }
}
