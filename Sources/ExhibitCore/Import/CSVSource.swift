/// The records of a CSV source (RFC 4180: `,` separators, `"` quoting with `""` for a
/// quote, line breaks allowed inside quotes), each with the physical line and byte
/// offset it starts at, so a bad record can be named. The CSV package the core uses
/// for writing reports neither gives positions nor rejects an unterminated quote,
/// which would swallow the rest of the file into one field.
enum CSVSource {
    struct Record {
        /// 1-based physical line of the record's first byte.
        var line: Int
        /// Byte offset of the record's first byte.
        var offset: Int
        var fields: [String]
    }

    /// The records of `bytes` (a UTF-8 byte-order mark skipped), or the problem: an
    /// unterminated quoted field (named at its opening quote), a quote inside an
    /// unquoted field, text after a closing quote, or invalid UTF-8.
    static func records(_ bytes: [UInt8]) -> Result<[Record], SourceJSONError> {
        var records: [Record] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while i < bytes.count {
            let start = i, startLine = line
            var fields: [String] = []
            var endOfRecord = false
            while !endOfRecord {
                var field: [UInt8] = []
                if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
                    let open = i
                    i += 1
                    while true {
                        guard i < bytes.count else {
                            return .failure(SourceJSONError(message: "unterminated quoted field (the file ends inside it)", offset: open))
                        }
                        let b = bytes[i]
                        if b == UInt8(ascii: "\"") {
                            if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 2; continue }
                            i += 1
                            break
                        }
                        if b == 0x0A { line += 1 }
                        field.append(b)
                        i += 1
                    }
                    guard i == bytes.count || bytes[i] == UInt8(ascii: ",") || bytes[i] == 0x0A || bytes[i] == 0x0D else {
                        return .failure(SourceJSONError(message: "text after a closing quote", offset: i))
                    }
                } else {
                    while i < bytes.count, bytes[i] != UInt8(ascii: ","), bytes[i] != 0x0A, bytes[i] != 0x0D {
                        if bytes[i] == UInt8(ascii: "\"") {
                            return .failure(SourceJSONError(message: "a quote inside an unquoted field", offset: i))
                        }
                        field.append(bytes[i])
                        i += 1
                    }
                }
                guard let text = String(validating: field, as: UTF8.self) else {
                    return .failure(SourceJSONError(message: "invalid UTF-8 in a field", offset: start))
                }
                fields.append(text)
                if i < bytes.count, bytes[i] == UInt8(ascii: ",") {
                    i += 1
                } else {
                    if i < bytes.count, bytes[i] == 0x0D { i += 1 }
                    if i < bytes.count, bytes[i] == 0x0A { i += 1 }
                    line += 1
                    endOfRecord = true
                }
            }
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: startLine, offset: start, fields: fields))
            }
        }
        return .success(records)
    }
}
