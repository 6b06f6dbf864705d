import Dispatch
import Foundation

extension StoredScanner {
    /// The results of scanning in full the case `batches` reads, its outputs a batch at a
    /// time (`Scanner.scan(batches:)`), written to the results store as `result` writes
    /// them: what `result` gives with `StoreSettings.rescan`, without ever holding every
    /// output's text. Nothing stored is read, so it is for `--rescan` and for a case
    /// with no store yet.
    /// - Parameters:
    ///   - batches: the case as read so far (`CaseOutputBatches`); read to its end here.
    ///   - notice, snapshot, progress, background: as for `result`.
    /// - Returns: the case (outlines for its documents: `text` empty, `prompt` nil) and
    ///   its results, `options.filters` applied, without output token data (every
    ///   `outputTokens` entry empty, as for the reports of `reopened`): the store holds
    ///   it, the scan kept it encoded until then (`Scanner.scan(batches:)`).
    public static func streamedResult(batches: inout CaseOutputBatches, options: ScanOptions, settings: StoreSettings,
                                      snapshot: CaseFileSnapshot? = nil,
                                      progress: (@Sendable (ScanProgress) -> Void)? = nil,
                                      notice: (StoreNotice) -> Void = { _ in },
                                      background: ((PendingStoreWrite) -> Void)? = nil) throws -> (Case, ScanResult) {
        let worksCase = batches.kase
        let location = StoreLocation.resolve(caseRoot: worksCase.root, store: settings.directory)
        if location.isCacheFallback {
            notice(StoreNotice(text: location.fallbackText, isWarning: false))
        }
        var all = options
        all.filters = []
        // The works prepared here are kept for the next scan as `result` keeps them. The
        // sidecar is checked only against the key's lines other than the outputs'
        // (`StoreKey.differsOnlyInOutputs`), so a key of the case without its outputs,
        // known before they are read, serves it.
        let worksKey = StoreKey(case: worksCase, options: all, noExclusions: settings.noExclusions)
        let sidecar = DispatchGroup()
        let normalize = all.normalize
        let mayKeep = !settings.narrowed && WorksSidecar.mayWrite(at: location, caseRoot: worksCase.root, notice: notice)
        let keep: ((PreparedWorks) -> Void)? = mayKeep ? { works in
            DispatchQueue.global().async(group: sidecar) {
                try? WorksSidecar.write(works, key: worksKey, normalize: normalize, to: location)
            }
        } : nil
        let kase: Case, result: ScanResult, encoded: [UndecodedTokens?]
        do {
            (kase, result, encoded) = try Scanner.scan(batches: &batches, options: all, progress: progress,
                                                       worksPrepared: keep)
        } catch {
            sidecar.wait()
            throw error
        }
        let key = StoreKey(case: kase, options: all, noExclusions: settings.noExclusions)
        if !settings.narrowed {
            StoredScanner.store(result, key: key, at: location, snapshot: snapshot, case: kase, encodedTokens: encoded,
                                after: sidecar, notice: notice, background: background)
        }
        return (kase, result.filtered(by: options.filters, case: kase))
    }
}
