import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Working days and the task board's orange and red, across weekends and French public holidays.
struct WorkingDaysTests {
    @Test func easterAndTheHolidaysThatFollowIt() {
        #expect(FrenchHolidays.easter(2024) == CivilDate(2024, 3, 31))
        #expect(FrenchHolidays.easter(2025) == CivilDate(2025, 4, 20))
        #expect(FrenchHolidays.easter(2026) == CivilDate(2026, 4, 5))
        #expect(FrenchHolidays.easter(2027) == CivilDate(2027, 3, 28))
        let holidays2026 = FrenchHolidays.holidays(of: 2026)
        #expect(holidays2026.contains(CivilDate(2026, 4, 6)))  // Lundi de Pâques
        #expect(holidays2026.contains(CivilDate(2026, 5, 14)))  // Ascension
        #expect(holidays2026.contains(CivilDate(2026, 5, 25)))  // Lundi de Pentecôte
        #expect(holidays2026.contains(CivilDate(2026, 7, 14)))
        #expect(holidays2026.count == 11)
        #expect(!FrenchHolidays.isHoliday(CivilDate(2026, 4, 7)))
    }

    @Test func calendarArithmetic() {
        #expect(CivilDate(1970, 1, 1).dayNumber == 0)
        #expect(CivilDate(1970, 1, 1).weekday == 4)  // Thursday
        #expect(CivilDate(2026, 12, 1).weekday == 2)  // Tuesday
        #expect(CivilDate(2024, 2, 28).adding(days: 1) == CivilDate(2024, 2, 29))
        #expect(CivilDate(2026, 12, 31).adding(days: 1) == CivilDate(2027, 1, 1))
        #expect(CivilDate(iso: "2027-02-29") == nil)
        #expect(CivilDate(iso: "2028-02-29") == CivilDate(2028, 2, 29))
        #expect(CivilDate(parisTime: 1_798_758_000) == CivilDate(2027, 1, 1))  // 2026-12-31 23:00 UTC
    }

    @Test func weekendsAreSkipped() {
        // Friday 4 December 2026 → Monday 7 December: one working day.
        #expect(WorkingDays.elapsed(from: CivilDate(2026, 12, 4), to: CivilDate(2026, 12, 7)) == 1)
        #expect(WorkingDays.elapsed(from: CivilDate(2026, 12, 4), to: CivilDate(2026, 12, 6)) == 0)
        #expect(WorkingDays.adding(1, to: CivilDate(2026, 12, 4)) == CivilDate(2026, 12, 7))
        #expect(WorkingDays.adding(5, to: CivilDate(2026, 12, 1)) == CivilDate(2026, 12, 8))
    }

    @Test func holidaysAreSkipped() {
        // Thursday 24 December 2026 → Monday 28 December: Christmas Friday and the weekend skipped.
        #expect(WorkingDays.elapsed(from: CivilDate(2026, 12, 24), to: CivilDate(2026, 12, 28)) == 1)
        // Easter 2027: Friday 26 March → Tuesday 30 March, Easter Monday skipped.
        #expect(WorkingDays.elapsed(from: CivilDate(2027, 3, 26), to: CivilDate(2027, 3, 30)) == 1)
        // Ascension 2027 is Thursday 6 May, Whit Monday 17 May; 8 May falls on a Saturday.
        #expect(WorkingDays.elapsed(from: CivilDate(2027, 5, 5), to: CivilDate(2027, 5, 7)) == 1)
        #expect(WorkingDays.elapsed(from: CivilDate(2027, 5, 14), to: CivilDate(2027, 5, 18)) == 1)
        #expect(WorkingDays.adding(1, to: CivilDate(2027, 5, 14)) == CivilDate(2027, 5, 18))
    }

    @Test func qualityTurnsOrangeThenRedInWorkingDays() {
        let qos = QualityOfService(maximumDays: 10, reminderDays: 3)
        // Filed Tuesday 15 December 2026; Christmas and New Year's Day fall on Fridays.
        let filed = CivilDate(2026, 12, 15)
        // 7 working days later: Wednesday 16 … Thursday 24 (16,17,18,21,22,23,24) — still on time.
        #expect(qos.level(filed: filed, today: CivilDate(2026, 12, 24)) == .onTime)
        // Saturday 26 and Sunday 27 add nothing; Monday 28 is the 8th working day: orange.
        #expect(qos.level(filed: filed, today: CivilDate(2026, 12, 27)) == .onTime)
        #expect(qos.level(filed: filed, today: CivilDate(2026, 12, 28)) == .urgent)
        // 29 and 30 are the 9th and 10th: still orange (counting Christmas, the 30th would be red).
        #expect(qos.level(filed: filed, today: CivilDate(2026, 12, 30)) == .urgent)
        // Thursday 31 December is the 11th working day: red.
        #expect(qos.level(filed: filed, today: CivilDate(2026, 12, 31)) == .late)
        // Filed Wednesday 30 December: 1 January and the weekend do not count.
        #expect(WorkingDays.elapsed(from: CivilDate(2026, 12, 30), to: CivilDate(2027, 1, 4)) == 2)
    }

    @Test func qualityOfServiceDefaultsToThePlatformValues() throws {
        var teleservice = Teleservice(categoryID: 1, name: "Inscription scolaire")
        #expect(
            teleservice.effectiveQualityOfService(platform: .platformDefault)
                == QualityOfService(maximumDays: 10, reminderDays: 3))
        teleservice.qualityOfService = QualityOfService(maximumDays: 5, reminderDays: 1)
        #expect(teleservice.effectiveQualityOfService(platform: .platformDefault).maximumDays == 5)
        #expect(throws: DomainError.self) { try QualityOfService(maximumDays: 3, reminderDays: 3).validate() }
        #expect(throws: DomainError.self) { try QualityOfService(maximumDays: 0, reminderDays: 0).validate() }
    }
}
