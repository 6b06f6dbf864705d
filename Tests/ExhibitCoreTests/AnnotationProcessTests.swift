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
