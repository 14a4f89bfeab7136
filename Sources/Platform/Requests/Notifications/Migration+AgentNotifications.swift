import PlatformKernel
import SQLKit

extension Migrations {
    /// The agents' mail notifications: each agent's choice (no row: detailed), and the quality-of-service
    /// alerts already sent, one row per request and level, so that none is sent twice.
    package static let agentNotifications = Migration(name: "0014-agent-notifications") { sql in
        try await sql.create(table: "agent_notification_preferences")
            .column(
                "agent_id", type: .bigint, .primaryKey(autoIncrement: false),
                .references("agents", "id", onDelete: .cascade)
            )
            .column("preference", type: .text, .notNull)
            .run()
        try await sql.create(table: "request_quality_alerts")
            .column("request_id", type: .bigint, .notNull, .references("citizen_requests", "id", onDelete: .cascade))
            .column("level", type: .text, .notNull)
            .column("sent_at", type: .bigint, .notNull)
            .primaryKey("request_id", "level")
            .run()
    }
}
