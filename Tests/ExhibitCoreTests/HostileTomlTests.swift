import Testing
@testable import ExhibitCore

/// `case.toml` texts that aborted the bundled TOML parser (exit 134): each is an error
/// naming line and byte offset, and every setting keeps its default (issue 17).
@Suite struct HostileTomlTests {
    private func read(_ text: String) throws -> (settings: CaseSettings, errors: [CaseIssue]) {
        let decoded = try TextDecoding.decode(Array(text.utf8))
        let r = CaseToml.read(decoded)
        return (r.settings, r.errors)
    }

    @Test(arguments: [
        ("[\\", 1, 1),
        ("[“match”]\nmin_words = 3\n", 1, 1),
        ("[[[a]]]", 1, 2),
        ("[#x]", 1, 1),
        ("[", 1, 1),
        ("[[", 1, 2),
        ("title = \"T\"\n\n  [ \t\\", 3, 18),
        ("[match]\nmin_words = 3\n[\n", 3, 23),
    ])
    func headerWithoutAKeyIsAnErrorWithLineAndByte(text: String, line: Int, byte: Int) throws {
        let r = try read(text)
        #expect(r.settings == CaseSettings())
        #expect(r.errors.count == 1)
        let error = try #require(r.errors.first)
        #expect(error.path == "case.toml")
        #expect(error.line == line)
        #expect(error.offset == byte)
        #expect(error.message.hasPrefix("not valid TOML (table header"))
        #expect(error.message.hasSuffix("default settings used"))
    }

    /// A `[` that opens a value, not a header, is left to the parser: these are valid
    /// TOML and read as before.
    @Test func bracketsInsideValuesAreNotHeaders() throws {
        let text = """
            title = "a [#x] \\" [\\\\"
            description = '''
            [\\
            [#x]'''
            [annotations]
            tags = [
              "one", # a comment [\\
              "two"
            ]
            [match]
            "min_words" = 7
            nested = [
              [ # comment
                1 ],
              [
                2 ],
            ]

            """
        let decoded = try TextDecoding.decode(Array(text.utf8))
        let r = CaseToml.read(decoded)
        #expect(r.errors.isEmpty)
        #expect(r.settings.title == "a [#x] \" [\\")
        #expect(r.settings.description == "[\\\n[#x]")
        #expect(r.settings.tags == ["one", "two"])
        #expect(r.settings.match.minWords == 7)
        #expect(r.warnings.map(\.message) == ["unknown key match.nested, ignored"])
    }
}
