import Foundation
import Testing
@testable import ExhibitCore

/// Re-anchoring when the document's text changed: found again with confidence, or
/// orphaned — never moved to a look-alike, never dropped.
@Suite struct AnnotationReanchorTests {
    static let first = "The committee met on Monday to review the budget for the coming year. "
    static let key = "Members agreed that the harbor lighthouse must be restored before winter. "
    static let third = "Several residents spoke against the plan, citing the cost of labor. "
    static let fourth = "The chair promised a final vote at the next meeting in March."
    static let original = first + key + third + fourth
    static let keyRange: Range<Int> = first.unicodeScalars.count..<(first.unicodeScalars.count + key.unicodeScalars.count - 1)

    static func annotation(_ text: String = original, _ range: Range<Int> = keyRange) throws -> Annotation {
        try Annotation.make(source: "works/a.txt", text: ScalarText(text), range: range, body: AnnotationBody(tag: "key-passage"))
    }

    static func anchor(_ a: Annotation, in text: String) -> AnchorStatus {
        Reanchor.anchor(a.target, in: ScalarText(text))
    }

    static func scalars(_ s: String) -> Int { s.unicodeScalars.count }

    @Test func unchangedTextIsAnchored() throws {
        let a = try Self.annotation()
        #expect(a.target.quote.exact == "Members agreed that the harbor lighthouse must be restored before winter.")
        #expect(Self.anchor(a, in: Self.original) == .anchored(Self.keyRange))
    }

