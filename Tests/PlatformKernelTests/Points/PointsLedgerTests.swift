import Foundation
import Testing

@testable import PlatformKernel

/// The points' arithmetic and calendar (seed 000 §3.1), with no database: balances, statements, the balance at
/// D-1 across midnight and clock changes, the periods' bounds and the mailing frequencies.
struct PointsLedgerTests {
    /// Seconds since 1970 of a UTC time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0)
        -> Int64
    {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let date = calendar.date(
            from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
        return Int64(date?.timeIntervalSince1970 ?? 0)
    }

    static func entry(_ kind: PointsEntry.Kind, _ amount: Int64, at time: Int64, use: PointsUse? = nil, id: Int64 = 0)
        -> PointsEntry
    {
        PointsEntry(
            id: id, entityID: 1, kind: kind, amount: amount, recordedAt: time, label: "\(kind) \(amount)",
            use: kind == .debit ? (use ?? .adapted) : nil, serviceID: 1)
    }

    @Test func creditsAddAndDebitsSubtractBeforeTheCutoffOnly() {
        let entries = [
            Self.entry(.credit, 10, at: 100), Self.entry(.debit, 3, at: 200), Self.entry(.debit, 4, at: 300),
            Self.entry(.credit, 50, at: 400),
        ]
        #expect(PointsLedger.balance(entries, before: 100) == 0)
        #expect(PointsLedger.balance(entries, before: 101) == 10)
        #expect(PointsLedger.balance(entries, before: 301) == 3)
        #expect(PointsLedger.balance(entries, before: 401) == 53)
        #expect(PointsLedger.balance([Self.entry(.debit, 1, at: 5)], before: 10) == -1)
    }

    @Test func theStatementFramesThePeriodsEntriesWithOpeningAndClosingBalances() {
        let period = PointsPeriod(start: 1_000, end: 2_000)
        let entries = [
            Self.entry(.credit, 20, at: 999, id: 1),  // the last second before: opening balance
            Self.entry(.debit, 2, at: 1_000, use: .adapted, id: 2),  // the first second: within
            Self.entry(.debit, 5, at: 1_500, use: .formalised, id: 3),
            Self.entry(.credit, 7, at: 1_999, id: 4),  // the last second: within
            Self.entry(.debit, 100, at: 2_000, id: 5),  // the next period's first second: outside
        ]
        let statement = PointsLedger.statement(
            of: entries.reversed(), over: period, entityID: 1, entityName: "Ville", serviceNames: [1: "Voirie"])
        #expect(statement.opening == 20)
        #expect(statement.credits == 7)
        #expect(statement.debits == 7)
        #expect(statement.debitsByUse == [.adapted: 2, .formalised: 5])
        #expect(statement.closing == 20)
        #expect(statement.lines.map(\.entry.id) == [2, 3, 4])
        #expect(statement.lines.map(\.balanceAfter) == [18, 13, 20])
        #expect(statement.lines.allSatisfy { $0.serviceName == "Voirie" })
        let next = PointsLedger.statement(
            of: entries, over: PointsPeriod(start: 2_000, end: 3_000), entityID: 1, entityName: "Ville")
        #expect(next.opening == statement.closing)
        #expect(next.closing == -80)
    }

    @Test func theDayBeforeBalanceStopsAtParisMidnight() {
        // 15 June 2026, 00:00:30 in Paris (UTC+2) is 14 June 22:00:30 UTC.
        let now = Self.utc(2026, 6, 14, 22, 0, 30)
        let cutoff = DayBeforeBalance.cutoff(at: now)
        #expect(cutoff == Self.utc(2026, 6, 14, 22))
        let entries = [Self.entry(.credit, 5, at: cutoff - 1), Self.entry(.credit, 7, at: cutoff)]
        let balance = DayBeforeBalance(cutoff: cutoff, balance: PointsLedger.balance(entries, before: cutoff))
        #expect(balance.balance == 5)
        #expect(balance.day == "14/06/2026")
        // One second before Paris midnight, yesterday is the 13th and the cutoff the 14th's midnight.
        #expect(DayBeforeBalance.cutoff(at: Self.utc(2026, 6, 14, 21, 59, 59)) == Self.utc(2026, 6, 13, 22))
    }

    @Test func theDayBeforeBalanceFollowsTheClockChanges() {
        // Spring: 29 March 2026 starts at 00:00 CET (23:00 UTC the day before) and lasts 23 hours.
        let spring = DayBeforeBalance.cutoff(at: Self.utc(2026, 3, 29, 10))
        #expect(spring == Self.utc(2026, 3, 28, 23))
        #expect(DayBeforeBalance.cutoff(at: Self.utc(2026, 3, 29, 22, 30)) == Self.utc(2026, 3, 29, 22))
        #expect(DayBeforeBalance(cutoff: Self.utc(2026, 3, 29, 22), balance: 0).day == "29/03/2026")
        // Autumn: 25 October 2026 starts at 00:00 CEST (22:00 UTC the day before) and lasts 25 hours.
        #expect(DayBeforeBalance.cutoff(at: Self.utc(2026, 10, 25, 22, 59)) == Self.utc(2026, 10, 24, 22))
        #expect(DayBeforeBalance.cutoff(at: Self.utc(2026, 10, 25, 23)) == Self.utc(2026, 10, 25, 23))
        #expect(DayBeforeBalance(cutoff: Self.utc(2026, 10, 25, 23), balance: 0).day == "25/10/2026")
    }

    @Test func theDisplayPeriodsAreCompleteParisMonths() {
        let now = Self.utc(2026, 10, 28, 9)
        let three = PointsPeriod.lastMonths(3, before: now)
        #expect(three.start == Self.utc(2026, 6, 30, 22))  // 1 July, 00:00 CEST
        #expect(three.end == Self.utc(2026, 9, 30, 22))  // 1 October, 00:00 CEST
        #expect(three.label == "du 01/07/2026 au 30/09/2026")
        #expect(three.dayBefore == "30/06/2026")
        let twelve = PointsPeriod.lastMonths(12, before: now)
        #expect(twelve.start == Self.utc(2025, 9, 30, 22))
        #expect(twelve.end == three.end)
        // A month across the autumn change: 1 November starts at 00:00 CET.
        let november = PointsPeriod.lastMonths(1, before: Self.utc(2026, 12, 3))
        #expect(november.start == Self.utc(2026, 10, 31, 23))
        #expect(november.end == Self.utc(2026, 11, 30, 23))
        // The current month runs to the end of today.
        let current = PointsPeriod.lastMonths(0, before: now)
        #expect(current.start == Self.utc(2026, 9, 30, 22))
        #expect(current.end == Self.utc(2026, 10, 28, 23))  // 29 October, 00:00 CET
        #expect(current.contains(now) && !current.contains(current.end))
        #expect(PointsPeriod.label(months: 0) == "Mois en cours")
        #expect(PointsPeriod.label(months: 1) == "Dernier mois")
        #expect(PointsPeriod.label(months: 6) == "6 derniers mois")
    }

    @Test func eachFrequencyMailsTheLastCompletePeriod() {
        // Wednesday 9 December 2026, 10:00 UTC (11:00 CET).
        let now = Self.utc(2026, 12, 9, 10)
        #expect(StatementFrequency.none.lastCompletePeriod(before: now) == nil)
        #expect(
            StatementFrequency.weekly.lastCompletePeriod(before: now)
                == PointsPeriod(start: Self.utc(2026, 11, 29, 23), end: Self.utc(2026, 12, 6, 23)))
        #expect(
            StatementFrequency.twiceMonthly.lastCompletePeriod(before: now)
                == PointsPeriod(start: Self.utc(2026, 11, 15, 23), end: Self.utc(2026, 11, 30, 23)))
        #expect(
            StatementFrequency.twiceMonthly.lastCompletePeriod(before: Self.utc(2026, 12, 20))
                == PointsPeriod(start: Self.utc(2026, 11, 30, 23), end: Self.utc(2026, 12, 15, 23)))
        #expect(
            StatementFrequency.monthly.lastCompletePeriod(before: now)
                == PointsPeriod(start: Self.utc(2026, 10, 31, 23), end: Self.utc(2026, 11, 30, 23)))
        #expect(
            StatementFrequency.quarterly.lastCompletePeriod(before: now)
                == PointsPeriod(start: Self.utc(2026, 6, 30, 22), end: Self.utc(2026, 9, 30, 22)))
        #expect(
            StatementFrequency.quarterly.lastCompletePeriod(before: Self.utc(2026, 2, 1))
                == PointsPeriod(start: Self.utc(2025, 9, 30, 22), end: Self.utc(2025, 12, 31, 23)))
        // A weekly period across the spring change lasts 7 days less an hour, Monday to Monday.
        let spring = StatementFrequency.weekly.lastCompletePeriod(before: Self.utc(2026, 4, 1, 12))
        #expect(spring == PointsPeriod(start: Self.utc(2026, 3, 22, 23), end: Self.utc(2026, 3, 29, 22)))
    }

    @Test func theTariffPricesEachUse() {
        let tariff = PointsTariff(adapted: 2, formalised: 5)
        #expect(tariff.cost(of: .adapted) == 2)
        #expect(tariff.cost(of: .formalised) == 5)
    }

    @Test func anAgentWithoutViewPointsIsRefused() throws {
        #expect(throws: DomainError.self) {
            try PointsService.checkViewer(
                AgentAuthority(agentID: 1, homeOrganisationID: 1, managementRights: [.viewStatistics]))
        }
        try PointsService.checkViewer(
            AgentAuthority(agentID: 1, homeOrganisationID: 1, managementRights: [.viewPoints]))
    }

    @Test func theCSVCarriesTheOpeningTheEntriesAndTheClosing() {
        let period = PointsPeriod(start: Self.utc(2026, 6, 30, 22), end: Self.utc(2026, 9, 30, 22))
        let statement = PointsLedger.statement(
            of: [
                Self.entry(.credit, 10, at: Self.utc(2026, 6, 1)),
                Self.entry(.debit, 3, at: Self.utc(2026, 7, 14, 10), id: 2),
            ], over: period, entityID: 1, entityName: "Ville", serviceNames: [1: "Voirie"])
        let rows = statement.csv.dropFirst().split(separator: "\r\n").map(String.init)
        #expect(rows[0] == "Date;Libellé;Service;Débit;Crédit;Solde")
        #expect(rows[1] == "30/06/2026;Ancien solde;;;;10")
        #expect(rows[2] == "14/07/2026;debit 3;Voirie;3;;7")
        #expect(rows[3] == "30/09/2026;Solde au 30/09/2026;;3;0;7")
        #expect(statement.fileStem == "releve-points-2026-07-01-2026-09-30")
        #expect(statement.pdf.starts(with: Array("%PDF-".utf8)))
        #expect(statement.text.contains("Ancien solde au 30/06/2026 : 10 points"))
    }

    @Test func aNegativeBalanceStaysANumberInTheCSVWhileFormulasAreNeutralised() {
        let statement = PointsLedger.statement(
            of: [
                PointsEntry(
                    entityID: 1, kind: .debit, amount: 2, recordedAt: 1_500, label: "-2+SOMME(A1)", use: .adapted)
            ], over: PointsPeriod(start: 1_000, end: 2_000), entityID: 1, entityName: "Ville")
        let rows = statement.csv.split(separator: "\r\n").map(String.init)
        #expect(rows[2].hasSuffix(";'-2+SOMME(A1);;2;;-2"))
        #expect(rows[3].hasSuffix(";2;0;-2"))
    }
}
