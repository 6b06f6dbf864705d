import ExhibitCore
import ExhibitUI

extension AppModel {
    /// The whole screen for the current state.
    public func render() -> Screen {
        var screen = Screen(size: size)
        if Layout.isTooSmall(size) {
            TooSmallNotice.draw(into: &screen)
            return screen
        }
        drawHeader(into: &screen)
        switch route {
        case .overview:
            screen.put(Format.fit(engineLine, size.cols), row: 1, col: 0, style: CellStyle(.chrome))
            if scanning, let fraction = progressFraction {
                // The bar at the start of the engine line, drawn over its placeholder.
                CoverageBar.draw(into: &screen, row: 1, col: 1, width: 20, fraction: fraction, marks: [])
            }
            overview.render(into: &screen, results: results,
                            reviews: PairReviewMarks(kase: kase, results: results, annotations: annotations,
                                                     reviewed: annotatedSources.reviewed))
        case .pair:
            pair?.render(into: &screen)
        case .reconstruction:
            reconstruction?.render(into: &screen)
        }
        drawStatus(into: &screen)
        drawAnnotationTools(into: &screen)
        // Layers (the help among them) above the views, the dialogs and the list they opened over.
        layers.render(into: &screen)
        return screen
    }

    private func drawHeader(into screen: inout Screen) {
        let style = CellStyle(.status)
        screen.fill(Rect(row: 0, col: 0, rows: 1, cols: size.cols), style: style)
        // The case title in the overview; below it, what the view shows.
        var left = " Exhibit"
        switch route {
        case .overview: left += " · " + Format.oneLine(kase?.title ?? casePath)
        case .pair:
            if let p = pair { left += " › pair · \(p.workTitle) × \(p.outputId)" }
        case .reconstruction:
            if let r = reconstruction { left += " › reconstruction · \(r.title) · model: \(r.model ?? "all (pooled)")" }
        }
        var right = route == .overview ? "theme \(theme.name) · ? help · q quit " : "? help · q quit "
        if route != .overview, scanning { right = compactProgress + " · " + right }
        let rightCols = DisplayWidth.columns(of: right)
        screen.put(Format.fit(left, max(1, size.cols - rightCols - 1)), row: 0, col: 0, style: style)
        screen.put(right, row: 0, col: max(0, size.cols - rightCols), style: style)
    }

    private func drawStatus(into screen: inout Screen) {
        let row = size.rows - 1
        let style = CellStyle(.status)
        screen.fill(Rect(row: row, col: 0, rows: 1, cols: size.cols), style: style)
        let marker = loadError != nil ? "[error]" : isIdle ? Self.idleMarker : kase == nil ? "[loading]"
            : textsPending && !scanning ? "[reading texts]" : "[scanning \(Int(((progressFraction ?? 0) * 100).rounded(.down)))%]"
        let markerCol = size.cols - DisplayWidth.columns(of: marker) - 1
        screen.put(marker, row: row, col: markerCol, style: style)
        let room = max(1, markerCol - 1)
        if let line = layers.top?.statusLine {
            screen.put(Format.fit(line, room), row: row, col: 0, style: style)
            return
        }
        // Stale figures on screen outrank any notice but a problem.
        if let banner = staleBanner, notice?.isError != true {
            screen.put(Format.fit(banner, room), row: row, col: 0, style: CellStyle(.status, .error))
            return
        }
        if let notice {
            screen.put(Format.fit(" " + notice.text, room), row: row, col: 0,
                       style: notice.isError ? CellStyle(.status, .error) : style)
            return
        }
        let left: String
        switch route {
        case .overview:
            left = " Enter open · Tab table · s sort · f flagged · M model · / search · m parameters"
        case .pair:
            left = pair.map { " " + Format.findings($0.pair.flags) } ?? ""
        case .reconstruction:
            left = reconstruction?.spanLine ?? ""
        }
        screen.put(Format.fit(left, room), row: row, col: 0, style: style)
    }

    /// Share of the scan done, 0–1: a quarter for reading the documents,
    /// the rest for matching the outputs (the slow part). Nil before any progress.
    var progressFraction: Double? {
        guard let p = progress else { return nil }
        let read = p.documentsTotal == 0 ? 1 : Double(p.documentsTokenized) / Double(p.documentsTotal)
        let matched = p.outputsTotal == 0 ? 1 : Double(p.outputsMatched) / Double(p.outputsTotal)
        switch p.phase {
        case .tokenizing: return 0.25 * read
        case .indexing: return 0.25
        case .matching: return 0.25 + 0.75 * matched
        case .pooling, .done: return 1
        }
    }

    /// Time left, from the matching rate so far; nil until it can be estimated.
    var secondsLeft: Double? {
        guard let p = progress, p.phase == .matching, let since = matchingSince else { return nil }
        let done = p.outputsMatched - since.outputs
        let elapsed = progressSeconds - since.seconds
        guard done > 0, elapsed > 0.2 else { return nil }
        return Double(p.outputsTotal - p.outputsMatched) * elapsed / Double(done)
    }

    /// Row 1 of the overview: what the engine is doing, or what it did.
    var engineLine: String {
        if let loadError { return " " + loadError }
        guard let kase else { return " Reading the case folder…" }
        let found = results.map { Format.plural($0.evidencePairs, "pair") + " with evidence" } ?? ""
        if scanning {
            var s = " " + String(repeating: " ", count: 20) + " "
            if let p = progress {
                s += "read \(Format.count(p.documentsTokenized))/\(Format.count(p.documentsTotal)) documents"
                    + " · matched \(Format.count(p.outputsMatched))/\(Format.count(p.outputsTotal)) outputs"
            } else {
                s += "starting"
            }
            s += results?.generation == generation ? " · \(found) found" : ""
            if let left = secondsLeft { s += " · about \(Format.duration(left)) left" }
            if results?.generation != generation {
                // The store answering again with the token data (the same files, so the
                // same figures) is no re-scan: say what it is.
                s += textsPending && caseReadInFull ? " · figures from the results store; reading its token data"
                    : " · re-scanning; previous results shown"
            }
            return s
        }
        guard let r = results, let options else { return "" }
        var s: String
        if r.generation == firstScanGeneration {
            // The first scan began at launch: its times are what the user waited.
            s = " Scan done at \(Format.seconds(r.finishedSeconds ?? 0))"
            if let t = r.firstPairSeconds { s += " (first pair at \(Format.seconds(t)))" }
        } else {
            // A re-scan's own time, not the program's (an abandoned one before it does not count).
            let took = max(0, (r.finishedSeconds ?? 0) - (r.startedSeconds ?? r.finishedSeconds ?? 0))
            s = " Re-scan done in \(Format.seconds(took))"
        }
        s += " · \(found)"
        if textsPending { s += " · from the results store; reading the texts…" }
        s += " · min_words \(options.match.minWords) · max_gap \(options.match.maxGap)"
            + " · min_identity \(formatFraction(options.match.minIdentity))"
        if !options.filters.isEmpty { s += " · where " + options.filters.map(\.description).joined(separator: ", ") }
        if !kase.errors.isEmpty { s += " · \(Format.plural(kase.errors.count, "unreadable document")) (E lists them)" }
        return s
    }

    /// Progress in a few words for the header of the other views.
    var compactProgress: String {
        var s = "scanning \(Int(((progressFraction ?? 0) * 100).rounded(.down)))%"
        if let left = secondsLeft { s += ", \(Format.duration(left)) left" }
        return s
    }
}
