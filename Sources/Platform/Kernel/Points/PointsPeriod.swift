/// A period of the points' statement: from midnight (Paris) of its first day, included, to midnight of the day
/// after its last, excluded — so that a second belongs to exactly one of two periods that follow each other.
package struct PointsPeriod: Sendable, Equatable, Hashable {
    package let start: Int64
    package let end: Int64

    package init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }

    package func contains(_ second: Int64) -> Bool { start <= second && second < end }

    /// The seed's « période d'affichage »: the last `months` complete months before `now` (Paris time); 0, the
    /// current month up to the end of today (what was recorded today shows at once).
    package static func lastMonths(_ months: Int, before now: Int64) -> PointsPeriod {
        let month = PointsCalendar.startOfMonth(now)
        guard months > 0 else {
            return PointsPeriod(start: month, end: PointsCalendar.adding(days: 1, to: PointsCalendar.startOfDay(now)))
        }
        return PointsPeriod(start: PointsCalendar.startOfMonth(now, adding: -months), end: month)
    }

    /// The choices of the page's « Période » menu (months; 0 the current month), and the default: « 3 derniers
    /// mois » complete.
    package static let monthChoices = [0, 1, 3, 6, 12]
    package static let defaultMonths = 3

    /// « Mois en cours », « Dernier mois », « 3 derniers mois »…
    package static func label(months: Int) -> String {
        switch months {
        case 0: "Mois en cours"
        case 1: "Dernier mois"
        default: "\(months) derniers mois"
        }
    }

    /// The first day, `jj/mm/aaaa`.
    package var firstDay: String { PointsCalendar.frenchDay(start) }
    /// The last day, `jj/mm/aaaa`.
    package var lastDay: String { PointsCalendar.frenchDay(end - 1) }
    /// The day before the first: the « ancien solde » is the balance at its end.
    package var dayBefore: String { PointsCalendar.frenchDay(start - 1) }
    /// « du 01/07/2026 au 30/09/2026 ».
    package var label: String { "du \(firstDay) au \(lastDay)" }
}

/// The balance « à J-1 » (seed 000 §3.1): every entry recorded before today's midnight, Paris time, and the day
/// it stands at (yesterday).
package struct DayBeforeBalance: Sendable, Equatable {
    /// Today's midnight (Paris): entries at or after it do not count.
    package let cutoff: Int64
    package let balance: Int64
    /// Yesterday, `jj/mm/aaaa`.
    package var day: String { PointsCalendar.frenchDay(cutoff - 1) }

    package init(cutoff: Int64, balance: Int64) {
        self.cutoff = cutoff
        self.balance = balance
    }

    /// The cutoff of the balance shown at `now`.
    package static func cutoff(at now: Int64) -> Int64 { PointsCalendar.startOfDay(now) }
}
