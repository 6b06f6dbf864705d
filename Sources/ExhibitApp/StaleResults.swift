import ExhibitCore

/// Stored results shown while the case is scanned again (SPEC §9): when works or
/// parameters changed since the store was written, its results appear at once, marked
/// stale in the status line, and the background scan's final result replaces them whole.
extension AppModel {
    /// The status line while stale results are shown.
    var staleBanner: String? {
        staleReason.map { " STALE: stored results from before \($0) changed; rescanning in the background" }
    }

    /// Takes down the notice of the scan that ended (`scanNotice`), if it still shows,
    /// and says again the one it covered.
    mutating func endScanNotice() {
        if let said = scanNotice, notice?.text == said.text, notice?.isError == false { notice = said.covered }
        scanNotice = nil
    }

    mutating func showStale(generation g: Int, _ result: ScanResult, reason: String, seconds: Double) {
        guard g == generation, let kase, let options else { return }
        staleReason = reason
        results = Results(generation: g, options: options, kase: kase)
        results?.finish(result, seconds: seconds)
        results?.isStale = true
        overview.dirty = true
        refreshViews(replacing: true)
    }
}
