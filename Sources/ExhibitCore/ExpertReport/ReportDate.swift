import Foundation

/// The date a report prints (SPEC §12): `--date`, else `SOURCE_DATE_EPOCH` (the
/// reproducible-builds convention: seconds since 1970-01-01 UTC), else today in UTC.
/// A fixed date makes the report reproducible byte for byte.
public enum ReportDate {
    /// `YYYY-MM-DD`.
    /// - Parameters:
    ///   - explicit: the `--date` value, if given.
    ///   - environment: the process environment (`SOURCE_DATE_EPOCH` is read from it).
    ///   - now: today's instant, used when neither is set.
    /// - Throws: `ExpertReportError.badDate` for a malformed `--date` or epoch.
    public static func resolve(explicit: String?, environment: [String: String], now: Date) throws -> String {
        if let explicit {
            guard isCalendarDate(explicit) else { throw ExpertReportError.badDate(explicit) }
            return explicit
        }
        if let epoch = environment["SOURCE_DATE_EPOCH"], !epoch.isEmpty {
            guard let seconds = Int64(epoch) else { throw ExpertReportError.badDate(epoch) }
            return day(Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        return day(now)
    }

    /// `date` as `YYYY-MM-DD` in UTC.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// Whether `s` is `YYYY-MM-DD` naming a real day of the Gregorian calendar.
    static func isCalendarDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }
}
