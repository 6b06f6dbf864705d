import ArgumentParser
import ExhibitClient
import ExhibitCore

/// The server and token options of the commands that talk to `exhibit serve`.
struct ServerOptions: ParsableArguments {
    @Option(help: "The review server, e.g. http://127.0.0.1:8080.")
    var server: String

    @Option(name: .customLong("token-file"), help: "File holding your token (from exhibit serve user add).")
    var tokenFile: String

    /// A client of `kase`'s container.
    func client(for kase: Case) throws -> ReviewClient {
        ReviewClient(server: server, caseID: kase.reviewID, token: try ReviewClient.token(fromFile: tokenFile))
    }
}

/// `exhibit annotations push CASE --server URL --token-file F`.
struct AnnotationsPushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Send the case's annotations.jsonl to a review server (records it holds are not sent twice).",
        discussion: """
            The container is /cases/{case}/annotations/, {case} being the id of case.toml, else \
            the folder's name. A first record is created (POST), a record superseding another \
            edits it (PUT with If-Match), a deletion deletes it (DELETE). Exit 1 when a record \
            was refused (each is named on stderr).
            """)

    @Argument(help: "The case folder.")
    var casePath: String

    @OptionGroup var remote: ServerOptions

    func run() throws {
        let kase = try openCase(casePath)
        do {
            let log = try AnnotationStore(casePath: kase.root).read()
            for w in log.warnings { Stderr.write("warning: \(w)") }
            let outcome = try AnnotationSync.push(log, to: try remote.client(for: kase))
            for r in outcome.refused { Stderr.write("refused: \(VisibleText.escaped(r))") }
            print("pushed \(VisibleText.escaped(kase.reviewID)): \(outcome)")
            if !outcome.refused.isEmpty { throw ExitCode.failure }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Stderr.write("exhibit annotations push: \(error)")
            throw ExitCode.failure
        }
    }
}

/// `exhibit annotations pull CASE --server URL --token-file F`.
struct AnnotationsPullCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Append to the case's annotations.jsonl the server's records it lacks, in the server's order.")

    @Argument(help: "The case folder.")
    var casePath: String

    @OptionGroup var remote: ServerOptions

    func run() throws {
        let kase = try openCase(casePath)
        do {
            let outcome = try AnnotationSync.pull(from: try remote.client(for: kase), into: AnnotationStore(casePath: kase.root))
            print("pulled \(VisibleText.escaped(kase.reviewID)): \(outcome.sent) new records, \(outcome.alreadyThere) already here")
        } catch {
            Stderr.write("exhibit annotations pull: \(error)")
            throw ExitCode.failure
        }
    }
}
