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

    /// The PDF offered beside a legal page's text, one per page at most (no row: none).
    package static let legalDocuments = Migration(name: "legal-0002-legal-documents") { sql in
        try await sql.create(table: "legal_documents")
            .column("page", type: .text, .primaryKey(autoIncrement: false))
            .column("file_name", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("sha256", type: .text, .notNull)
            .column("uploaded_by", type: .bigint, .notNull)
            .column("uploaded_at", type: .bigint, .notNull)
            .run()
    }
}
