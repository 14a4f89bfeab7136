import PlatformKernel
import SQLKit

/// The clôture summaries already sent: one row per consultation, inserted in the transaction that claims it.
package struct ClosureAlertRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// The consultations whose deadline passed (published ones: « Consultation » and after) with no summary
    /// claimed yet, oldest deadline first.
    package func due(at now: Int64, limit: Int = 100) async throws -> [Int64] {
        let states = [ConsultationState.consultation, .openingAndAnalysis, .decision].map(\.rawValue)
        return try await sql.select().column(SQLColumn("id", table: "c"))
            .from(SQLAlias(SQLIdentifier("consultations"), as: SQLIdentifier("c")))
            .join(
                SQLAlias(SQLIdentifier("consultation_closure_alerts"), as: SQLIdentifier("s")),
                method: SQLJoinMethod.left, on: SQLColumn("consultation_id", table: "s"), .equal,
                SQLColumn("id", table: "c")
            )
            .where(SQLColumn("consultation_id", table: "s"), .is, SQLLiteral.null)
            .where(SQLColumn("deadline", table: "c"), .lessThanOrEqual, SQLBind(now))
            .where(SQLColumn("state", table: "c"), .in, SQLBind.group(states))
            .orderBy(SQLColumn("deadline", table: "c")).orderBy(SQLColumn("id", table: "c"))
            .limit(limit)
            .all(decodingColumn: "id", as: Int64.self)
    }

    /// Claims the consultation's summary; `false` when another pass (another node) claimed it first. On
    /// PostgreSQL a concurrent claim waits for the first one's transaction and then finds the row.
    package func claim(_ consultationID: Int64, at now: Int64) async throws -> Bool {
        try await sql.insert(into: "consultation_closure_alerts").columns("consultation_id", "sent_at")
            .values(SQLBind(consultationID), SQLBind(now))
            .ignoringConflicts(with: ["consultation_id"])
            .returning("consultation_id").first() != nil
    }

    /// Gives the claim back (every mail failed: the next pass tries again).
    package func release(_ consultationID: Int64) async throws {
        try await sql.delete(from: "consultation_closure_alerts").where("consultation_id", .equal, consultationID)
            .run()
    }

    /// Marks every consultation whose deadline already passed as summarised, so that the first pass after the
    /// migration does not mail the platform's whole past.
    package func markPast(at now: Int64) async throws {
        try await sql.raw(
            """
            INSERT INTO consultation_closure_alerts (consultation_id, sent_at) \
            SELECT id, \(unsafeRaw: String(now)) FROM consultations WHERE deadline <= \(unsafeRaw: String(now))
            """
        ).run()
    }
}