    @Test func textInsertedBeforeTheSpan() throws {
        let a = try Self.annotation()
        let inserted = "A new opening paragraph, added in the second edition.\n\n"
        let shift = Self.scalars(inserted)
        #expect(Self.anchor(a, in: inserted + Self.original)
                == .reanchored((Self.keyRange.lowerBound + shift)..<(Self.keyRange.upperBound + shift), .exact))
        // Inserted right against the span: the prefix no longer agrees, the suffix does.
        let tight = Self.first + "In short: " + Self.key + Self.third + Self.fourth
        #expect(Self.anchor(a, in: tight) == .reanchored((Self.keyRange.lowerBound + 10)..<(Self.keyRange.upperBound + 10), .exact))
    }

    @Test func spanTextEditedSlightlyIsFoundByItsContext() throws {
        let a = try Self.annotation()
        let editedKey = "Members agreed that the old harbor lighthouse should be restored before winter. "
        let text = Self.first + editedKey + Self.third + Self.fourth
        let start = Self.scalars(Self.first)
        // Prefix and suffix are unchanged, so the whole edited sentence is the span.
        #expect(Self.anchor(a, in: text) == .reanchored(start..<(start + Self.scalars(editedKey) - 1), .context))
    }

    @Test func spanAndContextEditedIsOrphanedNotGuessed() throws {
        let a = try Self.annotation()
        // One letter of the quote and one of the prefix change: neither the quote nor the
        // prefix occurs verbatim. An edited quote needs both neighbours to vouch for it.
        let text = Self.first.replacingOccurrences(of: "coming year", with: "coming yeer")
            + Self.key.replacingOccurrences(of: "winter", with: "Winter") + Self.third + Self.fourth
        guard case .orphaned(let why) = Self.anchor(a, in: text) else {
            Issue.record("an edited quote with an edited prefix was placed")
            return
        }
        #expect(why.contains("do not both stand there unchanged"))
    }

    @Test func spanEditedWithItsContextReflowedIsFoundApproximately() throws {
        let a = try Self.annotation()
        // The quote lost a letter and the paragraph was re-flowed (spaces became line
        // breaks): the neighbours agree up to white space.
        let text = Self.first.replacingOccurrences(of: "coming year. ", with: "coming\nyear.\n")
            + Self.key.replacingOccurrences(of: "winter", with: "Winter").replacingOccurrences(of: ". ", with: ".\n")
            + Self.third.replacingOccurrences(of: "Several residents", with: "Several\nresidents") + Self.fourth
        let start = Self.scalars(Self.first)
        #expect(Self.anchor(a, in: text) == .reanchored(start..<(start + Self.scalars(Self.key) - 1), .fuzzy))
    }

    @Test func wholeDeletedSentenceDoesNotMoveOntoTheLookAlikeThatTookItsPlace() throws {
        // The e2e case: the note is on the whole east sentence, which is deleted; the west
        // sentence now sits in its place, 93 % similar, with the same prefix.
        let text = Self.carts + Self.east + Self.west + Self.bell
        let e = Self.scalars(Self.carts)
        let eastNote = try Self.annotation(text, e..<(e + Self.scalars(Self.east) - 1))
        let westStart = e + Self.scalars(Self.east)
        let westNote = try Self.annotation(text, westStart..<(westStart + Self.scalars(Self.west) - 1))
        let edited = Self.carts + Self.west + Self.bell
        #expect(Self.anchor(eastNote, in: edited).name == "orphaned")
        #expect(Self.anchor(westNote, in: edited) == .reanchored(e..<(e + Self.scalars(Self.west) - 1), .exact))
    }

    @Test func lookAlikeElsewhereIsOrphaned() throws {
        let a = try Self.annotation()
        // The sentence is gone; a similar one (one word differs, similarity ≥ 0.9) stands in
        // another paragraph with other neighbours. It must not take the annotation.
        let lookAlike = "Members agreed that the harbor lighthouse must be repainted before winter. "
        let text = Self.first + Self.third + "\n\nIn other business, the parks board met. " + lookAlike
            + "Nobody objected to the new benches. " + Self.fourth
        let status = Self.anchor(a, in: text)
        guard case .orphaned(let why) = status else {
            Issue.record("expected orphaned, got \(status)")
            return
        }
        #expect(why.contains("not moved to a look-alike"))
        // And it is kept: the case view still lists it, with its quote.
        let casePath = try AnnotationFixtures.makeCase(works: ["a.txt": Self.original])
        defer { AnnotationFixtures.remove(casePath) }
        let made = try AnnotationEditing.annotate(try CaseLoader.load(path: casePath), source: "works/a.txt",
                                                  range: Self.keyRange, tag: "key-passage")
        try AnnotationFixtures.rewrite(casePath, work: "a.txt", text)
        let view = try CaseAnnotations.load(try CaseLoader.load(path: casePath))
        #expect(view.current.map(\.annotation.id) == [made.id])
        #expect(view.current.first?.status.name == "orphaned")
        #expect(view.current.first?.annotation.target.quote.exact == a.target.quote.exact)
    }

    @Test func shortQuoteFoundOnlyWithOtherContextIsOrphaned() throws {
        let text = "Alpha beta gamma. The word harbor appears once here. Delta epsilon."
        let start = Self.scalars("Alpha beta gamma. The word ")
        let a = try Self.annotation(text, start..<(start + 6))
        #expect(a.target.quote.exact == "harbor")
        let other = "Completely different prose. Ships rest in the harbor at dusk, they said."
        guard case .orphaned = Self.anchor(a, in: other) else {
            Issue.record("a six-letter word with new neighbours is not the same span")
            return
        }
    }

    @Test func removedSpanIsOrphaned() throws {
        let a = try Self.annotation()
        let status = Self.anchor(a, in: Self.first + Self.third + Self.fourth)
        #expect(status == .orphaned("the quote is no longer in the text"))
    }

    @Test func spanRewrittenBetweenUnchangedNeighboursIsOrphaned() throws {
        let a = try Self.annotation()
        // Prefix and suffix are still there, but what lies between them is another sentence.
        let text = Self.first + "Completely unrelated words fill this place now." + " " + Self.third + Self.fourth
        let status = Self.anchor(a, in: text)
        guard case .orphaned(let why) = status else {
            Issue.record("expected orphaned, got \(status)")
            return
        }
        #expect(why.contains("too different from the quote"))
    }

    @Test func repeatedQuoteIsToldApartByContext() throws {
        // "Objection sustained." occurs twice; the annotation is on the second.
        let text = "Counsel rose. Objection sustained. The witness paused. Later, after the recess, Objection sustained. The jury left."
        let second = Self.scalars("Counsel rose. Objection sustained. The witness paused. Later, after the recess, ")
        let a = try Self.annotation(text, second..<(second + 20))
        // A sentence inserted at the start moves both; the second's context still decides,
        // even though the first copy is now nearer the recorded offset.
        let inserted = String(repeating: "Preliminary matter number one was read into the record. ", count: 2)
        let shift = Self.scalars(inserted)
        #expect(Self.anchor(a, in: inserted + text) == .reanchored((second + shift)..<(second + shift + 20), .exact))
    }

    @Test func identicalRepeatsAreDecidedByPositionOnlyWhenClear() throws {
        let block = "Refrain: we shall not be moved, we shall not be moved, no no no. Verse follows after a pause here.\n"
        let text = block + block
        let a = try Self.annotation(text, 0..<64)
        // Same context around both copies (the text before each is empty or the block's end).
        let small = "Title\n"
        let s = Self.scalars(small)
        #expect(Self.anchor(a, in: small + text) == .reanchored(s..<(s + 64), .exact))
        // Inserted text as long as a block: the recorded offset no longer tells the copies apart.
        let big = String(repeating: "x", count: Self.scalars(block) + 1) + "\n"
        let status = Self.anchor(a, in: big + text)
        guard case .orphaned(let why) = status else {
            Issue.record("expected orphaned, got \(status)")
            return
        }
        #expect(why.contains("ambiguous"))
    }

    @Test func missingDocumentIsOrphanedNotDropped() throws {
        let a = try Self.annotation()
        let log = AnnotationLog(records: [StoredAnnotation(annotation: a, line: 1, offset: 0)])
        let view = CaseAnnotations(log: log, documents: [])
        #expect(view.current.count == 1)
        #expect(view.current[0].status == .orphaned("the case has no document works/a.txt"))
    }

    @Test func sameHashButWrongQuoteIsNotTrusted() throws {
        var a = try Self.annotation()
        // A record whose position disagrees with its own quote (edited by hand): the quote wins.
        a.target.position = TextPositionSelector(start: 0, end: 10)
        #expect(Self.anchor(a, in: Self.original) == .reanchored(Self.keyRange, .exact))
    }

    // MARK: Look-alikes (issue 9, point 1)

    static let carts = "The carts came in early. "
    static let east = "At the east gate the guards waited all through the long summer nights. "
    static let west = "At the west gate the guards waited all through the long winter nights. "
    static let bell = "Then the bell rang."
    static let quoted = "the guards waited all through the long"

    @Test func deletedSentenceDoesNotMoveItsNoteOntoTheLookAlike() throws {
        let text = Self.carts + Self.east + Self.west + Self.bell
        let e = Self.scalars(Self.carts) + Self.scalars("At the east gate ")
        let w = Self.scalars(Self.carts + Self.east) + Self.scalars("At the west gate ")
        let q = Self.scalars(Self.quoted)
        let eastNote = try Self.annotation(text, e..<(e + q)), westNote = try Self.annotation(text, w..<(w + q))
        #expect(eastNote.target.quote.exact == Self.quoted && westNote.target.quote.exact == Self.quoted)
        // East and west, summer and winter have the same lengths: after the deletion the
        // west quote sits exactly at the east note's recorded offsets, and both contexts
        // are within two edits of the east note's. Still not the east sentence.
        let edited = Self.carts + Self.west + Self.bell
        #expect(ScalarText(edited).string(e..<(e + q)) == Self.quoted)
        let status = Self.anchor(eastNote, in: edited)
        guard case .orphaned(let why) = status else {
            Issue.record("the east note moved onto the west sentence: \(status)")
            return
        }
        #expect(why.contains("not moved to a look-alike"))
        // The west note follows its own sentence (its suffix is unchanged).
        #expect(Self.anchor(westNote, in: edited) == .reanchored(e..<(e + q), .exact))
    }

    @Test func longSoleQuoteWithNewNeighboursOnBothSidesIsOrphaned() throws {
        // Before: a quote of ≥ 32 scalars found once was taken without any context.
        let text = Self.carts + Self.east + Self.bell
        let e = Self.scalars(Self.carts) + Self.scalars("At the east gate ")
        let a = try Self.annotation(text, e..<(e + Self.scalars(Self.quoted)))
        let status = Self.anchor(a, in: "Elsewhere, at the west gate " + Self.quoted + " winter nights.")
        #expect(status.name == "orphaned")
    }

    @Test func repeatedQuoteGoesToTheOccurrenceWhoseContextAgrees() throws {
        // Three copies of the quote; only the last keeps the note's suffix.
        let text = Self.carts + Self.east + Self.bell
        let e = Self.scalars(Self.carts) + Self.scalars("At the east gate ")
        let a = try Self.annotation(text, e..<(e + Self.scalars(Self.quoted)))
        let edited = "Now " + Self.quoted + " a while. Then " + Self.quoted + " again. So "
            + Self.quoted + " summer nights. Then the bell rang."
        let last = Self.scalars("Now " + Self.quoted + " a while. Then " + Self.quoted + " again. So ")
        #expect(Self.anchor(a, in: edited) == .reanchored(last..<(last + Self.scalars(Self.quoted)), .exact))
    }

    // MARK: Hostile records (issue 17)

    /// Minimized from the fuzzer: a quote occurring twice with agreeing context on both
    /// copies, and a recorded start near `Int.max`. Choosing the nearer copy computed
    /// `2 * distance` and trapped on overflow.
    @Test func recordedStartNearIntMaxDoesNotTrap() throws {
        let text = "x one two. x one two."
        var a = try Self.annotation(text, 2..<5)
        a.target.sha256 = "0"
        a.target.quote = TextQuoteSelector(exact: "one", prefix: "x ", suffix: " two")
        a.target.position = TextPositionSelector(start: 9_000_000_000_000_000_000, end: 9_000_000_000_000_000_003)
        let status = Reanchor.anchor(a.target, in: ScalarText(text))
        // Both copies agree alike and the position says nothing: ambiguous, not a guess.
        guard case .orphaned(let why) = status else {
            Issue.record("expected orphaned, got \(status)")
            return
        }
        #expect(why.contains("ambiguous"))
        #expect(!Reanchor.positionFits(a.target.position, ScalarText(text)))

        // Reported per record, with line and byte offset; the other record is unaffected.
        let good = try Self.annotation(text, 13..<16)
        let log = AnnotationLog(records: [StoredAnnotation(annotation: good, line: 1, offset: 0),
                                          StoredAnnotation(annotation: a, line: 2, offset: 700)])
        let doc = Document(id: "a", role: .work, path: "works/a.txt", text: text)
        let view = CaseAnnotations(log: log, documents: [doc])
        #expect(view.current.count == 2)
        #expect(view.current.first { $0.annotation.id == good.id }?.status == .anchored(13..<16))
        #expect(view.warnings.count == 1)
        #expect(view.warnings.first?.line == 2 && view.warnings.first?.offset == 700)
        #expect(view.warnings.first?.message.contains("lies outside works/a.txt (21 scalars)") == true)
    }

    /// Minimized from the fuzzer: a record whose prefix and suffix are 8,000 scalars each.
    /// Only the 32 scalars nearest the span are compared, so the far ends (which differ
    /// here) neither cost quadratic time nor decide anything.
    @Test func hugePrefixAndSuffixAreBoundedToTheNearContext() throws {
        let near = String(repeating: "ab", count: 4_000)
        let text = near + "QUOTE" + near + " " + near + "QUOTE" + near
        var a = try Self.annotation(text, 8_000..<8_005)
        a.target.sha256 = "0"
        a.target.quote.prefix = "c" + near.dropFirst()
        a.target.quote.suffix = near.dropLast() + "d"
        let status = Reanchor.anchor(a.target, in: ScalarText(text))
        #expect(status == .reanchored(8_000..<8_005, .exact))
    }

    // MARK: A real novel

    @Test(.enabled(if: Fixtures.recapNovels != nil, Comment(rawValue: Fixtures.recapMissing)))
    func rewrappedParagraphOfARealNovel() throws {
        let book = try String(contentsOfFile: Fixtures.recapNovels! + "/works/a-christmas-carol.txt", encoding: .utf8)
        let t = ScalarText(book)
        // Fred's speech, hard-wrapped over ten lines in the Gutenberg edition.
        let speech = "good time; a kind, forgiving, charitable, pleasant\ntime;"
        let end = "I say, God bless it!\""
        let lo = try #require(book.range(of: speech)), hi = try #require(book.range(of: end, range: lo.upperBound..<book.endIndex))
        let start = book.unicodeScalars.distance(from: book.unicodeScalars.startIndex, to: lo.lowerBound)
        let stop = book.unicodeScalars.distance(from: book.unicodeScalars.startIndex, to: hi.upperBound)
        let a = try Annotation.make(source: "works/a-christmas-carol.txt", text: t, range: start..<stop,
                                    body: AnnotationBody(tag: "key-passage"))
        #expect(a.target.quote.exact.unicodeScalars.count > 450)

        // A new edition: a note at the top, and the paragraph re-flowed onto one line, so
        // neither the quote nor its context occurs verbatim any more.
        let paragraph = try #require(book.range(of: "\n\n", options: .backwards, range: book.startIndex..<lo.lowerBound))
        let after = try #require(book.range(of: "\n\n", range: hi.upperBound..<book.endIndex))
        let flowed = book[paragraph.upperBound..<after.lowerBound].replacingOccurrences(of: "\n", with: " ")
        let note = "Transcriber's note: this edition re-flows the paragraphs.\n\n"
        let edition = note + book[..<paragraph.upperBound] + flowed + book[after.lowerBound...]
        var clock = ContinuousClock.now
        let moved = Reanchor.anchor(a.target, in: ScalarText(edition))
        let fuzzyTime = ContinuousClock.now - clock
        let shift = note.unicodeScalars.count
        #expect(moved == .reanchored((start + shift)..<(stop + shift), .fuzzy))
        if let r = moved.range {
            #expect(ScalarText(edition).string(r) == a.target.quote.exact.replacingOccurrences(of: "\n", with: " "))
        }

        // The paragraph cut from the edition: every step runs, then orphaned.
        let cut = String(book[..<paragraph.upperBound] + book[after.upperBound...])
        clock = ContinuousClock.now
        let gone = Reanchor.anchor(a.target, in: ScalarText(cut))
        let orphanTime = ContinuousClock.now - clock
        #expect(gone.name == "orphaned")
        print("re-anchoring in A Christmas Carol (\(t.count) scalars, quote of \(a.target.quote.exact.unicodeScalars.count)): "
              + "fuzzy \(fuzzyTime), orphan \(orphanTime) (debug build)")
    }

    // MARK: The approximate matcher against the textbook dynamic programme

    static func naiveRow(_ p: [Unicode.Scalar], _ t: [Unicode.Scalar], anchored: Bool) -> [Int] {
        var prev = Array(0...p.count)           // column j = 0: D[i][0] = i
        var row = [p.count]
        for j in 1...max(1, t.count) where j <= t.count {
            var cur = [anchored ? j : 0]
            for i in 1...max(1, p.count) where i <= p.count {
                cur.append(min(prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + (p[i - 1] == t[j - 1] ? 0 : 1)))
            }
            row.append(cur[p.count])
            prev = cur
        }
        return row
    }

    @Test func bitParallelMatchesTheDynamicProgramme() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", "b", "c", "\u{1F600}", "東"]
        for length in [1, 2, 5, 63, 64, 65, 100, 127, 128, 129, 200] {
            for _ in 0..<4 {
                let p = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
                let t = (0..<Int.random(in: 0...300, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
                for anchored in [false, true] {
                    let fast = ApproximateMatch.bottomRow(pattern: p, text: t[...], anchoredStart: anchored)
                    let slow = Self.naiveRow(p, t, anchored: anchored)
                    #expect(fast == slow, "m=\(length) n=\(t.count) anchored=\(anchored)")
                }
            }
        }
    }

    @Test func approximateOccurrencesHaveTheirStarts() {
        let text = Array("xx the quick brown fox yy the quick brwn fox zz the slow red fox".unicodeScalars)
        let found = ApproximateMatch.occurrences(of: Array("the quick brown fox".unicodeScalars), in: text, maxErrors: 2)
        #expect(found.map(\.range) == [3..<22, 26..<44])
        #expect(found.map(\.errors) == [0, 1])
        #expect(ApproximateMatch.distance(Array("kitten".unicodeScalars)[...], Array("sitting".unicodeScalars)[...]) == 3)
    }
}
