/// Whether a passage is evidence (SPEC §8): it has at least one matched word. A
/// passage whose words are all echo, supplied, boilerplate or excluded is kept for
/// display but never counted — not in a summary, table, figure or report.
func isEvidence(_ p: Passage) -> Bool { p.matched > 0 }
