/// The `case.toml` `[encoding]` rule (SPEC §1): keys are case-relative paths of files
/// or folders below `works/` or `outputs/`, values `utf-8` or `windows-1252`; the most
/// specific key that is the file's path or one of its folders decides, and only when
/// the file has no byte-order mark.
public enum EncodingDeclarations {
    /// `key` with `./` and trailing `/` removed, or nil when it is not `works`,
    /// `outputs` or a path below them (or climbs with `..`).
    public static func normalizedKey(_ key: String) -> String? {
        var k = Substring(key)
        while k.hasPrefix("./") { k = k.dropFirst(2) }
        while k.hasSuffix("/") { k = k.dropLast() }
        let parts = k.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, first == "works" || first == "outputs",
              !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else { return nil }
        return String(k)
    }

    /// The encoding declared for the file at case-relative `path`, or nil.
    public static func declared(for path: String, in declarations: [String: DeclaredEncoding]) -> DeclaredEncoding? {
        guard !declarations.isEmpty else { return nil }
        var candidate = Substring(path)
        while true {
            if let encoding = declarations[String(candidate)] { return encoding }
            guard let slash = candidate.lastIndex(of: "/") else { return nil }
            candidate = candidate[..<slash]
        }
    }
}
