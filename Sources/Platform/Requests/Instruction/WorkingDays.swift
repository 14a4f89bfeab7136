import PlatformKernel

/// Working days ("jours ouvrés"): Monday to Friday, French public holidays excepted.
package enum WorkingDays {
    package static func isWorkingDay(_ date: CivilDate) -> Bool {
        date.weekday <= 5 && !FrenchHolidays.isHoliday(date)
    }

    /// The working days after `start` up to and including `end`: 0 when `end` is not after `start`.
    package static func elapsed(from start: CivilDate, to end: CivilDate) -> Int {
        guard start < end else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// The `count`-th working day after `start` (`start` itself when `count` is 0).
    package static func adding(_ count: Int, to start: CivilDate) -> CivilDate {
        var day = start
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }
}
