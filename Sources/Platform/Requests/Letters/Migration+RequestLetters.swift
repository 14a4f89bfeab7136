import PlatformKernel
import SQLKit

extension Migrations {
    /// The back office's letter templates ("modèles de courrier").
    package static let requestLetters = Migration(name: "0013-request-letters") { sql in
        try await sql.create(table: "request_letter_templates")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("name", type: .text, .notNull, .unique)
            .column("body", type: .text, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
    }
}
