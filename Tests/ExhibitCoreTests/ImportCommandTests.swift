import Foundation
import Testing

/// `exhibit import` as a user runs it: the list, a bad format name, exit statuses.
@Suite struct ImportCommandTests {
    @Test func listNamesEveryFormat() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let r = try BinaryRunner.run(["import", "--list"])
        #expect(r.status == 0)
        for name in ["recap", "lm-eval", "eee", "copybench", "cotaeval", "cooper"] { #expect(r.stdout.contains(name)) }
    }

    @Test func wrongFormatNameIsAClearError() throws {
        let temp = ImportTemp()
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let folder = temp.folder()
        let r = try BinaryRunner.run(["import", "recapp", "x.json", folder + "/case"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("unknown format 'recapp'; formats: recap, lm-eval, eee, copybench, cotaeval"))
        let c = try BinaryRunner.run(["import", "cooper", "x.json", folder + "/case"])
        #expect(c.stderr.contains("pickles"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/case"))
    }

    @Test func badRecordFailsTheRunButImportsTheRest() throws {
        let temp = ImportTemp()
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let src = temp.folder()
        let good = ImportMalformedTests.row("a")
        ImportSamples.write(good + "\n{\"sample_id\": \n", src, "x.jsonl")
        let folder = temp.folder()
        let r = try BinaryRunner.run(["import", "eee", src + "/x.jsonl", folder])
        #expect(r.status == 1)
        #expect(r.stdout.contains("1 added"))
        // File, line, byte offset of the problem (the end of the cut line), reason.
        let line2 = good.utf8.count + 1
        #expect(r.stderr.contains("error: " + src + "/x.jsonl:2 (byte \(line2 + "{\"sample_id\": ".utf8.count)): not valid JSON"))
        let ok = try BinaryRunner.run(["import", "eee", src + "/x.jsonl", folder])
        #expect(ok.stdout.contains("0 added, 1 already in the case"))
    }
}
