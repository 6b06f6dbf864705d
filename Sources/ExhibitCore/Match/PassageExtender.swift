/// Grows the passages of one (work, output) pair beyond their seeds (SPEC §3,
/// "Extension"): seed-and-extend, so a copy with a word changed every fifth word is one
/// passage, not a seed and scraps.
///
/// Sources: the gapped extension of gapped BLAST (Altschul, Madden, Schäffer, Zhang,
/// Zhang, Miller & Lipman, "Gapped BLAST and PSI-BLAST: a new generation of protein
/// database search programs", Nucleic Acids Research 25(17), 1997): from the end of a
/// seed, a dynamic-programming alignment grows outward, and the X-drop rule stops it
/// where its score falls more than X below the best score seen; the alignment ends at
/// that best score. The X-drop pruning of cells follows Zhang, Schwartz, Wagner & Miller,
/// "A greedy algorithm for aligning DNA sequences", Journal of Computational Biology
/// 7(1–2), 2000 (cells more than X below the best are dead; the extension stops when
/// a whole row of the band is dead; rows here are work tokens rather than anti-diagonals).
///
/// Scores, in tokens: a same token +1; a changed one −1 (a substitution changes one token
/// on each side and costs 1, an inserted or dropped token costs 1). The alignment is
/// banded: it stays within `xDrop` diagonals of the one it starts on (a longer run of
/// inserted or dropped tokens falls more than X below the best anyway), so an extension
/// costs O(length × X) and, in novel text, stops after about X tokens (O(X²) cells: cheap at
/// the default X = 4, and the reason a very large X is slow).
///
/// Rules, applied to the chains in output order:
/// - **Bridge**: a passage and the next one (in output order) are joined when the next
///   starts after it in the work, the X-drop alignment from the first one's end reaches
///   the second one's start, and the gap has identity ≥ `minIdentity` together with each
///   of the two passages (so a long passage cannot carry a poor gap to a short one; the
///   joined passage then passes too).
/// - **Ends**: otherwise each passage grows left and right; the added tokens must by
///   themselves have identity ≥ `minIdentity` (no seed on the far side vouches for
///   them, so a long verbatim seed cannot lend its identity to absorb paraphrase around
///   it), and the end is the best-scoring such cell (ties: the shorter extension).
/// - An extension never enters another passage's output tokens, so passages never
///   overlap on the output side: the earlier passage (in output order) grows right
///   first, the later one grows left into what is left. The work side is not limited:
///   an output that copies one work span twice has two passages on the same work
///   tokens, as without extension, and coverage counts each work token once.
/// - Extension never creates a passage: every passage still holds the seed (≥ k
///   tokens) of the chain it grew from.
///
/// With `xDrop` 0 the chains' passages are returned unchanged (extension is off).
struct PassageExtender: Sendable {
    /// X: how far, in score points, an alignment may fall below its best before it stops.
    let xDrop: Int
    /// Lowest identity of what an extension adds (SPEC §3 `min_identity`).
    let minIdentity: Double

    /// The passages of `chains` (from `PassageChainer.chains`) as aligned runs, extended.
    /// With `xDrop` 0 the order is that of `chains`; otherwise passages are in output order.
    func passages(_ chains: [[Seed]], work: [UInt32], output: [UInt32]) -> [[AlignedRun]] {
        let plain = chains.map { PassageChainer.alignedRuns($0, work: work, output: output) }
        guard xDrop > 0, !plain.isEmpty else { return plain }
        let sorted = plain.map(Piece.init).sorted { ($0.o0, $0.w0) < ($1.o0, $1.w0) }
        var out = [Piece]()
        out.reserveCapacity(sorted.count)
        work.withUnsafeBufferPointer { w in
            output.withUnsafeBufferPointer { o in
                for var cur in sorted {
                    guard var prev = out.popLast() else {
                        grow(&cur, right: false, limit: 0, w, o)
                        out.append(cur)
                        continue
                    }
                    // One alignment from prev's end serves both the bridge and prev's right end.
                    let room = max(0, cur.o0 - prev.o1)
                    let gapW = cur.w0 - prev.w1, gapO = cur.o0 - prev.o1
                    let target = gapW >= 0 && gapO >= 0 && abs(gapW - gapO) <= xDrop ? (gapW, gapO) : nil
                    let a = XDropAlignment(work: w, output: o, w: prev.w1, o: prev.o1, forward: true,
                                           workCount: w.count - prev.w1, outputCount: room,
                                           xDrop: xDrop, minIdentity: minIdentity, target: target)
                    if let bridge = a.targetSame, bridges(prev, cur, gapSame: bridge) {
                        prev.append(a.pairs(to: target!), base: (prev.w1, prev.o1))
                        prev.append(cur.runs)
                        out.append(prev)
                        continue
                    }
                    if let end = a.end { prev.append(a.pairs(to: end), base: (prev.w1, prev.o1)) }
                    out.append(prev)
                    grow(&cur, right: false, limit: prev.o1, w, o)
                    out.append(cur)
                }
                grow(&out[out.count - 1], right: true, limit: o.count, w, o)
            }
        }
        return out.map(\.runs)
    }

