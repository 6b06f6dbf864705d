import Foundation

/// `exhibit report` (SPEC §12): a self-contained appendix an expert can file, as
/// `DIR/report.html` and, printed by headless Chromium, `DIR/report.pdf`.
///
/// ```swift
/// let kase = try ReportScope.restrict(CaseLoader.load(path: "Cases/demo"), models: [])
/// let scan = try Scanner.scan(kase, options: ScanOptions(settings: kase.settings))
/// let html = try ExpertReport.html(case: kase, result: scan, options: ExpertReportOptions(date: "2026-01-31"))
/// ```
public enum ExpertReport {
    /// The report's HTML. The same case, scan and options give the same bytes.
    /// - Throws: `ExpertReportError.unknownWork` for an id of `options.works` the scan lacks.
    public static func html(case kase: Case, result: ScanResult, options: ExpertReportOptions) throws -> String {
        let works = try ReportScope.works(options.works, in: result)
        let context = ReportContext(kase: kase, result: result, options: options, works: works,
                                    exhibits: ExhibitChoice.strongest(result, works: works, top: options.top))
        return ReportDocument.render(context)
    }

    /// Why `folder` may not receive a report of the case at `caseRoot` (inside its
    /// `works/` or `outputs/`, or one of its settings files), or nil.
    public static func refusal(folder: String, caseRoot: String) -> String? {
        CaseFolderGuard.refusal(toWrite: folder, caseRoot: caseRoot)
            ?? CaseFolderGuard.refusal(toWrite: folder + "/report.html", caseRoot: caseRoot)
    }

    /// Writes `html` as `folder/report.html` (creating `folder`), atomically.
    /// - Parameter overwrite: replace an existing report.
    /// - Returns: the path written.
    /// - Throws: `ExpertReportError.protectedPath`, `.writeFailed`; `ExportError.fileExists`
    ///   when the report exists and `overwrite` is false.
    @discardableResult
    public static func writeHTML(_ html: String, folder: String, caseRoot: String, overwrite: Bool) throws -> String {
        if let reason = refusal(folder: folder, caseRoot: caseRoot) {
            throw ExpertReportError.protectedPath(VisibleText.escaped(reason))
        }
        return try ExportWriter.write(html, to: folder + "/report.html", overwrite: overwrite, createFolders: true)
    }
}
