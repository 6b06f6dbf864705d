import Foundation
import Testing
@testable import ExhibitCore

#if canImport(Glibc)
import Glibc
#endif

/// The one writer never replaces what is not a plain file: links stay links (their
/// target is written, atomically), FIFOs and devices are written through, folders are
/// refused. Devices are made with mknod(2) in a temporary folder (root only), never the
/// system's own.
@Suite struct NonPlainDestinationTests {
    static func kind(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    static var isRoot: Bool { getuid() == 0 }

    /// A character device with the numbers of the null device (1, 3), made in `folder`.
    static func makeNullDevice(_ path: String) -> Bool {
        mknod(path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0
    }

    /// Opens the FIFO at `path` for reading on another thread and collects what comes.
    final class FIFOReader: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ path: String) {
            let thread = Thread { [self] in
                let handle = FileHandle(forReadingAtPath: path)
                let got = handle?.readDataToEndOfFile() ?? Data()
                lock.lock(); data = got; lock.unlock()
                done.signal()
            }
            thread.start()
        }

        /// What was read, once the writer closed (nil after 20 s).
        func wait() -> String? {
            guard done.wait(timeout: .now() + 20) == .success else { return nil }
            lock.lock(); defer { lock.unlock() }
            return String(decoding: data, as: UTF8.self)
        }
    }

    @Test func aLinkToAFileStaysALinkAndItsTargetIsReplaced() throws {
        let root = try ExportWriterTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: true)
        try "old".write(toFile: root + "/real/report.json", atomically: false, encoding: .utf8)
        chmod(root + "/real/report.json", 0o600)
        try FileManager.default.createSymbolicLink(atPath: root + "/link.json", withDestinationPath: "real/report.json")
        // A chain: link2 → link.json → real/report.json.
        try FileManager.default.createSymbolicLink(atPath: root + "/link2.json", withDestinationPath: root + "/link.json")

        #expect(throws: ExportError.fileExists(root + "/link.json")) {
            try ExportWriter.write("new", to: root + "/link.json", overwrite: false)
        }
        try ExportWriter.write("new", to: root + "/link.json", overwrite: true)
        #expect(Self.kind(root + "/link.json") == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/link.json") == "real/report.json")
        #expect(ExportWriterTests.read(root + "/real/report.json") == "new")
        var info = stat()
        #expect(stat(root + "/real/report.json", &info) == 0 && info.st_mode & 0o777 == 0o600)  // mode kept
        try ExportWriter.write("newer", to: root + "/link2.json", overwrite: true)
        #expect(Self.kind(root + "/link2.json") == S_IFLNK && Self.kind(root + "/link.json") == S_IFLNK)
        #expect(ExportWriterTests.read(root + "/real/report.json") == "newer")
        // No temporary file left beside the link or the target.
        #expect(ExportWriterTests.hidden(root).isEmpty && ExportWriterTests.hidden(root + "/real").isEmpty)
    }

    @Test func aDanglingLinkGetsItsTargetCreated() throws {
        let root = try ExportWriterTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/out.csv", withDestinationPath: "sub/target.csv")
        // The target's folder is never created (a link into a missing folder is refused) …
        #expect(throws: ExportError.self) { try ExportWriter.write("a,b\n", to: root + "/out.csv", overwrite: false) }
        #expect(!FileManager.default.fileExists(atPath: root + "/sub"))
        // … but in an existing one the target file is.
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: false)
        try ExportWriter.write("a,b\n", to: root + "/out.csv", overwrite: false)
        #expect(Self.kind(root + "/out.csv") == S_IFLNK)
        #expect(ExportWriterTests.read(root + "/sub/target.csv") == "a,b\n")
    }

    @Test func aLinkLoopAndAFolderAreRefused() throws {
        let root = try ExportWriterTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/a", withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: root + "/b", withDestinationPath: "a")
        #expect(throws: ExportError.writeFailed(path: root + "/a", message: "too many symbolic links (a loop?)")) {
            try ExportWriter.write("x", to: root + "/a", overwrite: true)
        }
        #expect(Self.kind(root + "/a") == S_IFLNK && Self.kind(root + "/b") == S_IFLNK)
        try FileManager.default.createDirectory(atPath: root + "/dir", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/dirlink", withDestinationPath: "dir")
        for path in [root + "/dir", root + "/dirlink"] {
            #expect(throws: ExportError.writeFailed(path: path, message: "is a folder; give a file name")) {
                try ExportWriter.write("x", to: path, overwrite: true)
            }
        }
        #expect(Self.kind(root + "/dir") == S_IFDIR && Self.kind(root + "/dirlink") == S_IFLNK)
    }

    @Test func aFIFOIsWrittenThroughAndStaysAFIFO() throws {
        let root = try ExportWriterTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fifo = root + "/pipe"
        try #require(mkfifo(fifo, 0o644) == 0)
        let reader = FIFOReader(fifo)
        // overwrite false: a stream is not a file that exists; nothing is replaced.
        try ExportWriter.write("through the pipe\n", to: fifo, overwrite: false)
        #expect(reader.wait() == "through the pipe\n")
        #expect(Self.kind(fifo) == S_IFIFO)
        #expect(ExportWriterTests.hidden(root).isEmpty)
    }

    @Test(.enabled(if: NonPlainDestinationTests.isRoot, "skipped: mknod needs root"))
    func aCharacterDeviceIsWrittenThroughNeverReplaced() throws {
        let root = try ExportWriterTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let device = root + "/null"
        try #require(Self.makeNullDevice(device))
        try FileManager.default.createSymbolicLink(atPath: root + "/devlink", withDestinationPath: "null")
        try ExportWriter.write("discarded", to: device, overwrite: true)
        try ExportWriter.write("discarded", to: device, overwrite: false)
        try ExportWriter.write("discarded", to: root + "/devlink", overwrite: true)
        #expect(Self.kind(device) == S_IFCHR)
        #expect(Self.kind(root + "/devlink") == S_IFLNK)
        #expect(try ExportWriter.destination(of: device) == .stream(device))
        #expect(ExportWriterTests.hidden(root).isEmpty)
    }

    @Test func standardOutputIsRecognizedByWhatItIs() throws {
        #expect(ExportWriter.isStandardOutput("-"))
        #expect(ExportWriter.isStandardOutput("/dev/stdout") == ExportWriter.isStandardOutput("/proc/self/fd/1"))
        // A plain file that is not standard output is not.
        let root = try ExportWriterTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "x".write(toFile: root + "/f", atomically: false, encoding: .utf8)
        #expect(!ExportWriter.isStandardOutput(root + "/f"))
        #expect(try ExportWriter.destination(of: root + "/f") == .file(root + "/f"))
        #expect(try ExportWriter.destination(of: root + "/new") == .file(root + "/new"))
    }
}

