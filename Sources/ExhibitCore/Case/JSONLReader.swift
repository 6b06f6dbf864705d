import Foundation

/// One top-level field of a JSONL record, in source order.
public struct JSONLField: Sendable, Hashable {
    /// The key, decoded.
    public var key: String
    /// What the value is in JSON.
    public var kind: JSONValueKind
    /// The value as text: a string decoded, a number as written, `true`/`false`,
    /// `null`, an array or object as compact JSON (insignificant whitespace removed,
    /// key order and escapes as written).
    public var text: String

    public init(key: String, kind: JSONValueKind, text: String) {
        self.key = key
        self.kind = kind
        self.text = text
    }
}

/// One JSON object line of a JSONL file.
public struct JSONLRecord: Sendable, Hashable {
    /// 1-based physical line number (blank lines count).
    public var line: Int
    /// Byte offset of the line's start, from the start of the file.
    public var offset: Int
    /// Top-level fields in source order. A key given twice appears once, at its first
    /// position, with its last value (as `JSONSerialization` keeps the last).
    public var fields: [JSONLField]

    public init(line: Int, offset: Int, fields: [JSONLField]) {
        self.line = line
        self.offset = offset
        self.fields = fields
    }

    /// The field named `key`, or nil.
    public func field(_ key: String) -> JSONLField? {
        fields.first(where: { $0.key == key })
    }
}

/// What a JSONL file yielded: its records in line order, and the problems found.
public struct JSONLFile: Sendable {
    /// Records of the lines that are JSON objects, in line order.
    public var records: [JSONLRecord] = []
    /// Lines that are not JSON objects (line, byte offset of the problem or the line).
    public var errors: [CaseIssue] = []
    /// Repairs made (invalid UTF-8, lone surrogate escapes, raw control characters,
    /// keys given twice), one issue per line and kind.
    public var warnings: [CaseIssue] = []
}

/// Reads JSON Lines (one JSON value per line, jsonlines.org) with the leniency of
/// SPEC §1: lines are split on LF (a CR before it is dropped); blank lines are
/// skipped silently; a line that is not a JSON object is an error naming its line and
/// byte offset while the other lines still load; lone surrogate escapes and raw
/// control characters in strings are repaired before parsing and warned about.
/// Lines are parsed on all cores; results keep line order.
public enum JSONLReader {
    /// Reads the records of a decoded JSONL file at case-relative `path`.
    public static func read(_ decoded: DecodedText, path: String) -> JSONLFile {
        let lines = splitLines(decoded.text)
        let outcomes = lines.concurrentMap { line -> LineOutcome in
            if line.isBlank { return .blank }
            return withUTF8(decoded.text) { all in
                parseLine(UnsafeBufferPointer(rebasing: all[line.range]))
            }
        }

        var file = JSONLFile()
        var nextReplaced = 0
        for (line, outcome) in zip(lines, outcomes) {
            let start = line.range.lowerBound
            func fileOffset(_ inLine: Int) -> Int { decoded.fileOffset(ofUTF8Offset: start + inLine) }
            let lineOffset = fileOffset(0)

            // Invalid UTF-8 (or UTF-16) replaced when the file was decoded, by line.
            var replacedHere: [ReplacedSequence] = []
            while nextReplaced < decoded.replaced.count, decoded.replaced[nextReplaced].utf8Offset < line.range.upperBound {
                replacedHere.append(decoded.replaced[nextReplaced])
                nextReplaced += 1
            }
            if let first = replacedHere.first {
                file.warnings.append(CaseIssue(path: path, line: line.number, offset: first.bytes.lowerBound,
                                               message: decoded.replacementSummary(replacedHere)))
            }

            switch outcome {
            case .blank:
                continue
            case .failure(let message, let position):
                file.errors.append(CaseIssue(path: path, line: line.number, offset: fileOffset(position), message: message))
            case .record(let fields, let notes):
                if !notes.loneSurrogates.isEmpty {
                    let sequences = notes.loneSurrogates.map { o in
                        ReplacedSequence(bytes: fileOffset(o)..<(fileOffset(o) + 6), utf8Offset: start + o)
                    }
                    file.warnings.append(CaseIssue(
                        path: path, line: line.number, offset: sequences[0].bytes.lowerBound,
                        message: "lone surrogate escape in a JSON string: "
                            + DecodedText.describe(sequences, noun: "escape") + " replaced by U+FFFD"))
                }
                if !notes.controlCharacters.isEmpty {
                    let sequences = notes.controlCharacters.map { o in
                        ReplacedSequence(bytes: fileOffset(o)..<(fileOffset(o) + 1), utf8Offset: start + o)
                    }
                    file.warnings.append(CaseIssue(
                        path: path, line: line.number, offset: sequences[0].bytes.lowerBound,
                        message: "unescaped control character in a JSON string (not valid JSON, accepted): "
                            + DecodedText.describe(sequences, noun: "character") + ", kept in the text"))
                }
                for key in notes.duplicateKeys {
                    file.warnings.append(CaseIssue(
                        path: path, line: line.number, offset: lineOffset,
                        message: "key \"\(key)\" is given more than once; the last value is used"))
                }
                file.records.append(JSONLRecord(line: line.number, offset: lineOffset, fields: fields))
            }
        }
        return file
    }

