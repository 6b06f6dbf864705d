import ExhibitCore
import ExhibitUI

/// A span of one document to annotate: what `a` targets (the focused
/// passage on the focused side, or the visual selection).
struct AnnotationSpan: Sendable, Equatable {
    /// `Document.source` of the document.
    var source: String
    /// Unicode scalars of the document's text, half-open.
    var range: Range<Int>
    /// The document, e.g. `output o-7`.
    var document: String
    /// The part of it, e.g. `passage 2`, `selection of 12 words`; empty for none.
    var part: String
    /// The annotated text, for the dialog.
    var quote: String

    /// `output o-7 · passage 2`.
    var label: String { part.isEmpty ? document : document + " · " + part }
}

/// The annotate dialog: pick a tag from the case's list (↑/↓ or j/k, Enter),
/// then type a note (Enter confirms, Esc cancels, Tab goes back and forth).
/// The same dialog edits an annotation's tag and note.
///
/// The note may hold several lines (Ctrl-J types a line break) and up to
/// ``TextInput/defaultLimit`` characters; a paste (bracketed by the terminal)
/// goes into it whole, line breaks kept, and runs no command. A note over the
/// limit is kept as typed; the dialog says so and Enter does not save it.
///
/// A layer on the stack taking every key; what it confirms goes to the screen as
/// ``LayerFollowUp/annotate(_:_:)``, which asks the shell for the write.
struct AnnotateDialog: Layer, Equatable {
    /// What Enter will do.
    enum Purpose: Sendable, Equatable {
        /// Make a new annotation of this span.
        case create(AnnotationSpan)
        /// Replace the tag and note of the annotation whose current record is `id`.
        case edit(id: String, span: AnnotationSpan)
    }

    /// The part of the dialog that takes the keys (`creator`: the name asked
    /// once, when nothing says who is annotating).
    enum Field: Sendable, Equatable { case tag, note, creator }

    /// What a key did.
    enum Outcome: Sendable, Equatable {
        case editing
        case cancelled
        case confirmed(tag: String, note: String)
        /// The reviewer typed their name (to store, then save).
        case creatorGiven(String)
        /// After a conflict: reload and apply tag and note to the newer record `id`.
        case reapply(newerID: String)
    }

    let purpose: Purpose
    /// The case's tags, in `case.toml` order.
    let tags: [String]
    private(set) var tagIndex: Int
    private(set) var note: TextInput
    private(set) var field: Field = .tag
    /// Why the last Enter was refused (no tag list, a failed write), shown whole.
    var error: String?
    /// The name being typed when the dialog asks who is annotating.
    private(set) var creator: TextInput?
    /// The newer record of the annotation when another process edited it
    /// first: Ctrl-R reloads and applies this dialog's tag and note to it.
    var conflict: String?

    /// A dialog for `purpose` offering `tags`; `tag` and `note` preselect
    /// (an edit shows the annotation's own).
    init(_ purpose: Purpose, tags: [String], tag: String? = nil, note: String = "") {
        self.purpose = purpose
        self.tags = tags
        tagIndex = tag.flatMap { tags.firstIndex(of: $0) } ?? 0
        self.note = TextInput(note, multiline: true)
    }

    var span: AnnotationSpan {
        switch purpose {
        case .create(let s), .edit(_, let s): return s
        }
    }

    /// The tag under the cursor.
    var tag: String? { tags.indices.contains(tagIndex) ? tags[tagIndex] : nil }

    /// Every key is the dialog's; what is not typing is answered by the screen
    /// (``AppModel/annotateFinished(_:_:)``).
    mutating func key(_ key: Key, rect: Rect) -> LayerReply? {
        let outcome = self.key(key)
        switch outcome {
        case .editing: return .stay
        case .cancelled: return .close
        default: return LayerReply(followUp: .annotate(self, outcome))
        }
    }

    /// The mouse does nothing in the dialog.
    mutating func update(_ action: Action?, rect: Rect) -> LayerReply { .stay }

    /// The whole screen: the box's height follows the error shown, so ``render(into:rect:)`` places it.
    func frame(in size: Size) -> Rect { Rect(row: 0, col: 0, rows: size.rows, cols: size.cols) }

