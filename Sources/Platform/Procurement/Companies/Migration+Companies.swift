import PlatformKernel
import SQLKit

extension Migrations {
    /// Companies and the people who sign in for them.
    package static let companies = Migration(name: "0007-companies") { sql in
        try await sql.create(table: "companies")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("name", type: .text, .notNull)
            .column("siret", type: .text, .notNull, .unique)
            .column("address", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(table: "bidders")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("company_id", type: .bigint, .notNull, .references("companies", "id"))
            .column("civility", type: .text, .notNull)
            .column("last_name", type: .text, .notNull)
            .column("first_name", type: .text, .notNull)
            .column("email", type: .text, .notNull, .unique)
            .column("login", type: .text, .notNull, .unique)
            .column("password_hash", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(table: "bidder_sessions")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("bidder_id", type: .bigint, .notNull, .references("bidders", "id", onDelete: .cascade))
            .column("csrf_token", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
    }
}
