import SQLKit

extension Migrations {
    /// Signed-in sessions: the cookie holds a random token, the table only its SHA-256.
    package static let sessions = Migration(name: "0006-sessions") { sql in
        try await sql.create(table: "sessions")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("agent_id", type: .bigint, .notNull, .references("agents", "id", onDelete: .cascade))
            .column("csrf_token", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "sessions_agent").on("sessions").column("agent_id").run()
    }
}
