#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an annotation could not be made, stored or read.
public enum AnnotationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The span `[start, start)` is empty.
    case emptyRange(source: String, start: Int)
    /// The span (Unicode scalars) does not lie inside the document of `length` scalars.
    case rangeOutOfBounds(source: String, range: Range<Int>, length: Int)
    /// The span's `offset` (a start or an end, in Unicode scalars) falls inside a grapheme
    /// cluster (an emoji ZWJ sequence, a flag, a letter with combining marks), whose nearest
    /// boundaries are `before` and `after`.
    case splitsCharacter(source: String, offset: Int, before: Int, after: Int)
    /// The tag is not in the case's tag list (`case.toml` `tags`).
    case unknownTag(String, allowed: [String])
    /// No work or output of the case has this `source`.
    case unknownSource(String)
    /// No record of `annotations.jsonl` has this id.
    case unknownRecord(String)
    /// The record was already replaced by a later one; edit or delete that one instead.
    case superseded(String, by: String)
    /// The annotation is already deleted.
    case alreadyDeleted(String)
    /// A system call on `path` failed with `errno`.
    case io(path: String, operation: String, errno: Int32)
    /// `path` is there but is not a regular file (a FIFO, a device, a folder): it is never
    /// opened for reading or writing, so a FIFO cannot hang the program.
    case notRegularFile(path: String)
    /// `path` is a symbolic link whose target (`target`, or nil when it does not exist)
    /// lies outside the case folder: counsel's records never go to, or come from, a
    /// foreign file.
    case linkOutsideCase(path: String, target: String?)

    public var description: String {
        switch self {
        case .emptyRange(let source, let start):
            return "\(source): the span \(start)..<\(start) is empty"
        case .rangeOutOfBounds(let source, let range, let length):
            return "\(source): the span \(range.lowerBound)..<\(range.upperBound) is outside the text (\(length) Unicode scalars)"
        case .splitsCharacter(let source, let offset, let before, let after):
            return "\(source): offset \(offset) falls inside a character (grapheme cluster \(before)..<\(after));"
                + " use \(before) or \(after)"
        case .unknownTag(let tag, let allowed):
            return "unknown tag '\(tag)'; the case allows: \(allowed.joined(separator: ", "))"
        case .unknownSource(let source):
            return "no work or output of the case has source '\(source)'"
        case .unknownRecord(let id):
            return "no annotation has id '\(id)'"
        case .superseded(let id, let by):
            return "annotation \(id) was already replaced by \(by); use that id"
        case .alreadyDeleted(let id):
            return "annotation \(id) is already deleted"
        case .io(let path, let operation, let errno):
            return "\(path): \(operation) failed: \(String(cString: strerror(errno)))"
        case .notRegularFile(let path):
            return "\(path): not a regular file (a FIFO, device or folder); annotations not read or written"
        case .linkOutsideCase(let path, let target):
            return "\(path): symbolic link to " + (target.map { "\($0), outside the case folder" } ?? "a file that does not exist")
                + "; annotations are read and written only inside the case"
        }
    }
}
