/// Matching parameters (SPEC §3), in tokens unless stated. Valid ranges are in
/// `ParameterRanges`; `case.toml` and the command line reject values outside them.
public struct MatchParameters: Sendable, Hashable {
    /// k: the shortest seed, in tokens, 1–1000. Default 6.
    public var minWords: Int = 6
    /// g: the widest gap bridged inside a passage, in tokens on each side, 0–1000. Default 2.
    public var maxGap: Int = 2
    /// Lowest identity (same tokens / max span) a passage may have, in [0, 1]. Default 0.80.
    public var minIdentity: Double = 0.80
    /// X of the X-drop rule: how far, in alignment score points (same token +1, changed
    /// −1), a passage's extension beyond its seeds may fall below its best before it
    /// stops, 0–100. Default 4; 0 turns extension off (`PassageExtender`).
    public var xDrop: Int = 4
    /// Run length, in tokens, that makes output text prompt echo, 1–1000. Default 5.
    public var echoWords: Int = 5
    /// Works a span must occur in to be boilerplate, 2–1,000,000; nil means the default
    /// (half of the works, at least 3, at most 10; only for cases of 4 works or more).
    public var boilerplateWorks: Int? = nil

    public init() {}

    /// The number of works at which a ≥ k-token span becomes boilerplate, or nil when
    /// the frequency rule does not apply (fewer than 4 works).
    public func boilerplateThreshold(workCount: Int) -> Int? {
        if let boilerplateWorks { return max(2, boilerplateWorks) }
        guard workCount >= 4 else { return nil }
        return min(10, max(3, workCount / 2))
    }
}

/// Thresholds for the *substantial* flag (SPEC §4 `[findings]`); valid ranges are in
/// `ParameterRanges`.
public struct FindingsParameters: Sendable, Hashable {
    /// A passage at least this long (matched words, 1–1,000,000) can flag. Default 40.
    public var substantialWords: Int = 40
    /// ... when its identity is at least this, in [0, 1]. Default 0.90.
    public var nearExactIdentity: Double = 0.90
    /// Strict coverage at or above this, in [0, 1], flags. Default 0.10.
    public var substantialFraction: Double = 0.10
    public init() {}
}

/// Which normalization steps of SPEC §2 are on (`case.toml` `[normalize]`).
/// Step 1 (control text is not text) and step 6 (token rule) are always on.
public struct NormalizationOptions: Sendable, Hashable {
    /// Step 2: NFKC per grapheme cluster.
    public var nfkc = true
    /// Step 2: full case folding.
    public var caseFold = true
    /// Step 3: curly quotes to straight, U+2010/U+2011 to `-`.
    public var quotes = true
    /// Step 4: delete soft hyphen and zero-width characters.
    public var invisibles = true
    /// Step 5: a hyphen joins the letters around it, also across one line break.
    public var hyphens = true
    /// Step 7: one token per CJK ideograph, kana and hangul syllable.
    public var cjkChars = true
    public init() {}
}

/// Everything `case.toml` can set, with defaults for what it leaves out.
public struct CaseSettings: Sendable, Hashable {
    /// `id`: the case's name on a review server (SPEC §11); nil when `case.toml` has none.
    public var id: String?
    public var title: String?
    public var description: String?
    public var match = MatchParameters()
    public var findings = FindingsParameters()
    public var normalize = NormalizationOptions()
    /// Annotation tags offered to counsel.
    public var tags: [String] = ["key-passage", "quotation-not-original", "exclude", "follow-up"]
    /// `[encoding]`: case-relative file or folder path (`works/old`) → its declared
    /// encoding; see `EncodingDeclarations`.
    public var encodings: [String: DeclaredEncoding] = [:]
    public init() {}
}
