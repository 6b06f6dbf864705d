import Foundation

/// The slow, exact normalization of one extended grapheme cluster (SPEC §2 steps 2–4,
/// then the kinds of steps 5–7). Only called on cache misses; see `NormalizationCache`.
enum ClusterNormalizer {
    /// Normalizes the cluster `cluster` (the text of one Swift `Character`, UAX #29).
    ///
    /// NFKC (UAX #15), then full case folding, then NFKC again so the folded form is
    /// composed like any other (`ǰ` folds to `j` + U+030C); then quotes and dashes are
    /// straightened and invisibles deleted, per the options.
    static func normalize(_ cluster: String, options: NormalizationOptions) -> NormalizedCluster {
        var text = cluster
        if options.nfkc { text = nfkc(text) }
        if options.caseFold {
            text = CaseFolding.fold(text)
            if options.nfkc { text = nfkc(text) }
        }
        var units: [TextUnit] = []
        units.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            var v = s.value
            if options.quotes { v = CharacterClasses.straightened(v) }
            if options.invisibles && CharacterClasses.isDeletedInvisible(v) { continue }
            let scalar = Unicode.Scalar(v)!
            units.append(TextUnit(scalar: v, kind: CharacterClasses.kind(of: scalar, options: options)))
        }
        return NormalizedCluster(units: units)
    }

    /// NFKC (UAX #15). Foundation's compatibility composition on Linux leaves some
    /// sequences uncomposed (halfwidth `ｶﾞ` gives `カ` + U+3099, not `ガ`), so it is
    /// followed by canonical composition; checked against Python's `unicodedata` on every
    /// assigned code point during development.
    static func nfkc(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return text.precomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
    }
}

/// Grapheme cluster facts about a single non-ASCII scalar, from Swift's own UAX #29
/// segmentation, so the scanner can treat `’` between ASCII letters as a cluster of
/// its own without asking Swift to segment the text.
struct ScalarFacts {
    /// The scalar joins the cluster of whatever precedes it (Grapheme_Cluster_Break
    /// Extend, ZWJ or SpacingMark): `a` + U+0301 is one `Character`.
    var attachesToPrevious: Bool
    /// The scalar joins the cluster of whatever follows it (Prepend).
    var attachesToNext: Bool
    /// The scalar's normalized form when it is a cluster by itself.
    var alone: NormalizedCluster

    init(_ scalar: Unicode.Scalar, options: NormalizationOptions) {
        var before = "a"
        before.unicodeScalars.append(scalar)
        attachesToPrevious = before.count == 1
        var after = String(Character(scalar))
        after.unicodeScalars.append("a")
        attachesToNext = after.count == 1
        alone = ClusterNormalizer.normalize(String(Character(scalar)), options: options)
    }
}
