import ArgumentParser
import ExhibitCore

/// Loads the case at `path` for a command, or prints one line naming the path and why
/// it cannot be opened, and exits 1 (the README's promise for every command).
func openCase(_ path: String) throws -> Case {
    do {
        return try CaseLoader.load(path: path)
    } catch {
        Stderr.write("exhibit: cannot open case \(error)")
        throw ExitCode.failure
    }
}
