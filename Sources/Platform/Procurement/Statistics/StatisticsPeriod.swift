import Foundation
import PlatformKernel

/// The « période d'affichage » of the statistics: from the first second of the day `from` to the last second
/// of the day `to`, Paris time; a bound left `nil` is open. A plain rule with no I/O.
package struct StatisticsPeriod: Sendable, Equatable {
    /// Seconds since 1970, UTC: midnight (Paris) of the first day, or `nil` for no lower bound.
    package var from: Int64?
    /// Seconds since 1970, UTC: the last second (Paris) of the last day, or `nil` for no upper bound.
    package var to: Int64?

    package init(from: Int64? = nil, to: Int64? = nil) {
        self.from = from
        self.to = to
    }

    /// Everything, all time: the API's default.
    package static let all = StatisticsPeriod()

    /// The calendar year (Paris time) holding `now`: the page's default.
    package static func year(of now: Int64) -> StatisticsPeriod {
        let calendar = FrenchTime.parisCalendar
        let year = calendar.component(.year, from: Date(timeIntervalSince1970: TimeInterval(now)))
        let first = calendar.date(from: DateComponents(year: year, month: 1, day: 1)) ?? Date()
        let next = calendar.date(from: DateComponents(year: year + 1, month: 1, day: 1)) ?? Date()
        return StatisticsPeriod(
            from: Int64(first.timeIntervalSince1970), to: Int64(next.timeIntervalSince1970) - 1)
    }

    /// Whether `second` falls within the period, bounds included.
    package func contains(_ second: Int64) -> Bool {
        if let from, second < from { return false }
        if let to, second > to { return false }
        return true
    }

    /// The first day as `aaaa-mm-jj` (a date input's value), or "".
    package var fromDay: String { from.map(Self.isoDay) ?? "" }
    /// The last day as `aaaa-mm-jj`, or "".
    package var toDay: String { to.map(Self.isoDay) ?? "" }

    /// « du 01/01/2026 au 31/12/2026 », « depuis le … », « jusqu'au … » or « depuis l'origine ».
    package var label: String {
        switch (from, to) {
        case (let from?, let to?): "du \(Self.frenchDay(from)) au \(Self.frenchDay(to))"
        case (let from?, nil): "depuis le \(Self.frenchDay(from))"
        case (nil, let to?): "jusqu'au \(Self.frenchDay(to))"
        case (nil, nil): "depuis l'origine"
        }
    }

    /// The field names of the query, as the page and the API read them.
    package static let fromField = "du"
    package static let toField = "au"
    /// The fields as a refusal names them (``DomainError/invalidField(field:reason:)``).
    package static let fromLabel = "Du"
    package static let toLabel = "Au"

    /// The period of a query's `du` and `au` (`aaaa-mm-jj` as a date input sends it, or `jj/mm/aaaa`); an
    /// absent or empty bound is `fallback`'s. A date that is not one, or an end before the start, is refused
    /// with the field it concerns (``fromLabel`` or ``toLabel``).
    package init(query: [String: String], fallback: StatisticsPeriod) throws(DomainError) {
        func value(_ name: String) -> String? {
            query[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        from = fallback.from
        to = fallback.to
        if let raw = value(Self.fromField) { from = try Self.day(raw, field: Self.fromLabel) }
        if let raw = value(Self.toField) { to = try Self.lastSecond(ofDay: Self.day(raw, field: Self.toLabel)) }
        if let from, let to, from > to {
            throw .invalidField(
                field: Self.toLabel, reason: "La fin de la période précède son début : inversez les dates.")
        }
    }

    /// Midnight, Paris time, of a day typed `aaaa-mm-jj` or `jj/mm/aaaa`.
    private static func day(_ text: String, field: String) throws(DomainError) -> Int64 {
        do {
            return try ParisTime.parse(text + " 00:00", field: field)
        } catch {
            throw .invalidField(
                field: field, reason: "Saisissez une date réelle sous la forme jj/mm/aaaa (par exemple 31/12/2026).")
        }
    }

    /// The last second of the day starting at `midnight` (23 or 25 hours on a clock change).
    private static func lastSecond(ofDay midnight: Int64) -> Int64 {
        let calendar = FrenchTime.parisCalendar
        let start = Date(timeIntervalSince1970: TimeInterval(midnight))
        let next = calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400)
        return Int64(next.timeIntervalSince1970) - 1
    }

    private static func parts(_ second: Int64) -> (year: Int, month: Int, day: Int) {
        let parts = FrenchTime.parisCalendar.dateComponents(
            [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(second)))
        return (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func isoDay(_ second: Int64) -> String {
        let (year, month, day) = parts(second)
        return "\(year)-\(two(month))-\(two(day))"
    }

    private static func frenchDay(_ second: Int64) -> String {
        let (year, month, day) = parts(second)
        return "\(two(day))/\(two(month))/\(year)"
    }
}