    // MARK: Lines

    /// A physical line: its UTF-8 byte range in the decoded text, terminator excluded.
    struct PhysicalLine: Sendable {
        var number: Int
        var range: Range<Int>
        /// Only spaces, tabs and CRs.
        var isBlank: Bool
    }

    /// Splits on LF, CRLF and a lone CR (old Mac files): SPEC §1 accepts every one of
    /// these line ends. A raw CR is never valid inside a JSON string, so splitting on it
    /// cannot cut a valid record.
    static func splitLines(_ text: String) -> [PhysicalLine] {
        withUTF8(text) { all in
            var lines: [PhysicalLine] = []
            guard all.count > 0 else { return lines }
            var start = 0
            var number = 1
            while start < all.count {
                var end = start
                while end < all.count && all[end] != 0x0A && all[end] != 0x0D { end += 1 }
                var blank = true
                var k = start
                while k < end {
                    let byte = all[k]
                    if byte != 0x20, byte != 0x09 { blank = false; break }
                    k += 1
                }
                lines.append(PhysicalLine(number: number, range: start..<end, isBlank: blank))
                number += 1
                // CRLF is one line end.
                if end < all.count && all[end] == 0x0D && end + 1 < all.count && all[end + 1] == 0x0A { end += 1 }
                start = end + 1
            }
            return lines
        }
    }

    // MARK: One line

    struct LineNotes: Sendable {
        /// Byte offsets in the line.
        var loneSurrogates: [Int] = []
        var controlCharacters: [Int] = []
        var duplicateKeys: [String] = []
    }

    enum LineOutcome: Sendable {
        case blank
        case record([JSONLField], LineNotes)
        /// `position`: byte offset in the line the problem was found at.
        case failure(String, position: Int)
    }

    static func parseLine(_ line: UnsafeBufferPointer<UInt8>) -> LineOutcome {
        let scan = JSONLineScanner.scan(line)
        guard scan.needsRepair else { return parseObject(line, scan: scan, notes: LineNotes(), repairMap: nil) }
        let repair = JSONLineRepair(line)
        var notes = LineNotes()
        notes.loneSurrogates = repair.loneSurrogates
        notes.controlCharacters = repair.controlCharacters
        return repair.bytes.withUnsafeBufferPointer { repaired in
            parseObject(repaired, scan: JSONLineScanner.scan(repaired), notes: notes, repairMap: repair.map)
        }
    }

