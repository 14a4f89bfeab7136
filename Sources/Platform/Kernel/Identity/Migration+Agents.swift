import SQLKit

extension Migrations {
    /// Agents, their roles per service, and their administration and management rights.
    package static let agents = Migration(name: "0002-agents") { sql in
        try await sql.create(table: "agents")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("organisation_id", type: .bigint, .notNull, .references("organisations", "id"))
            .column("civility", type: .text, .notNull)
            .column("last_name", type: .text, .notNull)
            .column("first_name", type: .text, .notNull)
            .column("email", type: .text, .notNull, .unique)
            .column("login", type: .text, .notNull, .unique)
            .column("password_hash", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "agents_organisation").on("agents").column("organisation_id").run()
        // Procurement roles ("Salle des marchés") per agent and service; an agent may hold several.
        try await sql.create(table: "agent_roles")
            .column("agent_id", type: .bigint, .notNull, .references("agents", "id", onDelete: .cascade))
            .column("organisation_id", type: .bigint, .notNull, .references("organisations", "id"))
            .column("role", type: .text, .notNull)
            .primaryKey("agent_id", "organisation_id", "role")
            .run()
        // Administration and management rights, held on the agent's organisation and its subtree.
        try await sql.create(table: "agent_rights")
            .column("agent_id", type: .bigint, .notNull, .references("agents", "id", onDelete: .cascade))
            .column("right_name", type: .text, .notNull)
            .primaryKey("agent_id", "right_name")
            .run()
    }
}
