/// Takes a JSON text's bytes a piece at a time while `JSONValue` writes it, so a text of
/// a gigabyte (an XL scan's report) goes to its file as it is made instead of being held
/// whole (issue 12). The pieces, in order, are the bytes `JSONValue.utf8(indent:)` gives.
final class JSONSink {
    /// Bytes (UTF-8) gathered before they are handed on.
    let piece: Int
    private let emit: ([UInt8]) throws -> Void
    /// The first error `emit` threw; nothing is handed on after it.
    private(set) var error: (any Error)?

    init(piece: Int, emit: @escaping ([UInt8]) throws -> Void) {
        self.piece = piece
        self.emit = emit
    }

    /// Hands `out` on and empties it when it holds at least `piece` bytes.
    func take(_ out: inout [UInt8]) {
        if out.count >= piece { flush(&out) }
    }

    /// Hands `out` on, whatever its size, and empties it.
    func flush(_ out: inout [UInt8]) {
        if error == nil, !out.isEmpty {
            do { try emit(out) } catch { self.error = error }
        }
        out.removeAll(keepingCapacity: true)
    }
}

extension JSONValue {
    /// `utf8(indent:)` handed to `emit` in order, in pieces of about `piece` bytes or
    /// more (an `.elements` array is cut between windows of its elements), never held
    /// whole.
    /// - Throws: the first error `emit` throws (nothing is handed on after it).
    public func utf8(indent: Int? = nil, piece: Int = 8 << 20, emit: ([UInt8]) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in
            let sink = JSONSink(piece: piece, emit: emit)
            var out = [UInt8]()
            write(into: &out, indent: indent, level: 0, sink: sink)
            sink.flush(&out)
            if let error = sink.error { throw error }
        }
    }
}