    /// Whether the gap between `a` and `b` (`gapSame` of its tokens aligned) may join them:
    /// identity ≥ `minIdentity` of the gap with `a`, and of the gap with `b`.
    private func bridges(_ a: Piece, _ b: Piece, gapSame: Int) -> Bool {
        let left = max(b.w0 - a.w0, b.o0 - a.o0), right = max(b.w1 - a.w1, b.o1 - a.o1)
        return Self.passes(a.same + gapSame, left, minIdentity) && Self.passes(gapSame + b.same, right, minIdentity)
    }

    /// `same` / `span` ≥ `minIdentity`, computed as the figures compute identity.
    static func passes(_ same: Int, _ span: Int, _ minIdentity: Double) -> Bool {
        span == 0 || Double(same) / Double(span) >= minIdentity
    }

    /// Grows `p` at its left end (output tokens down to `limit`) or its right end (up to `limit`).
    private func grow(_ p: inout Piece, right: Bool, limit: Int,
                      _ w: UnsafeBufferPointer<UInt32>, _ o: UnsafeBufferPointer<UInt32>) {
        let a = right
            ? XDropAlignment(work: w, output: o, w: p.w1, o: p.o1, forward: true, workCount: w.count - p.w1,
                             outputCount: max(0, limit - p.o1), xDrop: xDrop, minIdentity: minIdentity, target: nil)
            : XDropAlignment(work: w, output: o, w: p.w0, o: p.o0, forward: false, workCount: p.w0,
                             outputCount: max(0, p.o0 - limit), xDrop: xDrop, minIdentity: minIdentity, target: nil)
        guard let end = a.end else { return }
        if right {
            p.append(a.pairs(to: end), base: (p.w1, p.o1))
        } else {
            p.prepend(a.pairs(to: end), base: (p.w0, p.o0))
        }
    }
}

/// A passage being grown: its aligned runs (in order, merged when contiguous) and bounds.
private struct Piece {
    var runs: [AlignedRun]
    var same: Int

    init(_ runs: [AlignedRun]) {
        self.runs = runs
        same = runs.reduce(0) { $0 + $1.length }
    }

    var w0: Int { runs[0].work }
    var o0: Int { runs[0].output }
    var w1: Int { runs[runs.count - 1].workEnd }
    var o1: Int { runs[runs.count - 1].outputEnd }

    /// Appends one same token pair (work `w`, output `o`), after every run.
    mutating func add(_ w: Int, _ o: Int, _ length: Int = 1) {
        if let last = runs.last, last.workEnd == w, last.outputEnd == o {
            runs[runs.count - 1].length += length
        } else {
            runs.append(AlignedRun(work: w, output: o, length: length))
        }
        same += length
    }

    /// Appends the pairs of a forward alignment that starts at `base`.
    mutating func append(_ pairs: [(Int, Int)], base: (Int, Int)) {
        for (i, j) in pairs { add(base.0 + i, base.1 + j) }
    }

    /// Appends runs that all lie after this piece's.
    mutating func append(_ more: [AlignedRun]) {
        for r in more { add(r.work, r.output, r.length) }
    }

    /// Puts the pairs of a backward alignment from `base` (offsets count back from
    /// `base - 1`) before every run.
    mutating func prepend(_ pairs: [(Int, Int)], base: (Int, Int)) {
        var head = Piece([AlignedRun(work: base.0 - 1 - pairs[pairs.count - 1].0,
                                     output: base.1 - 1 - pairs[pairs.count - 1].1, length: 1)])
        for (i, j) in pairs.reversed().dropFirst() { head.add(base.0 - 1 - i, base.1 - 1 - j) }
        head.append(runs)
        self = head
    }
}

