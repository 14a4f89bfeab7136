import SQLKit

extension Migrations {
    /// The hash-chained journal, its head, and triggers that refuse to update or delete an entry.
    package static let journal = Migration(name: "0005-journal") { sql in
        try await sql.create(table: "journal")
            .column("sequence", type: .bigint, .primaryKey(autoIncrement: false))
            .column("recorded_at", type: .bigint, .notNull)
            .column("actor", type: .text, .notNull)
            .column("entity_id", type: .bigint)
            .column("subject_kind", type: .text, .notNull)
            .column("subject_id", type: .bigint, .notNull)
            .column("action", type: .text, .notNull)
            .column("details", type: .text, .notNull)
            .column("previous_hash", type: .text, .notNull)
            .column("hash", type: .text, .notNull)
            .run()
        try await sql.create(index: "journal_subject").on("journal").column("subject_kind").column("subject_id")
            .run()
        try await sql.create(index: "journal_entity").on("journal").column("entity_id").run()
        // One row: the last entry. Appends lock it, which serialises them, and verification compares the
        // last entry with it, which reveals entries removed from the end.
        try await sql.create(table: "journal_head")
            .column("id", type: .int, .primaryKey(autoIncrement: false))
            .column("sequence", type: .bigint, .notNull)
            .column("hash", type: .text, .notNull)
            .run()
        try await sql.insert(into: "journal_head").columns("id", "sequence", "hash")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(JournalHash.genesis.description))
            .run()
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the journal is append-only: % refused', TG_OP; END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
                FOR EACH ROW EXECUTE FUNCTION journal_refuse_change()
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER journal_no_truncate BEFORE TRUNCATE ON journal
                FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change()
                """
            ).run()
        } else {
            try await sql.raw(
                """
                CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only: UPDATE refused'); END
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only: DELETE refused'); END
                """
            ).run()
        }
    }
}