    mutating func key(_ key: Key) -> Outcome {
        if field == .creator { return creatorKey(key) }
        if key == .control("r"), let newer = conflict { return .reapply(newerID: newer) }
        switch key {
        case .escape:
            return .cancelled
        case .tab, .backTab:
            field = field == .tag ? .note : .tag
        case .up:
            moveTag(-1)
        case .down:
            moveTag(1)
        case .enter:
            if field == .tag {
                field = .note
                return .editing
            }
            guard let tag else {
                error = "the case has no tags (case.toml tags)"
                return .editing
            }
            guard !note.isOverLimit else {
                error = Self.overLimit(note)
                return .editing
            }
            return .confirmed(tag: tag, note: note.text)
        default:
            if field == .tag {
                if key == .character("j") { moveTag(1) }
                if key == .character("k") { moveTag(-1) }
            } else {
                note.key(key)
                if error != nil { error = note.isOverLimit ? Self.overLimit(note) : nil }
            }
        }
        return .editing
    }

    /// Asks who is annotating (nothing in `$EXHIBIT_USER`, `$USER` or the user
    /// config); the tag and note stay as typed.
    mutating func askCreator() {
        creator = TextInput()
        field = .creator
        error = nil
    }

    private mutating func creatorKey(_ key: Key) -> Outcome {
        switch key {
        case .escape:
            creator = nil
            field = .note
        case .enter:
            let typed = creator?.text ?? ""
            let name = String(typed.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
            guard !name.isEmpty else {
                error = "type your name: it signs every annotation you make"
                return .editing
            }
            creator = nil
            field = .note
            return .creatorGiven(name)
        default:
            creator?.key(key)
        }
        return .editing
    }

    /// Puts pasted text into the note, whole (from the tag list too: a
    /// paste is text, never a key); into the name when the dialog asks for it.
    mutating func paste(_ text: String) -> LayerReply? {
        if field == .creator {
            creator?.insert(text)
            return .stay
        }
        field = .note
        note.insert(text)
        error = note.isOverLimit ? Self.overLimit(note) : nil
        return .stay
    }

    /// What the dialog says about a note longer than it may save.
    static func overLimit(_ note: TextInput) -> String {
        "the note has \(Format.count(note.text.count)) characters; at most \(Format.count(note.limit)) can be saved:"
            + " shorten it (nothing was cut)"
    }

    private mutating func moveTag(_ delta: Int) {
        guard !tags.isEmpty else { return }
        tagIndex = min(max(0, tagIndex + delta), tags.count - 1)
    }

    // MARK: Render

    /// Rows of tags shown at once on a screen of `rows` rows.
    static func tagRows(tags: Int, screenRows: Int) -> Int {
        max(1, min(tags, screenRows - 12))
    }

    /// Rows of the note field: up to four when the screen has room.
    static func noteRows(tags: Int, screenRows: Int) -> Int {
        max(1, min(4, screenRows - 10 - tagRows(tags: tags, screenRows: screenRows)))
    }

    /// The box: centered, up to 76 cells wide; `messageRows` rows for the
    /// hint or a message shown whole.
    static func rect(_ size: Size, tags: Int, messageRows: Int = 1) -> Rect {
        let cols = min(size.cols - 2, 76)
        let rows = min(size.rows, 8 + tagRows(tags: tags, screenRows: size.rows) + noteRows(tags: tags, screenRows: size.rows)
                       + max(1, messageRows))
        return Rect(row: max(0, (size.rows - rows) / 2), col: (size.cols - cols) / 2, rows: rows, cols: cols)
    }

    /// The error wrapped to `width` cells, at most six lines (so it is read whole).
    func messageLines(width: Int) -> [String] {
        guard let error else { return [] }
        // A wrapped line keeps the spaces it broke at (they hang past the edge): drop them.
        return SoftWrap.wrap(error, width: max(8, width)).prefix(6).map {
            String(String(error[$0.indices]).reversed().drop { $0 == " " }.reversed())
        }
    }

    func render(into screen: inout Screen, rect frame: Rect) {
        let width0 = min(frame.cols - 2, 76) - 4
        let message = messageLines(width: width0)
        let rect = Self.rect(Size(rows: frame.rows, cols: frame.cols), tags: tags.count, messageRows: message.count)
        screen.fill(rect)
        let title: String
        switch purpose {
        case .create: title = "Annotate"
        case .edit: title = "Edit annotation"
        }
        Layout.box(rect, title: title, in: &screen)
        let clip = (rect.col + 2)..<(rect.col + rect.cols - 2)
        let width = clip.count
        var row = rect.row + 1
        let s = span
        // What and where first; a long document id gives way in its middle.
        let head = (s.part.isEmpty ? "" : s.part + " · ") + "scalars \(s.range.lowerBound)..<\(s.range.upperBound) · "
        screen.put(Format.fit(head + Format.fitMiddle(Format.oneLine(s.document), max(8, width - DisplayWidth.columns(of: head))), width),
                   row: row, col: clip.lowerBound, style: CellStyle(.title), clip: clip)
        row += 1
        // Case text is data: one line, its control characters drawn as escapes by the screen.
        screen.put(Format.fit("“" + Format.oneLine(s.quote) + "”", width), row: row, col: clip.lowerBound,
                   style: CellStyle(.annotation), clip: clip)
        row += 2
        screen.put("Tag", row: row, col: clip.lowerBound, style: CellStyle(field == .tag ? .title : .chrome), clip: clip)
        row += 1
        let visible = Self.tagRows(tags: tags.count, screenRows: screen.rows)
        let first = min(max(0, tagIndex - visible + 1), max(0, tags.count - visible))
        for (n, i) in (first..<min(tags.count, first + visible)).enumerated() {
            let chosen = i == tagIndex
            let line = (chosen ? "▶ " : "  ") + tags[i]
            screen.put(Format.left(line, min(width, 32)), row: row + n, col: clip.lowerBound,
                       style: chosen ? CellStyle(field == .tag ? .selection : .title) : .plain, clip: clip)
        }
        if tags.isEmpty { screen.put("(no tags in case.toml)", row: row, col: clip.lowerBound, style: CellStyle(.error), clip: clip) }
        if let creator {
            // Asked once: who signs the annotations (stored in the user config).
            screen.fill(Rect(row: row - 1, col: clip.lowerBound, rows: visible + 1, cols: width))
            screen.put(Format.fit("Your name? It signs every note you make.", width),
                       row: row - 1, col: clip.lowerBound, style: CellStyle(.title), clip: clip)
            creator.draw(into: &screen, row: row, col: clip.lowerBound, width: min(width, 40),
                         style: CellStyle(.chrome).adding(.underline), focused: true)
            screen.put(Format.fitMiddle("Asked once; kept in " + (UserConfig.path() ?? "the user config"), width),
                       row: row + 1, col: clip.lowerBound, style: CellStyle(.chrome), clip: clip)
        }
        row += visible + 1
        screen.put("Note", row: row, col: clip.lowerBound, style: CellStyle(field == .note ? .title : .chrome), clip: clip)
        let noteCol = clip.lowerBound + 5
        note.drawLines(into: &screen, row: row, col: noteCol, width: clip.upperBound - noteCol,
                       rows: Self.noteRows(tags: tags.count, screenRows: screen.rows),
                       style: CellStyle(.chrome).adding(.underline), focused: field == .note)
        let hint = field == .tag ? "j/k or ↑/↓ tag · Enter: to the note · Tab · Esc cancels"
            : field == .creator ? "type your name · Enter saves it and the annotation · Esc: back to the note"
            : "type the note · C-j new line · Enter saves · Tab: tags · Esc cancels"
        if !message.isEmpty {
            let first = rect.row + rect.rows - 1 - message.count
            for (i, line) in message.enumerated() {
                screen.put(Format.fit(line, width), row: first + i, col: clip.lowerBound, style: CellStyle(.error), clip: clip)
            }
        } else {
            screen.put(Format.fit(hint, width), row: rect.row + rect.rows - 2, col: clip.lowerBound, style: CellStyle(.chrome), clip: clip)
        }
    }
}
