import Foundation
import ExhibitCore

/// An export the screen asks the shell to write (``AppEffect/export(_:)``).
public struct ExportJob: Sendable, Equatable {
    /// Numbers the jobs of one session, so a late answer finds its dialog.
    public var id: Int
    /// What, in which format, with which annotations and date.
    public var request: ExportRequest
    /// Replace an existing file (only after the user said so).
    public var overwrite: Bool
    // Built by the screen only: the memberwise initializer (internal) is the one it uses.
}

/// How an ``ExportJob`` ended (``AppMessage/exported(_:)``).
public struct ExportOutcome: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        /// The file was written at this path.
        case written(String)
        /// The file exists and the job did not allow overwriting it.
        case exists(String)
        /// Why nothing was written.
        case failed(String)
    }

    public var job: ExportJob
    public var result: Result
}

/// Writes exports off the UI thread: rendering a novel's reconstruction as
/// HTML and fsyncing it can take a noticeable moment, and the screen keeps
/// answering keys meanwhile. Nothing is rescanned: the result in memory is used.
public enum ExportWorker {
    /// Renders and writes `job` to `CASE/exports/` (atomically, never
    /// replacing a file unless `job.overwrite`).
    public static func perform(_ job: ExportJob, case kase: Case, result: ScanResult) -> ExportOutcome {
        do {
            let path = try Exporter.export(job.request, case: kase, result: result, to: nil, overwrite: job.overwrite)
            return ExportOutcome(job: job, result: .written(path))
        } catch ExportError.fileExists(let path) {
            return ExportOutcome(job: job, result: .exists(path))
        } catch {
            return ExportOutcome(job: job, result: .failed("\(error)"))
        }
    }

    /// ``perform(_:case:result:)`` on a new thread; posts the outcome.
    public static func start(_ job: ExportJob, case kase: Case, result: ScanResult,
                             post: @escaping @Sendable (AppMessage) -> Void) {
        let thread = Thread { post(.exported(perform(job, case: kase, result: result))) }
        thread.name = "exhibit-export-\(job.id)"
        thread.stackSize = 8 << 20
        thread.start()
    }
}
