import ArgumentParser
import ExhibitCore
import Foundation

/// `exhibit annotate`: add, edit or delete one annotation from the command line.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Add, edit or delete an annotation; prints the new record's id.",
        discussion: """
            Add:    exhibit annotate CASE --source works/a.txt --start 10 --end 42 --tag key-passage [--note TEXT]
            Edit:   exhibit annotate CASE --edit ID [--tag T] [--note TEXT]
            Delete: exhibit annotate CASE --delete ID
            Offsets are Unicode scalars into the document's decoded text, half-open [start, end);
            each must fall between two characters (grapheme clusters): an offset inside an emoji
            sequence, a flag or a letter with its accents is refused with the nearest boundaries.
            An edit or deletion is a new record that supersedes ID; nothing is rewritten.
            The creator is $EXHIBIT_USER, else $USER, else the name kept in the user config
            ($XDG_CONFIG_HOME/exhibit/config.toml or ~/.config/exhibit/config.toml); with none
            of them, exhibit asks once in a terminal and keeps the answer there.
            """)

    @Argument(help: "The case folder.")
    var casePath: String

    @Option(help: "Document to annotate: its case-relative path, with #id for a JSONL record.")
    var source: String?

    @Option(help: "First Unicode scalar of the span (from 0).")
    var start: Int?

    @Option(help: "One past the last Unicode scalar of the span.")
    var end: Int?

    @Option(help: "A tag from the case's tag list.")
    var tag: String?

    @Option(help: "Free-text note.")
    var note: String?

    @Option(help: "Replace annotation ID with a new tag and/or note.")
    var edit: String?

    @Option(help: "Delete annotation ID.")
    var delete: String?

    // For tests and measurements: append the same annotation N times, printing each id
    // as soon as its record is on disk.
    @Option(help: .hidden)
    var `repeat`: Int = 1

    func validate() throws {
        let adding = source != nil || start != nil || end != nil
        switch (adding, edit != nil, delete != nil) {
        case (true, false, false):
            guard source != nil, let start, let end, tag != nil else {
                throw ValidationError("adding an annotation needs --source, --start, --end and --tag")
            }
            if start < 0 || end <= start { throw ValidationError("--start and --end must give a span 0 ≤ start < end") }
        case (false, true, false):
            if tag == nil && note == nil { throw ValidationError("--edit needs --tag or --note") }
        case (false, false, true):
            if tag != nil || note != nil { throw ValidationError("--delete takes no --tag or --note") }
        default:
            throw ValidationError("give either --source/--start/--end/--tag, or --edit ID, or --delete ID")
        }
        if `repeat` < 1 || (`repeat` > 1 && !adding) { throw ValidationError("--repeat must be 1 or more, and 1 for --edit and --delete") }
    }

    func run() throws {
        let kase = try openCase(casePath)
        let creator = Self.creator()
        do {
            for _ in 0..<`repeat` {
                let record: Annotation
                if let edit {
                    record = try AnnotationEditing.revise(kase, id: edit, tag: tag, note: note, creator: creator)
                } else if let delete {
                    record = try AnnotationEditing.delete(kase, id: delete, creator: creator)
                } else {
                    record = try AnnotationEditing.annotate(kase, source: source!, range: start!..<end!,
                                                            tag: tag!, note: note ?? "", creator: creator)
                }
                // Unbuffered, so a reader sees each id as soon as its record is durable.
                FileHandle.standardOutput.write(Data((record.id + "\n").utf8))
            }
        } catch let error as AnnotationError {
            Stderr.write("exhibit: \(error)")
            throw ExitCode.failure
        }
    }

    /// Who signs: `$EXHIBIT_USER`, `$USER`, the user config; else asked once on the
    /// terminal and kept in the user config. Without a terminal to ask, `unknown`, with a
    /// warning saying how to set it.
    static func creator() -> String {
        if let known = Annotation.knownCreator() { return known }
        let path = UserConfig.path() ?? "the user config"
        guard isatty(0) == 1 else {
            Stderr.write("warning: signing as 'unknown': set EXHIBIT_USER, or run exhibit annotate once in a terminal"
                         + " to keep your name in \(path)")
            return "unknown"
        }
        FileHandle.standardError.write(Data("Your name, to sign your annotations (kept in \(path)): ".utf8))
        let typed = (readLine() ?? "").trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return "unknown" }
        do {
            try UserConfig(creator: typed).save()
        } catch {
            Stderr.write("warning: your name is used this once: \(error)")
        }
        return typed
    }
}
