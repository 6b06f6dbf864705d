import ExhibitCore
import ExhibitUI

/// A view opened by a key from any view: one row of ``LayerRegistry/openers``.
struct LayerOpener: Sendable {
    /// The key that opens it (from a view, with no dialog or overlay open).
    var key: Key
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
        LayerOpener(key: .character("E"), open: FailedDocumentsView.open),
        LayerOpener(key: .character("R"), open: ReviewStatusView.open),
    ]

    /// The opener bound to `key`, if any.
    static func opener(for key: Key) -> LayerOpener? {
        openers.first { $0.key == key }
    }
}
