import ArgumentParser
import ExhibitCore
import Foundation

/// `exhibit annotations`: list a case's annotations (the default), or push them to and
/// pull them from a review server.
struct AnnotationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotations",
        abstract: "List the case's annotations (exhibit annotations CASE), or push/pull them to/from a review server.",
        subcommands: [AnnotationsListCommand.self, AnnotationsPushCommand.self, AnnotationsPullCommand.self],
        defaultSubcommand: AnnotationsListCommand.self)
}

/// `exhibit annotations [list] CASE`: list a case's annotations as a table or JSON.
struct AnnotationsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the case's annotations with where they stand in the current text.",
        discussion: """
            Status: anchored (the document is unchanged), reanchored (the text changed and the
            quote was found again: exact, context or fuzzy), orphaned (it could not be placed
            with confidence; its quote is shown). Ranges are Unicode scalar offsets, half-open.
            Unreadable lines of annotations.jsonl are reported on stderr and skipped.
            """)

    @Argument(help: "The case folder.")
    var casePath: String

    @Flag(help: "Write JSON to stdout instead of a table.")
    var json = false

    @Option(help: "Only annotations with this tag.")
    var tag: String?

    @Option(help: "Only annotations of this document (case-relative path, #id for a JSONL record).")
    var source: String?

    @Flag(help: "Every record, including superseded, deleted and duplicate ones, in file order.")
    var all = false

    func run() throws {
        let kase = try openCase(casePath)
        let annotations: CaseAnnotations
        do {
            annotations = try CaseAnnotations.load(kase)
        } catch {
            Stderr.write("exhibit: cannot read annotations: \(error)")
            throw ExitCode.failure
        }
        for w in annotations.warnings { Stderr.write("warning: \(w)") }
        let list = (all ? annotations.all : annotations.current).filter {
            (tag == nil || $0.annotation.body.tag == tag) && (source == nil || $0.annotation.target.source == source)
        }
        if json {
            print(AnnotationListing.json(case: kase, list, warnings: annotations.warnings).serialized(indent: 1))
        } else {
            print(AnnotationListing.table(list, history: all), terminator: "")
        }
    }
}

/// The two forms of `exhibit annotations`.
enum AnnotationListing {
    static func state(_ s: AnnotationHistory.State) -> (String, String?) {
        switch s {
        case .current: return ("current", nil)
        case .superseded(let by): return ("superseded", by)
        case .deleted: return ("deleted", nil)
        case .duplicate: return ("duplicate", nil)
        }
    }

    static func json(case kase: Case, _ list: [ResolvedAnnotation], warnings: [CaseIssue]) -> JSONValue {
        func int(_ i: Int?) -> JSONValue { i.map { .int($0) } ?? .null }
        let items: [JSONValue] = list.map { r in
            let a = r.annotation, t = a.target
            var method: String?, reason: String?
            switch r.status {
            case .anchored: break
            case .reanchored(_, let how): method = how.rawValue
            case .orphaned(let why): reason = why
            }
            let (state, by) = state(r.entry.state)
            return .object([
                ("id", .string(a.id)),
                ("source", .string(t.source)),
                ("tag", .string(a.body.tag)),
                ("note", .string(a.body.note)),
                ("creator", .string(a.creator)),
                ("created", .string(a.created)),
                ("status", .string(r.status.name)),
                ("method", .optional(method)),
                ("reason", .optional(reason)),
                ("start", int(r.status.range?.lowerBound)),
                ("end", int(r.status.range?.upperBound)),
                ("recorded", .object([("start", .int(t.position.start)), ("end", .int(t.position.end)),
                                      ("sha256", .string(t.sha256))])),
                ("quote", .object([("exact", .string(t.quote.exact)), ("prefix", .string(t.quote.prefix)),
                                   ("suffix", .string(t.quote.suffix))])),
                ("state", .string(state)),
                ("superseded_by", .optional(by)),
                ("supersedes", .optional(a.supersedes)),
                ("deleted", .bool(a.deleted)),
                ("annotation", .string(r.entry.root)),
            ])
        }
        return .object([
            ("case", .object([("title", .string(kase.title))])),
            ("annotations", .array(items)),
            ("warnings", .array(warnings.map { w in
                .object([("path", .string(w.path)), ("line", int(w.line)), ("offset", int(w.offset)),
                         ("message", .string(w.message))])
            })),
        ])
    }

    /// One header row and one row per record, then the quote, note and any orphan reason
    /// indented below it; a count of statuses at the end.
    static func table(_ list: [ResolvedAnnotation], history: Bool) -> String {
        var header = ["SOURCE", "RANGE", "TAG", "STATUS", "CREATOR", "CREATED"]
        if history { header.append("STATE") }
        header.append("ID")
        var rows: [[String]] = []
        for r in list {
            let a = r.annotation
            var status = r.status.name
            let range: String
            switch r.status {
            case .anchored(let x): range = "\(x.lowerBound)..<\(x.upperBound)"
            case .reanchored(let x, let how):
                range = "\(x.lowerBound)..<\(x.upperBound)"
                status += " (\(how.rawValue))"
            case .orphaned: range = "(\(a.target.position.start)..<\(a.target.position.end))"
            }
            var row = [a.target.source, range, a.body.tag, status, a.creator, a.created]
            if history {
                let (s, by) = state(r.entry.state)
                row.append(by.map { "\(s) by \($0)" } ?? s)
            }
            row.append(a.id)
            rows.append(row.map { VisibleText.escaped($0) })
        }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count)
            }.joined(separator: "  ") + "\n"
        }
        var out = line(header)
        for (r, row) in zip(list, rows) {
            out += line(row)
            out += "    quote: " + quote(r.annotation.target.quote.exact) + "\n"
            if !r.annotation.body.note.isEmpty {
                out += "    note:  " + VisibleText.escaped(r.annotation.body.note) + "\n"
            }
            switch r.status {
            case .reanchored:
                let p = r.annotation.target.position
                out += "    was:   \(p.start)..<\(p.end) in a text that has since changed\n"
            case .orphaned(let why): out += "    why:   \(why)\n"
            case .anchored: break
            }
        }
        let counts = ["anchored", "reanchored", "orphaned"].map { name in
            "\(list.filter { $0.status.name == name }.count) \(name)"
        }
        out += "\(list.count) \(history ? "records" : "annotations") (\(counts.joined(separator: ", ")))\n"
        return out
    }

    // Quotes can be passages of hundreds of words; the table shows the start and says how
    // much is left (the JSON has all of it).
    static func quote(_ exact: String) -> String {
        let limit = 160
        let scalars = exact.unicodeScalars
        guard scalars.count > limit else { return "\"" + VisibleText.escaped(exact) + "\"" }
        let head = String(String.UnicodeScalarView(scalars.prefix(limit)))
        return "\"" + VisibleText.escaped(head) + "…\" (\(scalars.count) scalars in all)"
    }
}
