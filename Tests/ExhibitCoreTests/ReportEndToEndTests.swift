import Foundation
import Testing

/// `exhibit report CASE -o DIR --pdf` on the real case, through the built binary and
/// headless Chromium; the PDF is read back with poppler (`pdftotext`, `pdftoppm`).
@Suite struct ReportEndToEndTests {
    /// A program on the PATH, or nil.
    static func tool(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Runs `program` and returns its standard output.
    static func exec(_ program: String, _ arguments: [String]) throws -> (status: Int32, stdout: Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, data)
    }

    /// A binary PPM (P6, maxval 255): width, height, RGB bytes.
    static func readPPM(_ data: Data) -> (width: Int, height: Int, rgb: [UInt8])? {
        let bytes = [UInt8](data)
        var fields = [String](), i = 0
        while fields.count < 4 && i < bytes.count {
            while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) { i += 1 }
            var f = ""
            while i < bytes.count && !(bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09) {
                f.unicodeScalars.append(Unicode.Scalar(bytes[i])); i += 1
            }
            fields.append(f)
        }
        i += 1  // the single whitespace after maxval
        guard fields.count == 4, fields[0] == "P6", let w = Int(fields[1]), let h = Int(fields[2]), fields[3] == "255",
              bytes.count - i >= w * h * 3 else { return nil }
        return (w, h, Array(bytes[i..<(i + w * h * 3)]))
    }

    @Test func realCaseReportPrintsToPDF() throws {
        guard let real = Fixtures.recapNovels else { print(Fixtures.recapMissing); return }
        guard BinaryRunner.exhibit != nil else { Issue.record("the exhibit binary is not built"); return }
        guard Self.tool("chromium") ?? Self.tool("chromium-browser") ?? Self.tool("google-chrome") != nil,
              let pdftotext = Self.tool("pdftotext"), let pdftoppm = Self.tool("pdftoppm") else {
            print("skipped: report PDF test needs chromium and poppler-utils (apt-get install chromium poppler-utils)")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-report-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try BinaryRunner.run(["report", real, "-o", dir, "--pdf", "--date", "2026-01-31", "--top", "5"])
        #expect(report.status == 0, "stderr: \(report.stderr)")
        let pdf = dir + "/report.pdf"
        #expect(FileManager.default.fileExists(atPath: pdf))
        // Nothing but the two files is left in DIR (Chromium's profile is removed).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["report.html", "report.pdf"])

        // Page numbers and the running header on every page, `Page i of n`.
        let text = String(decoding: try Self.exec(pdftotext, ["-layout", pdf, "-"]).stdout, as: UTF8.self)
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        let n = pages.count
        // Cover, contents, then five sections each on a new page at least.
        #expect(n >= 7)
        for (k, page) in pages.enumerated() {
            #expect(page.contains("Page \(k + 1) of \(n)"), "page \(k + 1) lacks its number")
            #expect(page.contains("2026-01-31"), "page \(k + 1) lacks the running header")
        }
        #expect(text.contains("Exhibit 1"))

        // Render the first page that shows an exhibit's text (its sides state "scalars [")
        // at 40 dpi and count pixels of the verbatim red (#c00000); section 5 starts on its
        // own page, after the charts, so only the exhibits' verbatim words (and the one
        // legend word) can be that red.
        guard let page = pages.firstIndex(where: { $0.contains("scalars [") }) else {
            Issue.record("no exhibit page found"); return
        }
        let ppm = try Self.exec(pdftoppm, ["-r", "40", "-f", "\(page + 1)", "-l", "\(page + 1)", pdf])
        guard let image = Self.readPPM(ppm.stdout) else { Issue.record("pdftoppm gave no PPM"); return }
        var red = 0
        for p in stride(from: 0, to: image.rgb.count, by: 3) {
            let (r, g, b) = (Int(image.rgb[p]), Int(image.rgb[p + 1]), Int(image.rgb[p + 2]))
            if r > 150 && g < 90 && b < 90 && r - g > 100 { red += 1 }
        }
        // A 40-word passage in bold red at 40 dpi covers several hundred pixels; the
        // legend word alone, a few dozen.
        #expect(red > 300, "only \(red) red pixels on the exhibit page \(page + 1)")
        // The pages before the exhibits' legend that hold no chart: the contents page is not red.
        let toc = try Self.exec(pdftoppm, ["-r", "40", "-f", "2", "-l", "2", pdf])
        if let t = Self.readPPM(toc.stdout) {
            var tocRed = 0
            for p in stride(from: 0, to: t.rgb.count, by: 3) where t.rgb[p] > 150 && t.rgb[p + 1] < 90 && t.rgb[p + 2] < 90 { tocRed += 1 }
            #expect(tocRed == 0)
        }
    }
}

/// The command's refusals, through the built binary on a copy of the demo case.
@Suite struct ReportCommandTests {
    /// A copy of Cases/demo in a fresh temporary folder.
    static func demoCopy() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-report-demo-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: Fixtures.demoCase, toPath: dir)
        return dir
    }

    @Test func refusesAFolderInsideWorksOrOutputs() throws {
        guard BinaryRunner.exhibit != nil else { Issue.record("the exhibit binary is not built"); return }
        let kase = try Self.demoCopy()
        defer { try? FileManager.default.removeItem(atPath: kase) }
        for inside in ["works", "outputs/reports"] {
            let r = try BinaryRunner.run(["report", kase, "-o", kase + "/" + inside, "--date", "2026-01-31"])
            #expect(r.status == 1)
            #expect(r.stderr.contains("refused"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: kase + "/works").sorted()
            == ["harbor-lights.txt", "kyoto-bridge.txt", "orchard-strike.md"])
        #expect(!FileManager.default.fileExists(atPath: kase + "/outputs/reports"))
    }

    @Test func pdfWithoutChromiumNamesThePackageAndWritesNothing() throws {
        guard BinaryRunner.exhibit != nil else { Issue.record("the exhibit binary is not built"); return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-report-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try BinaryRunner.run(["report", Fixtures.demoCase, "-o", dir, "--pdf", "--date", "2026-01-31"],
                                     environment: ["PATH": "/nonexistent"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("apt-get install chromium"))
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    /// SOURCE_DATE_EPOCH decides the date when --date is absent; an existing report is
    /// kept without --force and the same inputs give the same bytes with it.
    @Test func sourceDateEpochAndForce() throws {
        guard BinaryRunner.exhibit != nil else { Issue.record("the exhibit binary is not built"); return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-report-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["SOURCE_DATE_EPOCH": "1769817600"]  // 2026-01-31T00:00:00Z
        #expect(try BinaryRunner.run(["report", Fixtures.demoCase, "-o", dir], environment: env).status == 0)
        let first = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        #expect(first.contains("<p class=\"note\">2026-01-31 · exhibit"))
        let again = try BinaryRunner.run(["report", Fixtures.demoCase, "-o", dir], environment: env)
        #expect(again.status == 1 && again.stderr.contains("--force"))
        #expect(try BinaryRunner.run(["report", Fixtures.demoCase, "-o", dir, "--force"], environment: env).status == 0)
        #expect(try String(contentsOfFile: dir + "/report.html", encoding: .utf8) == first)
    }
}
