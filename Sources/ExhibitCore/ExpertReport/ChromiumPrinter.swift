import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints `report.html` to PDF with headless Chromium (`--print-to-pdf`), which
/// honours the report's `@page` rules: paper size, running header, page numbers.
/// Everything Chromium writes (a throw-away profile, caches, the PDF before it takes
/// its name) stays inside the report's folder and is removed afterwards.
public enum ChromiumPrinter {
    /// The Debian/Ubuntu package that provides it.
    public static let debianPackage = "chromium"
    /// Program names tried on the `PATH`, in order.
    static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    /// Longest wait for one print, in seconds; Chromium is then stopped.
    static let timeout: TimeInterval = 300

    /// The first Chromium program on `path` (a `PATH` value), or nil.
    public static func executable(path: String?) -> String? {
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
            for name in names {
                let candidate = dir + "/" + name
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// The command line for printing `html` to `pdf` (both absolute paths).
    /// - Parameter asRoot: add `--no-sandbox`, without which Chromium refuses to run as root.
    static func arguments(html: String, pdf: String, profile: String, asRoot: Bool) -> [String] {
        ["--headless", "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-background-networking",
         "--disable-sync", "--disable-crash-reporter", "--disable-breakpad", "--no-pdf-header-footer",
         "--user-data-dir=" + profile, "--print-to-pdf=" + pdf]
            + (asRoot ? ["--no-sandbox"] : [])
            + [URL(fileURLWithPath: html).absoluteString]
    }

    /// Prints `folder/report.html` to `folder/report.pdf`.
    /// - Parameter overwrite: replace an existing `report.pdf`.
    /// - Returns: the path of the PDF.
    /// - Throws: `ExpertReportError.chromiumMissing` when no Chromium is on the PATH
    ///   (the message names the package), `.printFailed` when it gives no PDF,
    ///   `ExportError.fileExists` when the PDF exists and `overwrite` is false.
    @discardableResult
    public static func print(folder: String, overwrite: Bool, environment: [String: String]) throws -> String {
        guard let program = executable(path: environment["PATH"]) else { throw ExpertReportError.chromiumMissing }
        let dir = URL(fileURLWithPath: folder).standardizedFileURL.path
        let target = dir + "/report.pdf"
        if !overwrite && FileManager.default.fileExists(atPath: target) { throw ExportError.fileExists(target) }
        let tag = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let profile = dir + "/.chromium-profile-" + tag
        let temp = dir + "/.report.pdf." + tag + ".tmp"
        defer {
            try? FileManager.default.removeItem(atPath: profile)
            try? FileManager.default.removeItem(atPath: temp)
        }
        do {
            try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: false)
        } catch {
            throw ExpertReportError.writeFailed(path: profile, message: error.localizedDescription)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments(html: dir + "/report.html", pdf: temp, profile: profile, asRoot: geteuid() == 0)
        var env = environment
        for key in ["HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"] { env[key] = profile }
        process.environment = env
        // Chromium's messages go to a file in the profile, read only when it fails.
        let log = profile + "/stderr.log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let logHandle = FileHandle(forWritingAtPath: log)
        process.standardError = logHandle ?? FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw ExpertReportError.printFailed("cannot start \(program): \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw ExpertReportError.printFailed("no PDF after \(Int(timeout)) s; stopped")
        }
        process.waitUntilExit()
        try? logHandle?.close()
        let size = (try? FileManager.default.attributesOfItem(atPath: temp)[.size] as? Int) ?? 0
        guard process.terminationStatus == 0, size > 0 else {
            let said = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let words = said.split(separator: "\n").suffix(3).joined(separator: " | ")
            throw ExpertReportError.printFailed("exit status \(process.terminationStatus)"
                                                + (words.isEmpty ? "" : ": " + VisibleText.escaped(words)))
        }
        if overwrite {
            guard rename(temp, target) == 0 else {
                throw ExpertReportError.writeFailed(path: target, message: String(cString: strerror(errno)))
            }
        } else if link(temp, target) != 0 {
            if errno == EEXIST { throw ExportError.fileExists(target) }
            throw ExpertReportError.writeFailed(path: target, message: String(cString: strerror(errno)))
        }
        return target
    }
}
