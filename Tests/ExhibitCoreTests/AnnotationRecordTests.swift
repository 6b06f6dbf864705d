import Foundation
import Testing
@testable import ExhibitCore

/// Records: the W3C Web Annotation line format, read back exactly; tolerant reading.
@Suite struct AnnotationRecordTests {
    @Test func roundTripKeepsEveryField() throws {
        let text = "Intro \"quoted\" \\ back\tslash\nline two 😀 東京\u{2028}end\u{0}nul"
        var a = try Annotation.make(source: "outputs/runs.jsonl#run-7", text: ScalarText(text), range: 6..<40,
                                    body: AnnotationBody(tag: "quotation-not-original",
                                                         note: "multi\nline \"note\" with é and 😀"),
                                    creator: "Ann O'Tator")
        a.supersedes = "urn:uuid:00000000-0000-4000-8000-000000000001"
        let line = AnnotationJSON.line(a)
        #expect(!line.contains("\n"))
        #expect(!line.unicodeScalars.contains("\u{2028}"))   // escaped: some JSON-lines readers split on it
        let back = try AnnotationJSON.parse(Array(line.utf8))
        #expect(back == a)
        #expect(back.target.quote.exact == ScalarText(text).string(6..<40))

        var deletion = a.deletion(creator: "bob")
        deletion.created = "2025-06-02T00:00:00.000Z"
        let d = try AnnotationJSON.parse(Array(AnnotationJSON.line(deletion).utf8))
        #expect(d == deletion && d.deleted && d.supersedes == a.id && d.body == a.body && d.target == a.target)
    }

