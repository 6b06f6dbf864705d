/// How each ASCII byte normalizes, for the scanner's fast path: letters fold to
/// lowercase when case folding is on; NFKC, quotes and invisibles leave ASCII alone.
/// Built once per option set, since most documents are short and tokenized by the
/// thousand. (Controls are listed as separators but the scanner handles them first.)
enum ASCIIClasses {
    /// Tables for (caseFold, hyphens), indexed by `index(_:)`.
    private static let all: [(kinds: [UnitKind], bytes: [UInt8])] = (0..<4).map { i in
        var options = NormalizationOptions()
        options.caseFold = i & 1 != 0
        options.hyphens = i & 2 != 0
        return build(options)
    }

    /// The kind and normalized byte of each ASCII byte (128 entries each).
    static func tables(_ options: NormalizationOptions) -> (kinds: [UnitKind], bytes: [UInt8]) {
        all[(options.caseFold ? 1 : 0) | (options.hyphens ? 2 : 0)]
    }

    private static func build(_ options: NormalizationOptions) -> (kinds: [UnitKind], bytes: [UInt8]) {
        var kinds: [UnitKind] = []
        var bytes: [UInt8] = []
        for byte in UInt8(0)..<128 {
            var out = byte
            let kind: UnitKind
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                kind = .letter
                if options.caseFold { out = byte + 0x20 }
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                kind = .letter
            case UInt8(ascii: "'"): kind = .apostrophe
            case UInt8(ascii: "-"): kind = options.hyphens ? .hyphen : .separator
            case UInt8(ascii: " "), UInt8(ascii: "\t"): kind = .blank
            default: kind = .separator
            }
            kinds.append(kind)
            bytes.append(out)
        }
        return (kinds, bytes)
    }
}
