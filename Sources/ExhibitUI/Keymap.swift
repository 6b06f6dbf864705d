/// One row of a key table: keys, the action of the program they trigger (`A`, the
/// program's own action type), and the help line that documents them.
public struct Binding<A: Hashable & Sendable>: Sendable, Hashable {
    /// The action the keys trigger.
    public var action: A
    /// Keys that trigger it; the first is the one shown first in help.
    public var keys: [Key]
    /// One-line help text.
    public var help: String
    /// Help section the action is listed under.
    public var group: String

    /// Binds `keys` to `action`, documented by `help` under `group`.
    public init(_ action: A, _ keys: [Key], _ help: String, group: String) {
        self.action = action
        self.keys = keys
        self.help = help
        self.group = group
    }
}

/// A key table: which keys do what, with help text. A key maps to at most one action
/// (the first binding listing it). Generic: the program's tables (the review screen's
/// global table and each view's own) live with the program, not here.
public struct Keymap<A: Hashable & Sendable>: Sendable {
    /// The rows of the table, in help order.
    public var bindings: [Binding<A>]

    /// A key table of `bindings`.
    public init(bindings: [Binding<A>]) {
        self.bindings = bindings
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> A? {
        bindings.first(where: { $0.keys.contains(key) })?.action
    }

    /// The binding of `action`, if any.
    public func binding(for action: A) -> Binding<A>? {
        bindings.first(where: { $0.action == action })
    }

    /// Help text generated from the table: for each group in first-seen
    /// order a heading line, then one line per action with its keys padded
    /// to a common column.
    public func helpLines() -> [String] {
        var groups: [String] = []
        for b in bindings where !groups.contains(b.group) { groups.append(b.group) }
        let keyColumn = bindings.map { DisplayWidth.columns(of: keysText($0)) }.max() ?? 0
        var lines: [String] = []
        for (i, group) in groups.enumerated() {
            if i > 0 { lines.append("") }
            lines.append(group)
            for b in bindings where b.group == group {
                let keys = keysText(b)
                let pad = String(repeating: " ", count: keyColumn - DisplayWidth.columns(of: keys))
                lines.append("  \(keys)\(pad)  \(b.help)")
            }
        }
        return lines
    }

    private func keysText(_ b: Binding<A>) -> String {
        b.keys.map(\.displayName).joined(separator: " ")
    }
}
