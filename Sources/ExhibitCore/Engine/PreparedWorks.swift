/// The works of a case tokenized, interned and indexed: everything matching needs of
/// the works besides the exclusions (`MatchEngine.prepare`). The same works under the
/// same parameters give the same value, so a scan that changes only outputs can take
/// it from the results store's sidecar (`WorksSidecar`) instead of reading, tokenizing
/// and indexing every work again.
struct PreparedWorks: Sendable {
    /// Every work token (and `boilerplate.txt` token) as an id, in order of first sight.
    var vocabulary: Vocabulary
    /// Each work's token scalar starts and ends (`TokenizedText.starts`, `ends`).
    var starts: [[Int32]]
    var ends: [[Int32]]
    /// The k-gram index of all works, boilerplate marks (frequency rule and
    /// `boilerplate.txt`) applied.
    var index: WorkIndex
    /// The boilerplate spans as ids (`boilerplate.txt` lines, then a shard's frequent
    /// global k-grams).
    var spans: [[UInt32]]
    /// The boilerplate threshold in force (works), nil when the frequency rule is off.
    var threshold: Int?
}
