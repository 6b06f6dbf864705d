import ExhibitCore

/// What the works × models table (`W`, ``ModelTable``) needs of a final result beyond
/// its rows: where each work's rows start, the rows' sort keys, the work column's width
/// and the per-model totals. Made once when the final result arrives
/// (``Results/finish(_:seconds:)``) and kept with it: each is a pass over 10,000 works and
/// their 40,000 models (or 50,000 pairs) whose arrays lie all over memory, which opening
/// the table or its first sort would otherwise pay.
struct ModelTableIndex: Sendable, Equatable {
    /// Row `start[w]` is work `w`'s pooled row ("all"), then one row per model of
    /// `WorkResult.byModel`; `start[works.count]` is the number of rows.
    let start: [Int]
    /// By row number: the work id's and the model's rank among all rows' (``ranks(_:)``),
    /// the strict and the loose coverage.
    let workRanks: [Int]
    let modelRanks: [Int]
    let strict: [Double]
    let loose: [Double]
    /// Width of the work column: the longest work id (characters), 8 to 40.
    let workWidth: Int
    /// `ModelTotals.byModel` of the result.
    let totals: [ModelTotals]

    init(_ r: ScanResult) {
        var start = [Int](), workIds = [String](), models = [String]()
        var strict = [Double](), loose = [Double]()
        var widest = 0
        r.works.withUnsafeBufferPointer { works in
            for w in works.indices {
                start.append(workIds.count)
                widest = max(widest, works[w].id.count)
                workIds.append(works[w].id)
                models.append("all")
                strict.append(works[w].figures.strictCoverage)
                loose.append(works[w].figures.looseCoverage)
                works[w].byModel.withUnsafeBufferPointer { byModel in
                    for m in byModel.indices {
                        workIds.append(works[w].id)
                        models.append(byModel[m].model)
                        strict.append(byModel[m].figures.strictCoverage)
                        loose.append(byModel[m].figures.looseCoverage)
                    }
                }
            }
        }
        start.append(workIds.count)
        self.start = start
        workRanks = Self.ranks(workIds)
        modelRanks = Self.ranks(models)
        self.strict = strict
        self.loose = loose
        workWidth = max(8, min(40, r.works.isEmpty ? 8 : widest))
        totals = ModelTotals.byModel(r)
    }

    /// Each value's rank among the distinct `values` in `<` order: comparing ranks orders
    /// as comparing the strings.
    static func ranks(_ values: [String]) -> [Int] {
        let distinct = Set(values).sorted()
        let rank = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        return values.map { rank[$0]! }
    }
}
