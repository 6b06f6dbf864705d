import ArgumentParser
import ExhibitCore

/// `exhibit`: review memorization evidence in a case folder. `exhibit --version` prints
/// the engine version (the one every report and export names).
struct Exhibit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exhibit",
        abstract: "Review memorization evidence: which passages of model outputs copy which works.",
        version: exhibitEngineVersion,
        subcommands: [OpenCommand.self, ScanCommand.self, AnnotationsCommand.self, AnnotateCommand.self, ExportCommand.self, ReportCommand.self, ImportCommand.self, ShardCommand.self, ServeCommand.self],
        defaultSubcommand: OpenCommand.self)
}
