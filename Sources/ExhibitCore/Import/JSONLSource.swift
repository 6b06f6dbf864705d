/// The lines of a JSON Lines source, each parsed on its own, so one bad line is
/// reported (file, line, byte offset) and the others still import.
enum JSONLSource {
    /// Longest line accepted, in bytes (16 MiB): a longer record is reported, not parsed.
    static let maxLineBytes = 16 << 20

    /// One line's outcome: its 1-based number, the byte offset of its start, and the
    /// parsed object or the reason it is not one.
    struct Line {
        var number: Int
        var offset: Int
        var value: Result<SourceJSON, ImportIssue>
    }

    /// The non-blank lines of `bytes` (LF or CRLF ends) from the file at `path`.
    static func lines(_ bytes: [UInt8], path: String) -> [Line] {
        var result: [Line] = []
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            var number = 1
            while start < all.count {
                var end = start
                while end < all.count, all[end] != 0x0A { end += 1 }
                var stop = end
                if stop > start, all[stop - 1] == 0x0D { stop -= 1 }
                let slice = UnsafeBufferPointer(rebasing: all[start..<stop])
                if !slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    let outcome: Result<SourceJSON, ImportIssue>
                    if slice.count > maxLineBytes {
                        outcome = .failure(ImportIssue(
                            path: path, line: number, offset: start,
                            message: "record of \(slice.count) bytes is longer than the \(maxLineBytes >> 20) MiB limit; not imported"))
                    } else {
                        do throws(SourceJSONError) {
                            var value = try SourceJSONParser.parse(slice)
                            shift(&value, by: start)
                            if value.fields == nil {
                                outcome = .failure(ImportIssue(path: path, line: number, offset: start,
                                                               message: "a JSON \(value.kindName), not an object; not imported"))
                            } else {
                                outcome = .success(value)
                            }
                        } catch {
                            outcome = .failure(ImportIssue(path: path, line: number, offset: start + error.offset,
                                                           message: "not valid JSON (\(error.message)); not imported"))
                        }
                    }
                    result.append(Line(number: number, offset: start, value: outcome))
                }
                number += 1
                start = end + 1
            }
        }
        return result
    }

    /// Makes the top value's offset count from the start of the file (nested offsets
    /// are only used relative to it).
    private static func shift(_ value: inout SourceJSON, by delta: Int) {
        value.offset += delta
    }
}
