/// A reviewer's role on a review server (SPEC §11), which decides what they may change.
public enum Role: String, Sendable, CaseIterable {
    /// Adjudicates: may create annotations and edit or delete anyone's.
    case lead
    /// Marks passages: may create annotations and edit or delete their own.
    case reviewer
    /// Reads only (e.g. the opposing side's expert): may change nothing.
    case readOnly = "read-only"

    /// What a request wants to do to a case's annotations.
    public enum Action: Sendable {
        case read
        case create
        /// Edit or delete the annotation whose first record was made by `owner`.
        case change(owner: String)
    }

    /// Whether a user named `user` with this role may do `action`.
    public func allows(_ action: Action, user: String) -> Bool {
        switch (self, action) {
        case (_, .read): return true
        case (.readOnly, _): return false
        case (_, .create): return true
        case (.lead, .change): return true
        case (.reviewer, .change(let owner)): return owner == user
        }
    }
}
