import ArgumentParser

/// `--store DIR` and `--rescan`, shared by every command that reads scan results.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("store"),
            help: ArgumentHelp("Keep the results store in DIR (default: CASE/.exhibit, or a per-user cache folder when CASE/.exhibit cannot be written).",
                               valueName: "DIR"))
    var directory: String?

    @Flag(help: "Scan in full even when the results store is current, and rewrite the store.")
    var rescan = false

    func validate() throws {
        if directory?.isEmpty == true { throw ValidationError("--store needs a folder, got an empty path") }
    }
}