/// The same rules through the real `exhibit` binary, as the acceptance run does it.
@Suite struct NonPlainDestinationEndToEndTests {
    static func smallCase() throws -> TempCase {
        let c = try TempCase()
        let words = (0..<30).map { "word\($0)" }.joined(separator: " ")
        try c.write("works/w.txt", words)
        try c.write("outputs/o.txt", "preamble " + words)
        return c
    }

    @Test func scanWritesThroughLinksFIFOsAndStandardOutput() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try Self.smallCase()
        let dir = try ExportWriterTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }

        // --json LINK: the link stays a link, the file it points to holds the report.
        try "old".write(toFile: dir + "/target.json", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: "target.json")
        let linked = try BinaryRunner.run(["scan", c.root, "--json", dir + "/link.json"])
        #expect(linked.status == 0)
        #expect(NonPlainDestinationTests.kind(dir + "/link.json") == S_IFLNK)
        let report = try #require(ExportWriterTests.read(dir + "/target.json"))
        #expect(report.hasPrefix("{") && report.contains("\"pairs\""))
        #expect(linked.stdout.contains("Works by strict coverage"))  // the summary: stdout is not the report

        // --json FIFO with a reader on the other end.
        let fifo = dir + "/fifo"
        try #require(mkfifo(fifo, 0o644) == 0)
        let reader = NonPlainDestinationTests.FIFOReader(fifo)
        let piped = try BinaryRunner.run(["scan", c.root, "--json", fifo])
        #expect(piped.status == 0)
        #expect(reader.wait()?.contains("\"pairs\"") == true)
        #expect(NonPlainDestinationTests.kind(fifo) == S_IFIFO)

        // --csv /dev/stdout: the CSV alone on standard output, no summary mixed in.
        let stdout = try BinaryRunner.run(["scan", c.root, "--csv", "/dev/stdout"])
        #expect(stdout.status == 0)
        #expect(stdout.stdout.hasPrefix("work,") || stdout.stdout.hasPrefix("\"work\""))
        #expect(!stdout.stdout.contains("Works by strict coverage"))
        // Both to standard output under two names is refused.
        let both = try BinaryRunner.run(["scan", c.root, "--csv", "/dev/stdout", "--json", "-"])
        #expect(both.status == 1 && both.stderr.contains("standard output"))
        #expect(ExportWriterTests.hidden(dir).isEmpty)
    }

    @Test(.enabled(if: NonPlainDestinationTests.isRoot, "skipped: mknod needs root"))
    func scanAndExportNeverReplaceADevice() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let c = try Self.smallCase()
        let dir = try ExportWriterTests.tempFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let device = dir + "/null"
        try #require(NonPlainDestinationTests.makeNullDevice(device))
        let scan = try BinaryRunner.run(["scan", c.root, "--json", device, "--csv", device])
        #expect(scan.status == 0, "\(scan.stderr)")
        for force in [false, true] {
            let e = try BinaryRunner.run(["export", c.root, "--work", "w", "--format", "text", "-o", device]
                                         + (force ? ["--force"] : []))
            #expect(e.status == 0, "\(e.stderr)")
        }
        #expect(NonPlainDestinationTests.kind(device) == S_IFCHR)
        // A folder is refused with a reason, and stays a folder.
        let folder = try BinaryRunner.run(["scan", c.root, "--json", dir])
        #expect(folder.status == 1 && folder.stderr.contains("is a folder"))
        #expect(NonPlainDestinationTests.kind(dir) == S_IFDIR)
    }

    @Test func versionAndAMissingCaseInTheReviewScreen() throws {
        try #require(BinaryRunner.exhibit != nil, "exhibit binary not built")
        let v = try BinaryRunner.run(["--version"])
        #expect(v.status == 0 && v.stdout == exhibitEngineVersion + "\n")
        // No terminal here; the case is checked first, so the reason is the case.
        let open = try BinaryRunner.run(["/nonexistent/case"])
        #expect(open.status == 1)
        #expect(open.stderr == "exhibit: cannot open case /nonexistent/case: no such case folder\n")
        #expect(open.stdout.isEmpty)  // nothing drawn: the screen was never set up
    }
}
