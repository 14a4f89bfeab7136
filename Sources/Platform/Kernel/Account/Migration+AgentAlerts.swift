import SQLKit

extension Migrations {
    /// « Mes alertes électroniques »: the alerts each agent chose, one row per agent and kind.
    package static let agentAlerts = Migration(name: "account-0002-agent-alerts") { sql in
        try await sql.create(table: "agent_alert_subscriptions")
            .column("agent_id", type: .bigint, .notNull, .references("agents", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            .primaryKey("agent_id", "kind")
            .run()
        try await sql.create(index: "agent_alert_subscriptions_kind").on("agent_alert_subscriptions")
            .column("kind").run()
    }
}
