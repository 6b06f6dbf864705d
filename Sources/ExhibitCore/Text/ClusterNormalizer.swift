import Foundation

/// The slow, exact normalization of one extended grapheme cluster (SPEC §2 steps 2–4,
/// then the kinds of steps 5–7). Only called on cache misses; see `NormalizationCache`.
enum ClusterNormalizer {
    /// Normalizes the cluster `cluster` (the text of one Swift `Character`, UAX #29).
    ///
    /// NFKC (UAX #15), then full case folding, then NFKC again so the folded form is
    /// composed like any other (`ǰ` folds to `j` + U+030C); then quotes and dashes are
    /// straightened and invisibles deleted, per the options.
    ///
    /// A cluster with a run of more than `maxNonStarters` non-starters is normalized in
    /// pieces (`streamSafePieces`), so its cost stays linear in its length.
    static func normalize(_ cluster: String, options: NormalizationOptions) -> NormalizedCluster {
        let pieces = streamSafePieces(cluster)
        guard pieces.count > 1 else { return normalizeWhole(cluster, options: options) }
        var units: [TextUnit] = []
        for piece in pieces { units += normalizeWhole(piece, options: options).units }
        return NormalizedCluster(units: units)
    }

    /// Most non-starters (canonical combining class ≠ 0) in a row normalized together:
    /// the Stream-Safe Text Format's limit (UAX #15 §13), which no real text exceeds.
    static let maxNonStarters = 30

    /// `cluster` cut before every non-starter that follows `maxNonStarters` non-starters
    /// in a row: where the Stream-Safe Text Format inserts U+034F COMBINING GRAPHEME
    /// JOINER, a starter that composes with nothing and that canonical reordering does
    /// not cross. Normalizing the pieces one by one is therefore normalizing that
    /// stream-safe text with the joiners left out. Why: NFKC's canonical reordering
    /// sorts a run of non-starters in time quadratic in its length (5 s for a cluster of
    /// 40,000 marks of alternating classes); pieces bound each run at 30 marks. A
    /// cluster without such a run (all real text: even "Zalgo" text stacks fewer) is one
    /// piece and normalized exactly as before.
    static func streamSafePieces(_ cluster: String) -> [String] {
        let scalars = cluster.unicodeScalars
        guard scalars.count > maxNonStarters else { return [cluster] }
        var pieces: [String] = []
        var current = String.UnicodeScalarView()
        var run = 0
        for s in scalars {
            if s.properties.canonicalCombiningClass == .notReordered {
                run = 0
            } else {
                if run == maxNonStarters {
                    pieces.append(String(current))
                    current = String.UnicodeScalarView()
                    run = 0
                }
                run += 1
            }
            current.append(s)
        }
        pieces.append(String(current))
        return pieces
    }

    /// SPEC §2 steps 2–4 on `cluster` at once.
    private static func normalizeWhole(_ cluster: String, options: NormalizationOptions) -> NormalizedCluster {
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
