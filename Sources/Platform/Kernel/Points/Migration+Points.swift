import SQLKit

extension Migrations {
    /// The entities' points: the ledger's entries (one debit per consultation at most: `consultation_id` is
    /// unique, several NULLs allowed on SQLite and PostgreSQL alike), each entity's statement frequency, and the
    /// statements mailed (one row per entity and period, claimed before the mail leaves).
    package static let points = Migration(name: "points-0001-ledger") { sql in
        try await sql.create(table: "points_entries")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("entity_id", type: .bigint, .notNull)
            .column("kind", type: .text, .notNull)
            .column("amount", type: .bigint, .notNull)
            .column("recorded_at", type: .bigint, .notNull)
            .column("label", type: .text, .notNull)
            .column("use", type: .text)
            .column("consultation_id", type: .bigint, .unique)
            .column("service_id", type: .bigint)
            .column("recorded_by", type: .bigint)
            .run()
        try await sql.create(index: "points_entries_entity").on("points_entries")
            .column("entity_id").column("recorded_at").run()
        try await sql.create(table: "points_settings")
            .column("entity_id", type: .bigint, .primaryKey(autoIncrement: false))
            .column("statement_frequency", type: .text, .notNull)
            .column("updated_by", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await sql.create(table: "points_statement_mailings")
            .column("entity_id", type: .bigint, .notNull)
            .column("period_start", type: .bigint, .notNull)
            .column("period_end", type: .bigint, .notNull)
            .column("frequency", type: .text, .notNull)
            .column("sent_at", type: .bigint, .notNull)
            .primaryKey("entity_id", "period_start", "period_end")
            .run()
    }
}
