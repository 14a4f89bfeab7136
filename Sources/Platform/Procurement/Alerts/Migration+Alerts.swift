import Foundation
import PlatformKernel
import SQLKit

extension Migrations {
    /// The agents' alerts: the clôture summaries sent, one row per consultation (claimed and recorded in one
    /// transaction, so that a summary leaves once across restarts and nodes). The consultations already
    /// closed when the migration runs count as summarised.
    package static let closureAlerts = Migration(name: "alerts-0001-closure") { sql in
        try await sql.create(table: "consultation_closure_alerts")
            .column(
                "consultation_id", type: .bigint, .primaryKey(autoIncrement: false),
                .references("consultations", "id", onDelete: .cascade)
            )
            .column("sent_at", type: .bigint, .notNull)
            .run()
        try await ClosureAlertRepository(sql: sql).markPast(at: Timestamp.now())
    }
}
