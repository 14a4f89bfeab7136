import SQLKit

extension Migrations {
    /// The legal pages' texts an administrator saved, one row per page (no row: the shipped text).
    package static let legalPages = Migration(name: "legal-0001-legal-pages") { sql in
        try await sql.create(table: "legal_pages")
            .column("page", type: .text, .primaryKey(autoIncrement: false))
            .column("body", type: .text, .notNull)
            .column("updated_by", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
    }
}
