import ArgumentParser
import ExhibitCore

/// Checks `--min-words`, `--max-gap`, `--min-identity` and `--x-drop` against the ranges
/// `case.toml` is checked against (`ParameterRanges`), so a flag can never start a
/// scan that cannot finish.
func validateMatchFlags(minWords: Int?, maxGap: Int?, minIdentity: Double?, xDrop: Int? = nil) throws {
    if let minWords, let rule = ParameterRanges.check("--min-words", minWords, in: ParameterRanges.minWords) {
        throw ValidationError(rule)
    }
    if let maxGap, let rule = ParameterRanges.check("--max-gap", maxGap, in: ParameterRanges.maxGap) {
        throw ValidationError(rule)
    }
    if let minIdentity, let rule = ParameterRanges.check("--min-identity", minIdentity, in: ParameterRanges.minIdentity) {
        throw ValidationError(rule)
    }
    if let xDrop, let rule = ParameterRanges.check("--x-drop", xDrop, in: ParameterRanges.xDrop) {
        throw ValidationError(rule)
    }
}
