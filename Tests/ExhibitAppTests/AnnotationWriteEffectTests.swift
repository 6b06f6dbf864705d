import Foundation
import Testing
@testable import ExhibitApp
import ExhibitCore
import ExhibitUI

/// Saving an annotation is an effect: `update` writes nothing, the shell performs the
/// ``AnnotationWrite`` and the model applies the answer (status line, marks, dialog).
@Suite struct AnnotationWriteEffectTests {
    @Test func updateReturnsTheWriteAndTheAnswerMarksTheSpan() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        let store = InMemoryAnnotationStore()
        model.annotationStore = store
        try model.openPair(output: "o-extract-harbor")
        _ = model.update(.key(.character("a")))
        _ = model.update(.key(.enter))
        var effects: [AppEffect] = []
        for c in "pending" { effects += model.update(.key(.character(c))) }
        effects += model.update(.key(.enter))
        // Nothing written yet: the dialog is closed and one write is asked of the shell.
        #expect(model.annotateDialog == nil)
        #expect(try store.read().records.isEmpty)
        guard effects.count == 1, case .writeAnnotation(let write) = effects[0] else {
            Issue.record("expected one write, got \(effects)"); return
        }
        #expect(write.change == .create(source: "outputs/demo-runs.jsonl#o-extract-harbor", range: 0..<219,
                                        tag: "key-passage", note: "pending"))
        #expect(write.creator == "test-counsel")
        #expect(model.annotations?.current.isEmpty == true)

        // The shell performs it and answers; the model shows it.
        let (kase, s, previous) = try #require(model.annotationWriteInputs)
        let outcome = AnnotationWorker.perform(write, case: kase, store: s, previous: previous)
        #expect(try store.read().records.count == 1)
        #expect(model.update(.message(.annotationWritten(outcome))).isEmpty)
        #expect(model.annotations?.current.count == 1)
        #expect(model.notice?.text.contains("annotated output o-extract-harbor · passage 1 as key-passage") == true)
        // The same answer twice is applied once.
        #expect(model.update(.message(.annotationWritten(outcome))).isEmpty)
    }

    @Test func aFailedWriteReopensTheDialogWithWhatWasTyped() throws {
        let demo = try DemoCopy()
        defer { demo.remove() }
        var model = try demo.scanned()
        try model.openPair(output: "o-extract-harbor")
        _ = model.update(.key(.character("a")))
        _ = model.update(.key(.enter))
        for c in "kept" { _ = model.update(.key(.character(c))) }
        guard case .writeAnnotation(let write)? = model.update(.key(.enter)).first else {
            Issue.record("no write"); return
        }
        let failed = AnnotationWriteOutcome(write: write, result: .failed("disk full"))
        _ = model.update(.message(.annotationWritten(failed)))
        let dialog = try #require(model.annotateDialog)
        #expect(dialog.note.text == "kept")
        #expect(dialog.error == "not saved: disk full")
        #expect(try demo.records().isEmpty)
    }
}
