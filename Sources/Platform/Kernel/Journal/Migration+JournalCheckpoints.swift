import SQLKit

extension Migrations {
    /// The journal's signed checkpoints (``JournalCheckpoint``), one row per checkpoint, keyed by the last
    /// entry it vouches for. The same checkpoints go to the export file outside the database.
    package static let journalCheckpoints = Migration(name: "0015-journal-checkpoints") { sql in
        try await sql.create(table: "journal_checkpoints")
            .column("sequence", type: .bigint, .primaryKey(autoIncrement: false))
            .column("first_sequence", type: .bigint, .notNull)
            .column("head", type: .text, .notNull)
            .column("recorded_at", type: .bigint, .notNull)
            .column("entries", type: .text, .notNull)
            .column("signature", type: .text, .notNull)
            .column("timestamp_token", type: .text)
            .run()
    }
}
