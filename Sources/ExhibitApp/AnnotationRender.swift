import ExhibitUI

extension AppModel {
    /// Draws the annotation tools over the view: the open dialog.
    func drawAnnotationTools(into screen: inout Screen) {
        guard !Layout.isTooSmall(size) else { return }
        tools.dialog?.render(into: &screen)
    }
}
