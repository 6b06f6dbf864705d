import ArgumentParser

/// `exhibit`: review memorization evidence in a case folder.
struct Exhibit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exhibit",
        abstract: "Review memorization evidence: which passages of model outputs copy which works.",
        subcommands: [OpenCommand.self, ScanCommand.self, AnnotationsCommand.self, AnnotateCommand.self, ExportCommand.self, ImportCommand.self],
        defaultSubcommand: OpenCommand.self)
}