    private static func parseObject(_ line: UnsafeBufferPointer<UInt8>, scan: JSONLineScan, notes: LineNotes,
                                    repairMap: ByteOffsetMap?) -> LineOutcome {
        func original(_ position: Int) -> Int { repairMap?.map(position) ?? position }
        let object: Any
        do {
            // No copy: the parser does not keep the buffer.
            let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: line.baseAddress!), count: line.count,
                            deallocator: .none)
            object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let (message, position) = describe(parseError: error, lineLength: line.count)
            return .failure("not valid JSON (\(message))", position: original(position ?? 0))
        }
        guard let dictionary = object as? [String: Any] else {
            let kind = scan.topKind.map { "a JSON \($0.rawValue)" }
            return .failure("\(kind ?? "a JSON value"), not an object", position: 0)
        }
        var notes = notes
        var fields: [JSONLField] = []
        fields.reserveCapacity(dictionary.count)
        var seen: [String: Int] = [:]
        for scanned in scan.fields ?? [] {
            let key = scanned.keyHasEscape
                ? decodeString(line, scanned.key)
                : String(decoding: UnsafeBufferPointer(rebasing: line[(scanned.key.lowerBound + 1)..<(scanned.key.upperBound - 1)]), as: UTF8.self)
            let text: String
            switch scanned.kind {
            case .string:
                text = dictionary[key] as? String ?? decodeString(line, scanned.value)
            case .array, .object:
                text = compactJSON(UnsafeBufferPointer(rebasing: line[scanned.value]))
            case .number, .boolean, .null:
                text = String(decoding: UnsafeBufferPointer(rebasing: line[scanned.value]), as: UTF8.self)
            }
            let field = JSONLField(key: key, kind: scanned.kind, text: text)
            if let at = seen[key] {
                fields[at] = field
                notes.duplicateKeys.append(key)
            } else {
                seen[key] = fields.count
                fields.append(field)
            }
        }
        // Never drop a field the scanner could not place (it should place all of them).
        if seen.count < dictionary.count {
            for key in dictionary.keys.sorted() where seen[key] == nil {
                fields.append(fallbackField(key: key, value: dictionary[key]!))
            }
        }
        return .record(fields, notes)
    }

    /// A field built from the parsed value alone (order unknown, numbers re-serialized).
    private static func fallbackField(key: String, value: Any) -> JSONLField {
        if let string = value as? String { return JSONLField(key: key, kind: .string, text: string) }
        if value is NSNull { return JSONLField(key: key, kind: .null, text: "null") }
        let kind: JSONValueKind = value is [Any] ? .array : value is [String: Any] ? .object : .number
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])) ?? Data()
        return JSONLField(key: key, kind: kind, text: String(decoding: data, as: UTF8.self))
    }

    /// Decodes the JSON string literal at `range` (quotes included).
    private static func decodeString(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        let raw = Data(UnsafeBufferPointer(rebasing: line[range]))
        if let string = (try? JSONSerialization.jsonObject(with: raw, options: [.fragmentsAllowed])) as? String {
            return string
        }
        return String(decoding: raw.dropFirst().dropLast(), as: UTF8.self)
    }

    /// The JSON text with whitespace outside strings removed.
    static func compactJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var inString = false
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if inString {
                out.append(byte)
                if byte == UInt8(ascii: "\\"), i + 1 < bytes.count {
                    out.append(bytes[i + 1])
                    i += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
            } else {
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D: break
                case UInt8(ascii: "\""): inString = true; out.append(byte)
                default: out.append(byte)
                }
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The parser's message without its position, and the position (bytes from the
    /// start of the line) when the message gives one. Foundation reports positions as
    /// "around character N", N a 0-based byte index of the input.
    static func describe(parseError error: Error, lineLength: Int) -> (String, Int?) {
        let ns = error as NSError
        var message = ns.userInfo[NSDebugDescriptionErrorKey] as? String ?? ns.localizedDescription
        var position: Int?
        for marker in [" around character ", " from character ", " at character "] {
            guard let found = message.range(of: marker) else { continue }
            let digits = message[found.upperBound...].prefix(while: \.isNumber)
            position = Int(digits).map { min($0, lineLength) }
            message.removeSubrange(found.lowerBound..<message.index(found.upperBound, offsetBy: digits.count))
            break
        }
        if message.contains("end of file") {
            message = message.replacingOccurrences(of: "end of file", with: "end of line")
            position = position ?? lineLength
        }
        if message.hasSuffix(".") { message.removeLast() }
        return (message, position)
    }
}
