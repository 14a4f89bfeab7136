import SQLKit

extension Migrations {
    /// « Mot de passe oublié » for agents: one-time links, the table keeping only their token's SHA-256.
    package static let agentPasswordResets = Migration(name: "0017-agent-password-resets") { sql in
        try await sql.create(table: "agent_password_resets")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("agent_id", type: .bigint, .notNull, .references("agents", "id", onDelete: .cascade))
            .column("expires_at", type: .bigint, .notNull)
            .column("used_at", type: .bigint)
            .run()
    }
}
