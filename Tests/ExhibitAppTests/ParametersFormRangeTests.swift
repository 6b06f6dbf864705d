import Testing
import ExhibitCore
@testable import ExhibitApp

/// The `m` form refuses what `case.toml` and the command line refuse (issue 17): a
/// `min_words` of 2^63 − 1 hung the re-scan.
@Suite struct ParametersFormRangeTests {
    @Test(arguments: [
        (["9223372036854775807", "2", "0.8"], "min_words must be an integer from 1 to 1000"),
        (["6", "100000", "0.8"], "max_gap must be an integer from 0 to 1000"),
        (["6", "2", "nan"], "min_identity must be a number from 0 to 1"),
    ])
    func outOfRangeValuesAreRefused(texts: [String], message: String) {
        var form = ParametersForm(MatchParameters())
        for (i, t) in texts.enumerated() { form.fields[i].text = t }
        guard case .failure(let invalid) = form.parse(base: MatchParameters()) else {
            Issue.record("accepted \(texts)")
            return
        }
        #expect(invalid.message == message)
    }

    @Test func boundsAreAccepted() throws {
        var form = ParametersForm(MatchParameters())
        form.fields[0].text = "1000"
        form.fields[1].text = "0"
        form.fields[2].text = "1"
        let m = try form.parse(base: MatchParameters()).get()
        #expect(m.minWords == 1000 && m.maxGap == 0 && m.minIdentity == 1)
    }
}
