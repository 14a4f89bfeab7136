import PlatformKernel
import SQLKit

/// Storage of ``DepositIncident``s.
package struct DepositIncidentRepository: Sendable {
    let sql: any SQLDatabase

    package init(sql: any SQLDatabase) { self.sql = sql }

    package func record(_ incident: DepositIncident) async throws {
        try await sql.insert(into: "deposit_incidents")
            .columns("deposit_id", "recorded_at", "node", "action", "error")
            .values(
                SQLBind(incident.depositID), SQLBind(incident.recordedAt), SQLBind(incident.node),
                SQLBind(incident.action), SQLBind(incident.error)
            )
            .run()
    }

    /// The incidents of a company's deposits, newest first (at most `limit`).
    package func incidents(ofCompany companyID: Int64, limit: Int = 200) async throws -> [DepositIncident] {
        try await sql.select()
            .column(SQLColumn("id", table: "deposit_incidents"))
            .columns("deposit_id", "recorded_at", "node", "action", "error")
            .from("deposit_incidents")
            .join("deposits", on: SQLColumn("id", table: "deposits"), .equal, SQLColumn("deposit_id"))
            .where(SQLColumn("company_id", table: "deposits"), .equal, SQLBind(companyID))
            .orderBy(SQLColumn("recorded_at", table: "deposit_incidents"), SQLDirection.descending)
            .orderBy(SQLColumn("id", table: "deposit_incidents"), SQLDirection.descending)
            .limit(limit)
            .all(decoding: DepositIncident.self)
    }
}
