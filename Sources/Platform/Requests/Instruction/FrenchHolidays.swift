import PlatformKernel

/// The French public holidays ("jours fériés") of metropolitan France: eight fixed dates and three that
/// follow Easter (Easter Monday, Ascension Thursday, Whit Monday).
package enum FrenchHolidays {
    /// Easter Sunday of `year`, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    package static func easter(_ year: Int) -> CivilDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year, month, day)
    }

    /// Every public holiday of `year`, by date.
    package static func holidays(of year: Int) -> Set<CivilDate> {
        let easter = easter(year)
        return [
            CivilDate(year, 1, 1),  // Jour de l'an
            easter.adding(days: 1),  // Lundi de Pâques
            CivilDate(year, 5, 1),  // Fête du travail
            CivilDate(year, 5, 8),  // Victoire 1945
            easter.adding(days: 39),  // Ascension
            easter.adding(days: 50),  // Lundi de Pentecôte
            CivilDate(year, 7, 14),  // Fête nationale
            CivilDate(year, 8, 15),  // Assomption
            CivilDate(year, 11, 1),  // Toussaint
            CivilDate(year, 11, 11),  // Armistice
            CivilDate(year, 12, 25),  // Noël
        ]
    }

    package static func isHoliday(_ date: CivilDate) -> Bool { holidays(of: date.year).contains(date) }
}
