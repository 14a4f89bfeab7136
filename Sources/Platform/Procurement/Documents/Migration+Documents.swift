import PlatformKernel
import SQLKit

extension Migrations {
    /// The versions of each consultation's documents (DCE, règlement, autres pièces), and what each line of the
    /// registre des retraits took: the document and, for a partial download, the files chosen in the DCE.
    package static let documents = Migration(name: "documents-versions") { sql in
        try await sql.create(table: "consultation_documents")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id"))
            .column("kind", type: .text, .notNull)
            .column("version", type: .bigint, .notNull)
            .column("name", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("sha256", type: .text, .notNull)
            .column("uploaded_at", type: .bigint, .notNull)
            .column("agent_id", type: .bigint, .notNull, .references("agents", "id"))
            .unique("consultation_id", "kind", "version")
            .run()
        // One column per statement: SQLite adds one column at a time.
        try await sql.alter(table: "dce_downloads").column("document", type: .text).run()
        try await sql.alter(table: "dce_downloads").column("entries", type: .text).run()
    }
}
