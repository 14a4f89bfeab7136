import Foundation

/// Days, months and their bounds in the platform's time zone (Europe/Paris, ``FrenchTime/parisCalendar``): a day
/// lasts 23 or 25 hours on a clock change, and every bound here is a Paris midnight. A plain rule with no I/O.
package enum PointsCalendar {
    private static var calendar: Calendar { FrenchTime.parisCalendar }

    private static func date(_ second: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(second)) }
    private static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// Midnight (Paris) of the day holding `second`.
    package static func startOfDay(_ second: Int64) -> Int64 {
        seconds(calendar.startOfDay(for: date(second)))
    }

    /// Midnight (Paris) of the first day of the month holding `second`, moved by `months`.
    package static func startOfMonth(_ second: Int64, adding months: Int = 0) -> Int64 {
        let parts = calendar.dateComponents([.year, .month], from: date(second))
        let first = calendar.date(from: DateComponents(year: parts.year, month: parts.month, day: 1)) ?? date(second)
        return seconds(calendar.date(byAdding: .month, value: months, to: first) ?? first)
    }

    /// Midnight (Paris) of the `day`-th of the month starting at `monthStart`.
    package static func day(_ day: Int, ofMonth monthStart: Int64) -> Int64 {
        seconds(calendar.date(byAdding: .day, value: day - 1, to: date(monthStart)) ?? date(monthStart))
    }

    /// Midnight (Paris) of the Monday starting the week holding `second`.
    package static func startOfWeek(_ second: Int64) -> Int64 {
        let start = date(startOfDay(second))
        let weekday = calendar.component(.weekday, from: start)  // 1 Sunday … 7 Saturday
        let back = (weekday + 5) % 7
        return seconds(calendar.date(byAdding: .day, value: -back, to: start) ?? start)
    }

    /// Midnight (Paris) `days` days after the one starting at `midnight`.
    package static func adding(days: Int, to midnight: Int64) -> Int64 {
        seconds(calendar.date(byAdding: .day, value: days, to: date(midnight)) ?? date(midnight))
    }

    /// The day of the month (1…31), Paris time.
    package static func dayOfMonth(_ second: Int64) -> Int { calendar.component(.day, from: date(second)) }
    /// The month (1…12), Paris time.
    package static func month(_ second: Int64) -> Int { calendar.component(.month, from: date(second)) }

    /// `jj/mm/aaaa`, Paris time.
    package static func frenchDay(_ second: Int64) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date(second))
        return "\(two(parts.day ?? 0))/\(two(parts.month ?? 0))/\(parts.year ?? 0)"
    }

    /// `aaaa-mm-jj`, Paris time (file names).
    package static func isoDay(_ second: Int64) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date(second))
        return "\(parts.year ?? 0)-\(two(parts.month ?? 0))-\(two(parts.day ?? 0))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
