/// How often an entity receives its statement by e-mail (seed 000 §3.1: « 1 fois par semaine, 2 fois par mois,
/// une fois par mois ou une fois par trimestre », or « désactivée »). Each mailing covers the last complete
/// period before it, Paris time.
package enum StatementFrequency: String, Sendable, Codable, CaseIterable {
    case none
    case weekly
    case twiceMonthly = "twice-monthly"
    case monthly
    case quarterly

    package var label: String {
        switch self {
        case .none: "désactivée"
        case .weekly: "1 fois par semaine"
        case .twiceMonthly: "2 fois par mois"
        case .monthly: "1 fois par mois"
        case .quarterly: "1 fois par trimestre"
        }
    }

    /// The last complete period before `now`: the week Monday to Sunday, the half month (1–15, 16–end), the
    /// month, the quarter; `nil` when disabled.
    package func lastCompletePeriod(before now: Int64) -> PointsPeriod? {
        switch self {
        case .none:
            return nil
        case .weekly:
            let end = PointsCalendar.startOfWeek(now)
            return PointsPeriod(start: PointsCalendar.adding(days: -7, to: end), end: end)
        case .twiceMonthly:
            let month = PointsCalendar.startOfMonth(now)
            let middle = PointsCalendar.day(16, ofMonth: month)
            if now >= middle { return PointsPeriod(start: month, end: middle) }
            let previous = PointsCalendar.startOfMonth(now, adding: -1)
            return PointsPeriod(start: PointsCalendar.day(16, ofMonth: previous), end: month)
        case .monthly:
            return .lastMonths(1, before: now)
        case .quarterly:
            let month = PointsCalendar.month(now)
            let quarterStart = PointsCalendar.startOfMonth(now, adding: -((month - 1) % 3))
            return PointsPeriod(start: PointsCalendar.startOfMonth(quarterStart, adding: -3), end: quarterStart)
        }
    }
}