    @Test func writesW3CFieldsInFixedOrder() {
        let line = AnnotationJSON.line(AnnotationFixtures.record(1))
        #expect(line == """
            {"@context":"http://www.w3.org/ns/anno.jsonld","id":"urn:uuid:00000000-0000-4000-8000-000000000001",\
            "type":"Annotation","created":"2025-06-01T09:30:00.000Z","creator":"tester",\
            "body":{"tag":"key-passage","note":""},\
            "target":{"source":"works/a.txt","sha256":"\(ScalarText("The quick brown fox jumps.").sha256)",\
            "selector":[{"type":"TextPositionSelector","start":4,"end":9},\
            {"type":"TextQuoteSelector","exact":"quick","prefix":"The ","suffix":" brown fox jumps."}]}}
            """)
    }

    @Test func readsAnyKeyOrderAndUnknownKeys() throws {
        let line = """
            {"target":{"selector":[{"suffix":"s","exact":"abc","type":"TextQuoteSelector"},\
            {"end":5,"start":2,"type":"TextPositionSelector"}],"extra":[1],"sha256":"ff","source":"works/x.txt"},\
            "body":{"tag":"exclude"},"future":{"a":1},"type":"Annotation","id":"urn:uuid:x",\
            "deleted":false,"creator":"c","@context":"http://www.w3.org/ns/anno.jsonld","created":"t"}
            """
        let a = try AnnotationJSON.parse(Array(line.utf8))
        #expect(a.id == "urn:uuid:x" && a.creator == "c" && a.created == "t" && !a.deleted && a.supersedes == nil)
        #expect(a.target.position == TextPositionSelector(start: 2, end: 5))
        #expect(a.target.quote == TextQuoteSelector(exact: "abc", prefix: "", suffix: "s"))
        #expect(a.body == AnnotationBody(tag: "exclude", note: ""))
    }

    @Test(arguments: [
        ("not json", "not valid JSON"),
        ("[1,2]", "not a JSON object"),
        (#"{"id":"x","type":"Annotation","body":{"tag":"t"}}"#, "record has no target"),
        (#"{"id":"x","body":{"tag":"t"},"target":{"source":"s","selector":[{"type":"TextPositionSelector","start":true,"end":3},{"type":"TextQuoteSelector","exact":"e"}]}}"#,
         "TextPositionSelector has no integer start"),
        (#"{"id":"x","body":{"tag":"t"},"target":{"source":"s","selector":[{"type":"TextPositionSelector","start":1.5,"end":3},{"type":"TextQuoteSelector","exact":"e"}]}}"#,
         "TextPositionSelector has no integer start"),
        (#"{"id":"x","body":{"tag":"t"},"target":{"source":"s","selector":[{"type":"TextPositionSelector","start":4,"end":3},{"type":"TextQuoteSelector","exact":"e"}]}}"#,
         "is not a span"),
        (#"{"id":"x","body":{"tag":"t"},"target":{"source":"s","selector":{"type":"TextPositionSelector","start":0,"end":3}}}"#,
         "has no TextQuoteSelector"),
        (#"{"id":"x","deleted":1,"body":{"tag":"t"},"target":{"source":"s","selector":[{"type":"TextPositionSelector","start":0,"end":3},{"type":"TextQuoteSelector","exact":"e"}]}}"#,
         "deleted is not true or false"),
    ])
    func rejectsMalformedRecords(line: String, message: String) {
        #expect {
            _ = try AnnotationJSON.parse(Array(line.utf8))
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func startZeroIsANumberNotFalse() throws {
        // JSONSerialization bridges 0 and 1 to Bool; offsets 0 and 1 must still read as numbers.
        let line = #"{"id":"x","body":{"tag":"t"},"target":{"source":"s","selector":[{"type":"TextPositionSelector","start":0,"end":1},{"type":"TextQuoteSelector","exact":"e"}]},"deleted":true}"#
        let a = try AnnotationJSON.parse(Array(line.utf8))
        #expect(a.target.position == TextPositionSelector(start: 0, end: 1) && a.deleted)
    }

    @Test func idsTimesAndCreators() {
        let id = Annotation.newID()
        #expect(id.hasPrefix("urn:uuid:") && id.count == 45 && id == id.lowercased())
        #expect(Annotation.newID() != id)
        let t = Annotation.timestamp(Date(timeIntervalSince1970: 1_748_770_200.125))
        #expect(t == "2025-06-01T09:30:00.125Z")
        #expect(Annotation.defaultCreator(environment: ["EXHIBIT_USER": "ann", "USER": "root"]) == "ann")
        #expect(Annotation.defaultCreator(environment: ["EXHIBIT_USER": "", "USER": "root"]) == "root")
        #expect(Annotation.defaultCreator(environment: [:]) == "unknown")
    }

    @Test func sha256IsOfTheDecodedTextAsUTF8() {
        // FIPS 180-2 test vector.
        #expect(ScalarText("abc").sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ScalarText("").sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func makeRejectsEmptyAndOutOfBoundsSpans() {
        let text = ScalarText("short")
        #expect(throws: AnnotationError.emptyRange(source: "s", start: 2)) {
            try Annotation.make(source: "s", text: text, range: 2..<2, body: AnnotationBody(tag: "t"))
        }
        #expect(throws: AnnotationError.rangeOutOfBounds(source: "s", range: 3..<6, length: 5)) {
            try Annotation.make(source: "s", text: text, range: 3..<6, body: AnnotationBody(tag: "t"))
        }
    }
}

/// Issue 9, point 9: the creator is asked once and stored in a user config.
@Suite struct UserConfigTests {
    @Test func creatorIsStoredOnceAndUsedWhenUserIsUnset() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-config-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["XDG_CONFIG_HOME": dir]
        #expect(UserConfig.path(environment: env) == dir + "/exhibit/config.toml")
        #expect(UserConfig.path(environment: ["HOME": "/home/a"]) == "/home/a/.config/exhibit/config.toml")
        #expect(UserConfig.path(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/exhibit/config.toml")
        #expect(Annotation.knownCreator(environment: env) == nil)
        #expect(Annotation.defaultCreator(environment: env) == "unknown")
        let name = "Zoë \"Z\" O'Neil\\\u{7}"
        try UserConfig(creator: name).save(environment: env)
        #expect(UserConfig.load(environment: env).creator == name)
        #expect(Annotation.defaultCreator(environment: env) == name)
        // $USER and $EXHIBIT_USER still come first.
        #expect(Annotation.defaultCreator(environment: env.merging(["USER": "root"]) { a, _ in a }) == "root")
        let text = try String(contentsOfFile: dir + "/exhibit/config.toml", encoding: .utf8)
        #expect(text.contains(#"creator = "Zoë \"Z\" O'Neil\\\u0007""#))
    }

    @Test func aDamagedConfigIsIgnored() {
        #expect(UserConfig.parse("creator = [\\\n").creator == nil)
        #expect(UserConfig.parse("creator = \"unterminated").creator == nil)
        #expect(UserConfig.parse("# c\ncreator=\"ok\"\n").creator == "ok")
        #expect(UserConfig.parse("creator = \"\\u00e9\"").creator == "é")
    }
}
