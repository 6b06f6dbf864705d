import ArgumentParser
import ExhibitCore
import ExhibitServer
import Foundation

/// `exhibit serve`: the team review server (SPEC §11), its users and its audit.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a team's annotations from PostgreSQL (W3C Web Annotation Protocol).",
        discussion: """
            exhibit serve --db postgres://USER@HOST:PORT/DB --listen 127.0.0.1:8080 serves \
            /cases/{case}/annotations/ for every case; {case} is the id of case.toml, else the \
            case folder's name. Add users with exhibit serve user add; check the audit chain \
            with exhibit serve verify.
            """,
        subcommands: [ServeRunCommand.self, ServeUserCommand.self, ServeVerifyCommand.self],
        defaultSubcommand: ServeRunCommand.self)
}

/// The PostgreSQL URL every `serve` command takes.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "PostgreSQL URL: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE, or ...@/DATABASE?host=/socket/folder.")
    var url: String

    func parsed() throws -> DatabaseURL {
        do {
            return try DatabaseURL(url)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// `exhibit serve [run]`: answer requests until interrupted.
struct ServeRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the server (the default: exhibit serve --db URL --listen HOST:PORT).")

    @OptionGroup var db: DatabaseOption

    @Option(help: "HOST:PORT to listen on (loopback unless --tls-cert and --tls-key are given).")
    var listen: String = "127.0.0.1:8080"

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain, for TLS.")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key, for TLS.")
    var tlsKey: String?

    @Option(name: .customLong("page-size"), help: "Annotations per container page, 1–1000.")
    var pageSize: Int = 100

    func run() throws {
        let options: ReviewServer.Options
        do {
            options = ReviewServer.Options(database: try db.parsed(), listen: try ListenAddress(listen),
                                           tlsCertificate: tlsCert, tlsKey: tlsKey, pageSize: pageSize)
            try ReviewServer.check(options)
        } catch {
            Stderr.write("exhibit serve: \(error)")
            throw ExitCode(2)
        }
        do {
            try runBlocking {
                try await ReviewServer.run(options) { url in
                    print("exhibit serve: listening on \(url) (database \(options.database))")
                    fflush(nil)  // all streams: the line is what scripts wait for
                }
            }
        } catch {
            Stderr.write("exhibit serve: \(error)")
            throw ExitCode.failure
        }
    }
}

/// `exhibit serve user add NAME --role ROLE --db URL`.
struct ServeUserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage the server's users.",
        subcommands: [ServeUserAddCommand.self])
}

struct ServeUserAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a user; prints their token once, as the last line (the database keeps only its SHA-256).")

    @Argument(help: "The user's name (what their changes are signed with).")
    var name: String

    @Option(help: "lead (changes anyone's annotations), reviewer (their own), read-only (none).")
    var role: String

    @OptionGroup var db: DatabaseOption

    func validate() throws {
        guard Role(rawValue: role) != nil else {
            throw ValidationError("--role must be lead, reviewer or read-only, got '\(role)'")
        }
    }

    func run() throws {
        let url = try db.parsed()
        let role = Role(rawValue: role)!
        let name = name
        do {
            let token = try runBlocking { try await ReviewDatabase.with(url) { try await $0.addUser(name: name, role: role) } }
            print("added \(VisibleText.escaped(name)) (\(role.rawValue)); their token, shown only now:")
            print(token)
        } catch {
            Stderr.write("exhibit serve user add: \(error)")
            throw ExitCode.failure
        }
    }
}

/// `exhibit serve verify --db URL`: recompute the event chain, then compare each
/// annotation's current row with its last event.
struct ServeVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the hash chain of every event and check each annotation's current row against its last event; name the first that fails (exit 1).")

    @OptionGroup var db: DatabaseOption

    func run() throws {
        let url = try db.parsed()
        let outcome: (events: Int, rows: Int, chain: EventChain.Break?, row: String?)
        do {
            outcome = try runBlocking {
                try await ReviewDatabase.with(url) { db in
                    let (events, head) = try await db.chain()
                    let rows = try await db.currentRows()
                    return (events.count, rows.count, EventChain.verify(events, head: head),
                            CurrentRows.firstDifference(rows, events: events))
                }
            }
        } catch {
            Stderr.write("exhibit serve verify: \(error)")
            throw ExitCode(2)
        }
        if let broken = outcome.chain {
            print("chain broken: \(VisibleText.escaped(broken.message))")
            throw ExitCode.failure
        }
        print("chain verified: \(outcome.events) events")
        if let difference = outcome.row {
            print("current rows differ: \(VisibleText.escaped(difference))")
            throw ExitCode.failure
        }
        print("current rows verified: \(outcome.rows) annotations")
    }
}