/// A banded X-drop alignment from one corner of a passage outward (forward: work tokens
/// `w…`, output tokens `o…`; backward: work tokens `w-1, w-2…`, output `o-1, o-2…`).
/// Offsets `i` (work) and `j` (output) count tokens consumed from the corner.
private struct XDropAlignment {
    /// The best-scoring cell (score > 0, last step a same token) whose alignment has
    /// identity ≥ `minIdentity`; ties: the first reached. Nil: no extension.
    private(set) var end: (Int, Int)?
    /// Same tokens on the best path to `target`, when the X-drop reached it.
    private(set) var targetSame: Int?
    private let width: Int
    private let band: Int
    /// Per row, per diagonal: how the cell was reached (see `Step`).
    private var trace: [UInt8]

    private enum Step {
        static let none: UInt8 = 0, same: UInt8 = 1, changed: UInt8 = 2, dropped: UInt8 = 3, inserted: UInt8 = 4
    }

    init(work: UnsafeBufferPointer<UInt32>, output: UnsafeBufferPointer<UInt32>, w: Int, o: Int, forward: Bool,
         workCount n: Int, outputCount m: Int, xDrop x: Int, minIdentity: Double, target: (Int, Int)?) {
        band = x
        width = 2 * x + 1
        trace = []
        let dead = Int.min / 4
        var prevH = [Int](repeating: dead, count: width), curH = prevH
        var prevS = [Int](repeating: 0, count: width), curS = prevS
        var best = 0, endScore = 0
        @inline(__always) func a(_ i: Int) -> UInt32 { forward ? work[w + i] : work[w - 1 - i] }
        @inline(__always) func b(_ j: Int) -> UInt32 { forward ? output[o + j] : output[o - 1 - j] }
        var i = 0
        while i <= n {
            trace.append(contentsOf: repeatElement(Step.none, count: width))
            let row = i * width
            var alive = false
            for d in -band...band {
                let j = i + d, c = d + band
                curH[c] = dead
                curS[c] = 0
                guard j >= 0, j <= m else { continue }
                if i == 0 && j == 0 {
                    curH[c] = 0
                    alive = true
                    continue
                }
                var h = dead, s = 0, step = Step.none
                if i > 0 && j > 0 && prevH[c] > dead {
                    let eq = a(i - 1) == b(j - 1)
                    h = prevH[c] + (eq ? 1 : -1)
                    s = prevS[c] + (eq ? 1 : 0)
                    step = eq ? Step.same : Step.changed
                }
                if i > 0 && c + 1 < width && prevH[c + 1] > dead {
                    let h2 = prevH[c + 1] - 1, s2 = prevS[c + 1]
                    if (h2, s2) > (h, s) { h = h2; s = s2; step = Step.dropped }
                }
                if j > 0 && c > 0 && curH[c - 1] > dead {
                    let h2 = curH[c - 1] - 1, s2 = curS[c - 1]
                    if (h2, s2) > (h, s) { h = h2; s = s2; step = Step.inserted }
                }
                guard step != Step.none, h >= best - x else { continue }
                curH[c] = h
                curS[c] = s
                trace[row + c] = step
                alive = true
                if h > best { best = h }
                if step == Step.same && h > endScore && PassageExtender.passes(s, max(i, j), minIdentity) {
                    endScore = h
                    end = (i, j)
                }
                if let t = target, t.0 == i, t.1 == j { targetSame = s }
            }
            if let t = target, t.0 == 0, t.1 == 0, i == 0 { targetSame = 0 }
            if !alive { break }
            swap(&prevH, &curH)
            swap(&prevS, &curS)
            i += 1
        }
    }

    /// The same token pairs (work offset, output offset) on the path to `cell`, from the
    /// corner outward.
    func pairs(to cell: (Int, Int)) -> [(Int, Int)] {
        var out = [(Int, Int)]()
        var i = cell.0, j = cell.1
        while i > 0 || j > 0 {
            switch trace[i * width + (j - i + band)] {
            case Step.same:
                out.append((i - 1, j - 1))
                i -= 1; j -= 1
            case Step.changed:
                i -= 1; j -= 1
            case Step.dropped:
                i -= 1
            case Step.inserted:
                j -= 1
            default:
                preconditionFailure("X-drop trace broken at (\(i), \(j))")
            }
        }
        return out.reversed()
    }
}
