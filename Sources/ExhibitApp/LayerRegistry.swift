import ExhibitCore
import ExhibitUI

/// A view opened by a key from any view: one row of ``LayerRegistry/openers``.
struct LayerOpener: Sendable {
    /// The keys that open it (from a view, with no dialog or overlay open) and its help line.
    var binding: Binding<Action>
    /// Whether the help lists it for the screen's state (a list that would be empty is not offered).
    var offered: @Sendable (AppModel) -> Bool = { _ in true }
    /// Builds the layer from the screen's state, or says why it cannot open.
    var open: @Sendable (AppModel) -> Result<any Layer, LayerUnavailable>
}

/// Why a layer cannot open now; shown in the status line.
struct LayerUnavailable: Error, Sendable {
    var reason: String
}

/// The views that open as layers. A new one is one file (the ``Layer``) and one
/// row here.
enum LayerRegistry {
    static let openers: [LayerOpener] = [
        LayerOpener(binding: Binding(.openLayer, [.character("H")], "History of the annotations", group: "Annotate"),
                    offered: AnnotationHistoryView.offered, open: AnnotationHistoryView.open),
        LayerOpener(binding: Binding(.openLayer, [.character("E")], "Documents that failed to load", group: "Case"),
                    offered: FailedDocumentsView.offered, open: FailedDocumentsView.open),
        LayerOpener(binding: Binding(.openLayer, [.character("R")], "Review status of the passages", group: "Case"),
                    offered: ReviewStatusView.offered, open: ReviewStatusView.open),
    ]

    /// The opener bound to `key`, if any.
    static func opener(for key: Key) -> LayerOpener? {
        openers.first { $0.binding.keys.contains(key) }
    }
}
