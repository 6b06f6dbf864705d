import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// How long saving an annotation and exporting take on the real case
/// (`recap-novels`, copied to a temporary folder), as the UI thread sees
/// them. Prints the figures; off unless `EXHIBIT_MEASURE=1` (timings are
/// not assertions).
@Suite struct AnnotationTimingTests {
    static var enabled: Bool {
        ProcessInfo.processInfo.environment["EXHIBIT_MEASURE"] == "1"
            && FileManager.default.fileExists(atPath: AnnotateEndToEndTests.realCase + "/works")
    }

    static func ms(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let d = start.duration(to: .now)
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    @Test(.enabled(if: enabled)) func saveAndExportOnTheRealCase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("exhibit-measure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("case").path
        try FileManager.default.copyItem(atPath: AnnotateEndToEndTests.realCase, toPath: path)
        defer {
            _ = try? FileManager.default.subpathsOfDirectory(atPath: dir.path).forEach {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path + "/" + $0)
            }
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            try? FileManager.default.removeItem(at: dir)
        }
        for sub in ["", "/works", "/outputs"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path + sub)
        }
        var model = try AppFixture.scanned(path, size: Size(rows: 40, cols: 120))
        model.press(.tab, .enter)  // the pair with the longest passage
        let view = try #require(model.pair)
        var lines: [String] = ["pair \(view.workTitle) × \(view.outputId), \(view.pair.passages.count) passages"]
        for round in 1...5 {
            model.press(.character("a"), .enter)
            model.type("timing \(round)")
            let save = Self.ms { model.press(.enter) }
            lines.append("save #\(round) (append+fsync, reload, re-mark both panes): \(String(format: "%.1f", save)) ms")
        }
        let kase = try #require(model.kase)
        let append = try Self.ms {
            try AnnotationEditing.annotate(kase, source: kase.works[0].source, range: 0..<100, tag: "follow-up")
        }
        let load = try Self.ms { _ = try CaseAnnotations.load(kase) }
        let remark = Self.ms { model.remarkViews() }
        lines.append("annotate alone \(String(format: "%.1f", append)) ms · load \(String(format: "%.1f", load)) ms · re-mark \(String(format: "%.1f", remark)) ms")
        let (k, result) = try #require(model.exportInputs)
        for (selection, format) in [(ExportSelection.work(kase.works[1].id), ExportFormat.html),
                                    (.pair(work: kase.works[view.key.work].id, output: view.outputId, passage: nil), .html),
                                    (.pair(work: kase.works[view.key.work].id, output: view.outputId, passage: nil), .sideBySide)] {
            let job = ExportJob(id: 1, request: ExportRequest(selection: selection, format: format), overwrite: true)
            var outcome: ExportOutcome?
            let t = Self.ms { outcome = ExportWorker.perform(job, case: k, result: result) }
            lines.append("export \(selection) \(format.rawValue): \(String(format: "%.0f", t)) ms → \(String(describing: outcome!.result))")
        }
        print(lines.joined(separator: "\n"))
    }
}
