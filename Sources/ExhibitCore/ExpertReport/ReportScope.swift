/// Which works and outputs a report covers, and whether a passage counts.
public enum ReportScope {
    /// Whether a passage is evidence (SPEC §8: `matched` 0 ⇔ not evidence): only
    /// evidence passages become exhibits or are counted anywhere in the report.
    static func isEvidence(_ p: Passage) -> Bool { ExhibitCore.isEvidence(p) }

    /// `kase` with only the outputs of `models` (`model` metadata, `unknown` when
    /// absent), the way `--where` keeps outputs; the case unchanged when `models` is empty.
    /// - Throws: `ExpertReportError.unknownModel` for a model no output has.
    public static func restrict(_ kase: Case, models: [String]) throws -> Case {
        guard !models.isEmpty else { return kase }
        let present = Set(kase.outputs.map { $0.model ?? "unknown" })
        for m in models where !present.contains(m) { throw ExpertReportError.unknownModel(m) }
        var out = kase
        let wanted = Set(models)
        out.outputs = kase.outputs.filter { wanted.contains($0.model ?? "unknown") }
        return out
    }

    /// Indices into `result.works` of the works `ids` names, in the scan's order (by id);
    /// every work when `ids` is empty.
    /// - Throws: `ExpertReportError.unknownWork`.
    static func works(_ ids: [String], in result: ScanResult) throws -> [Int] {
        guard !ids.isEmpty else { return Array(result.works.indices) }
        let known = Set(result.works.map(\.id))
        for id in ids where !known.contains(id) { throw ExpertReportError.unknownWork(id) }
        let wanted = Set(ids)
        return result.works.indices.filter { wanted.contains(result.works[$0].id) }
    }
}
