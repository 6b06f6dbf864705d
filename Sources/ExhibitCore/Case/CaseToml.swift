import SafeTOML
import TOMLKit

/// Reads `case.toml` (TOML v1.0.0) into `CaseSettings`.
///
/// Keys: `id`, `title`, `description`; `[match]` `min_words`, `max_gap`, `min_identity`,
/// `x_drop`, `echo_words`, `boilerplate_works`; `[findings]` `substantial_words`,
/// `near_exact_identity`, `substantial_fraction`; `[normalize]` `nfkc`, `case_fold`,
/// `quotes`, `invisibles`, `hyphens`, `cjk_chars`; `[annotations]` `tags`; `[encoding]`
/// case-relative path = `utf-8` | `windows-1252`; `[[import]]` (provenance, read by
/// `ImportProvenance`, ignored here).
/// A syntax error is an error naming line and byte offset, and every setting keeps
/// its default; a bad value is an error naming its line, and that setting keeps its
/// default; an unknown key is a warning.
public enum CaseToml {
    /// Settings, errors and warnings read from a decoded `case.toml` at case-relative `path`.
    public static func read(_ decoded: DecodedText, path: String = "case.toml")
        -> (settings: CaseSettings, errors: [CaseIssue], warnings: [CaseIssue]) {
        let locator = TomlLocator(decoded)
        var reader = Reader(path: path, locator: locator)
        // A header without a key would abort the bundled parser (see TOMLHeaderGuard).
        if let failure = TOMLHeaderGuard.check(decoded.text) {
            reader.errors.append(CaseIssue(
                path: path, line: failure.line, offset: decoded.fileOffset(ofUTF8Offset: failure.utf8Offset),
                message: "not valid TOML (\(failure.message)); default settings used"))
            return (reader.settings, reader.errors, reader.warnings)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: decoded.text)
        } catch let error as TOMLParseError {
            let line = error.source.begin.line
            reader.errors.append(CaseIssue(
                path: path, line: line, offset: locator.fileOffset(line: line, column: error.source.begin.column),
                message: "not valid TOML (\(error.description)); default settings used"))
            return (reader.settings, reader.errors, reader.warnings)
        } catch {
            reader.errors.append(CaseIssue(path: path, message: "not valid TOML (\(error)); default settings used"))
            return (reader.settings, reader.errors, reader.warnings)
        }
        reader.readTop(table)
        return (reader.settings, reader.errors, reader.warnings)
    }

    private struct Reader {
        let path: String
        let locator: TomlLocator
        var settings = CaseSettings()
        var errors: [CaseIssue] = []
        var warnings: [CaseIssue] = []

        init(path: String, locator: TomlLocator) {
            self.path = path
            self.locator = locator
        }

        mutating func readTop(_ table: TOMLTable) {
            for key in table.keys.sorted() {
                guard let value = table[key] else { continue }
                switch key {
                case "id":
                    if let text = string(value, key) { settings.id = text.isEmpty ? nil : text }
                case "title":
                    if let text = string(value, key) { settings.title = text.isEmpty ? nil : text }
                case "description":
                    if let text = string(value, key) { settings.description = text.isEmpty ? nil : text }
                case "match", "findings", "normalize", "annotations":
                    guard let sub = value.table else {
                        bad(key, "must be a table ([\(key)])", value)
                        continue
                    }
                    readSection(key, sub)
                case "encoding":
                    guard let sub = value.table else {
                        bad(key, "must be a table ([encoding])", value)
                        continue
                    }
                    readEncodings(sub)
                case "import":
                    break  // [[import]] provenance written by `exhibit import` (ImportProvenance)
                default:
                    unknown(key)
                }
            }
        }

        mutating func readSection(_ section: String, _ table: TOMLTable) {
            for key in table.keys.sorted() {
                guard let value = table[key] else { continue }
                let path = section + "." + key
                switch path {
                case "match.min_words":
                    if let n = integer(value, path, in: ParameterRanges.minWords) { settings.match.minWords = n }
                case "match.max_gap":
                    if let n = integer(value, path, in: ParameterRanges.maxGap) { settings.match.maxGap = n }
                case "match.min_identity":
                    if let x = fraction(value, path, in: ParameterRanges.minIdentity) { settings.match.minIdentity = x }
                case "match.x_drop":
                    if let n = integer(value, path, in: ParameterRanges.xDrop) { settings.match.xDrop = n }
                case "match.echo_words":
                    if let n = integer(value, path, in: ParameterRanges.echoWords) { settings.match.echoWords = n }
                case "match.boilerplate_works":
                    if let n = integer(value, path, in: ParameterRanges.boilerplateWorks) { settings.match.boilerplateWorks = n }
                case "findings.substantial_words":
                    if let n = integer(value, path, in: ParameterRanges.substantialWords) { settings.findings.substantialWords = n }
                case "findings.near_exact_identity":
                    if let x = fraction(value, path, in: ParameterRanges.nearExactIdentity) { settings.findings.nearExactIdentity = x }
                case "findings.substantial_fraction":
                    if let x = fraction(value, path, in: ParameterRanges.substantialFraction) { settings.findings.substantialFraction = x }
                case "normalize.nfkc":
                    if let b = boolean(value, path) { settings.normalize.nfkc = b }
                case "normalize.case_fold":
                    if let b = boolean(value, path) { settings.normalize.caseFold = b }
                case "normalize.quotes":
                    if let b = boolean(value, path) { settings.normalize.quotes = b }
                case "normalize.invisibles":
                    if let b = boolean(value, path) { settings.normalize.invisibles = b }
                case "normalize.hyphens":
                    if let b = boolean(value, path) { settings.normalize.hyphens = b }
                case "normalize.cjk_chars":
                    if let b = boolean(value, path) { settings.normalize.cjkChars = b }
                case "annotations.tags":
                    if let tags = stringList(value, path) { settings.tags = tags }
                default:
                    unknown(path)
                }
            }
        }

        /// `[encoding]`: `"works/old" = "windows-1252"` (EncodingDeclarations).
        mutating func readEncodings(_ table: TOMLTable) {
            for key in table.keys.sorted() {
                guard let value = table[key] else { continue }
                let path = "encoding.\(key)"
                let names = DeclaredEncoding.allCases.map(\.rawValue).joined(separator: " or ")
                guard let name = value.string, let encoding = DeclaredEncoding(rawValue: name.lowercased()) else {
                    bad(path, "must be \(names)", value)
                    continue
                }
                guard let folder = EncodingDeclarations.normalizedKey(key) else {
                    bad(path, "names a path outside works/ and outputs/", value)
                    continue
                }
                settings.encodings[folder] = encoding
            }
        }

        // MARK: Values

        mutating func string(_ value: TOMLValueConvertible, _ path: String) -> String? {
            if let text = value.string { return text }
            bad(path, "must be a string", value)
            return nil
        }

        /// An integer in `range` (`ParameterRanges`).
        mutating func integer(_ value: TOMLValueConvertible, _ path: String, in range: ClosedRange<Int>) -> Int? {
            if let n = value.int, range.contains(n) { return n }
            bad(ParameterRanges.rule(path, range), value, at: path)
            return nil
        }

        /// A number in `range` (`ParameterRanges`); an integer (`1`) is accepted, NaN never.
        mutating func fraction(_ value: TOMLValueConvertible, _ path: String, in range: ClosedRange<Double>) -> Double? {
            let x = value.double ?? value.int.map(Double.init)
            if let x, range.contains(x) { return x }
            bad(ParameterRanges.rule(path, range), value, at: path)
            return nil
        }

        mutating func boolean(_ value: TOMLValueConvertible, _ path: String) -> Bool? {
            if let b = value.bool { return b }
            bad(path, "must be true or false", value)
            return nil
        }

        mutating func stringList(_ value: TOMLValueConvertible, _ path: String) -> [String]? {
            if let array = value.array {
                var list: [String] = []
                for element in array {
                    guard let text = element.string, !text.isEmpty else {
                        bad(path, "must be a list of non-empty strings", value)
                        return nil
                    }
                    if !list.contains(text) { list.append(text) }
                }
                return list
            }
            bad(path, "must be a list of non-empty strings", value)
            return nil
        }

        // MARK: Issues

        mutating func bad(_ key: String, _ rule: String, _ value: TOMLValueConvertible) {
            bad("\(key) \(rule)", value, at: key)
        }

        /// `rule` is the whole sentence, key first.
        mutating func bad(_ rule: String, _ value: TOMLValueConvertible, at key: String) {
            let place = locator.place(of: key)
            errors.append(CaseIssue(path: path, line: place?.line, offset: place?.offset,
                                    message: "\(rule), not \(Self.describe(value)); the default is used"))
        }

        mutating func unknown(_ key: String) {
            let place = locator.place(of: key)
            warnings.append(CaseIssue(path: path, line: place?.line, offset: place?.offset,
                                      message: "unknown key \(key), ignored"))
        }

        static func describe(_ value: TOMLValueConvertible) -> String {
            switch value.type {
            case .string: return "the string \"\(value.string ?? "")\""
            case .int: return "\(value.int ?? 0)"
            case .double: return "\(value.double ?? 0)"
            case .bool: return (value.bool ?? false) ? "true" : "false"
            case .array: return "a list"
            case .table: return "a table"
            default: return "a date or time"
            }
        }
    }
}

