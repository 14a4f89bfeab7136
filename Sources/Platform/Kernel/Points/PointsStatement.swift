/// An entity's statement over a period (seed 000 §3.1, « Synthèse »): the balance before it (« ancien solde »),
/// the points acquired and consumed (by use), the entries, and the balance at its end.
package struct PointsStatement: Sendable, Equatable {
    package let entityID: Int64
    package let entityName: String
    package let period: PointsPeriod
    /// The balance at the end of the day before the period.
    package let opening: Int64
    /// The points acquired in the period (credits).
    package let credits: Int64
    /// The points consumed in the period (debits), and by use.
    package let debits: Int64
    package let debitsByUse: [PointsUse: Int64]
    /// The balance at the end of the period's last day.
    package let closing: Int64
    /// The period's entries, oldest first, each with the balance after it.
    package let lines: [Line]

    package struct Line: Sendable, Equatable {
        package let entry: PointsEntry
        /// The service the entry concerns, by name; "" when none.
        package let serviceName: String
        package let balanceAfter: Int64
    }

    package init(
        entityID: Int64, entityName: String, period: PointsPeriod, opening: Int64, credits: Int64, debits: Int64,
        debitsByUse: [PointsUse: Int64], closing: Int64, lines: [Line]
    ) {
        self.entityID = entityID
        self.entityName = entityName
        self.period = period
        self.opening = opening
        self.credits = credits
        self.debits = debits
        self.debitsByUse = debitsByUse
        self.closing = closing
        self.lines = lines
    }
}

/// The ledger's arithmetic, with no I/O: balances and statements from entries.
package enum PointsLedger {
    /// The balance of the entries recorded strictly before `cutoff`.
    package static func balance(_ entries: [PointsEntry], before cutoff: Int64) -> Int64 {
        entries.reduce(0) { $1.recordedAt < cutoff ? $0 + $1.signedAmount : $0 }
    }

    /// The statement of `entries` (one entity's, any order) over `period`; `serviceNames` names the services.
    package static func statement(
        of entries: [PointsEntry], over period: PointsPeriod, entityID: Int64, entityName: String,
        serviceNames: [Int64: String] = [:]
    ) -> PointsStatement {
        let opening = balance(entries, before: period.start)
        let within = entries.filter { period.contains($0.recordedAt) }
            .sorted { ($0.recordedAt, $0.id ?? 0) < ($1.recordedAt, $1.id ?? 0) }
        var running = opening
        var credits: Int64 = 0
        var debits: Int64 = 0
        var byUse: [PointsUse: Int64] = [:]
        var lines: [PointsStatement.Line] = []
        for entry in within {
            running += entry.signedAmount
            switch entry.kind {
            case .credit: credits += entry.amount
            case .debit:
                debits += entry.amount
                if let use = entry.use { byUse[use, default: 0] += entry.amount }
            }
            lines.append(
                PointsStatement.Line(
                    entry: entry, serviceName: entry.serviceID.flatMap { serviceNames[$0] } ?? "",
                    balanceAfter: running))
        }
        return PointsStatement(
            entityID: entityID, entityName: entityName, period: period, opening: opening, credits: credits,
            debits: debits, debitsByUse: byUse, closing: opening + credits - debits, lines: lines)
    }
}
