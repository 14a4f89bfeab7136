import Testing

@testable import PlatformKernel
@testable import Procurement

/// The statistics' period: days typed either way, the last day included to its last second, open bounds,
/// the current year by default, and refusals beside the field.
struct StatisticsPeriodTests {
    private func paris(_ text: String) throws -> Int64 { try ParisTime.parse(text, field: "test") }

    @Test func daysAreReadBothWaysAndTheLastDayIsWhole() throws {
        let period = try StatisticsPeriod(query: ["du": "2026-01-01", "au": "31/12/2026"], fallback: .all)
        #expect(period.from == (try paris("01/01/2026 00:00")))
        #expect(period.to == (try paris("01/01/2027 00:00")) - 1)
        #expect(period.contains(try paris("31/12/2026 23:59")))
        #expect(!period.contains(try paris("01/01/2027 00:00")))
        #expect(!period.contains(try paris("01/01/2026 00:00") - 1))
        #expect(period.label == "du 01/01/2026 au 31/12/2026")
        #expect(period.fromDay == "2026-01-01" && period.toDay == "2026-12-31")
        // The day of the clock change in March is 23 hours long.
        let march = try StatisticsPeriod(query: ["au": "2026-03-29"], fallback: .all)
        #expect(march.to == (try paris("30/03/2026 00:00")) - 1)
        #expect(march.from == nil && march.label == "jusqu'au 29/03/2026")
    }

    @Test func absentBoundsFallBackAndTheDefaultIsTheYear() throws {
        let year = StatisticsPeriod.year(of: try paris("15/06/2026 12:00"))
        #expect(year.fromDay == "2026-01-01" && year.toDay == "2026-12-31")
        #expect(try StatisticsPeriod(query: [:], fallback: year) == year)
        #expect(try StatisticsPeriod(query: ["du": " ", "au": ""], fallback: .all) == .all)
        let half = try StatisticsPeriod(query: ["au": "2026-06-30"], fallback: year)
        #expect(half.fromDay == "2026-01-01" && half.toDay == "2026-06-30")
        #expect(StatisticsPeriod.all.label == "depuis l'origine")
    }

    @Test(arguments: [
        (["du": "2026-13-40"], "Du"), (["au": "31/02/2026"], "Au"), (["du": "hier"], "Du"),
        (["du": "2026-12-31", "au": "2026-01-01"], "Au"),
    ])
    func wrongDatesAreRefusedBesideTheirField(query: [String: String], field: String) {
        #expect {
            _ = try StatisticsPeriod(query: query, fallback: .all)
        } throws: { error in
            guard case .invalidField(let name, let reason) = error as? DomainError else { return false }
            return name == field && (reason.contains("jj/mm/aaaa") || reason.contains("inversez"))
        }
    }
}