/// Finds the line of each key in a TOML text, which TOMLKit does not report for
/// values. A light line scanner: `[table]` and `[[table]]` headers, `key = value`
/// (bare, quoted and dotted keys), multi-line strings skipped. Good enough to point
/// at a line; it never decides what a value is.
struct TomlLocator {
    private let decoded: DecodedText
    /// UTF-8 offset of each line's start.
    private var lineStarts: [Int] = []
    /// Dotted key path → first line (1-based) and UTF-8 offset of the key.
    private var places: [String: (line: Int, utf8: Int)] = [:]

    init(_ decoded: DecodedText) {
        self.decoded = decoded
        var table: [String] = []
        var openString: String?
        var utf8Start = 0
        // Split on LF scalars: a CRLF is one Character, so Character-wise splitting would miss it.
        for (index, scalars) in decoded.text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated() {
            let number = index + 1
            let raw = Substring(scalars)
            lineStarts.append(utf8Start)
            defer { utf8Start += raw.utf8.count + 1 }
            let line = raw.drop(while: { $0 == " " || $0 == "\t" })
            let keyOffset = utf8Start + (raw.utf8.count - line.utf8.count)
            if let delimiter = openString {
                if line.contains(delimiter) { openString = nil }
                continue
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                let name = line.drop(while: { $0 == "[" }).prefix(while: { $0 != "]" })
                table = Self.keyPath(name)
                record(table.joined(separator: "."), number, keyOffset)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else { continue }
            record((table + Self.keyPath(line[..<equals])).joined(separator: "."), number, keyOffset)
            let value = line[line.index(after: equals)...]
            for delimiter in ["\"\"\"", "'''"] where value.components(separatedBy: delimiter).count % 2 == 0 {
                openString = delimiter  // an odd number of delimiters leaves a string open
            }
        }
    }

    private mutating func record(_ key: String, _ line: Int, _ utf8: Int) {
        if places[key] == nil { places[key] = (line, utf8) }
    }

    /// `a . "b c"` → ["a", "b c"].
    private static func keyPath(_ text: Substring) -> [String] {
        text.split(separator: ".").map { part in
            let trimmed = part.trimmedOfBlanks()
            if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
                return String(trimmed.dropFirst().dropLast())
            }
            return trimmed
        }
    }

    /// Line and file byte offset of dotted key `key` (or of its table), if found.
    func place(of key: String) -> (line: Int, offset: Int)? {
        var candidate = key
        while true {
            if let place = places[candidate] {
                return (place.line, decoded.fileOffset(ofUTF8Offset: place.utf8))
            }
            guard let dot = candidate.lastIndex(of: ".") else { return nil }
            candidate = String(candidate[..<dot])
        }
    }

    /// File byte offset of a 1-based line and 1-based column (in Unicode scalars).
    func fileOffset(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        var utf8 = lineStarts[line - 1]
        withUTF8(decoded.text) { bytes in
            var scalars = 1
            while scalars < column, utf8 < bytes.count, bytes[utf8] != 0x0A {
                utf8 += 1
                // Count a scalar at each lead byte.
                if utf8 >= bytes.count || bytes[utf8] & 0xC0 != 0x80 { scalars += 1 }
            }
        }
        return decoded.fileOffset(ofUTF8Offset: utf8)
    }
}

private extension StringProtocol {
    /// Without leading and trailing spaces, tabs and CRs.
    func trimmedOfBlanks() -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        return String(String(drop(while: blank).reversed().drop(while: blank).reversed()))
    }
}
