import PlatformKernel
import SQLKit

extension Migrations {
    /// The citizens' front office: the household's sign-in (e-mail unique, bcrypt hash), its sessions and
    /// one-time password-reset tokens (only their SHA-256 kept), and the drafts of request forms.
    package static let citizenAccounts = Migration(name: "0012-citizen-accounts") { sql in
        try await sql.create(table: "citizen_accounts")
            .column(
                "household_id", type: .bigint, .primaryKey(autoIncrement: false),
                .references("households", "id", onDelete: .cascade)
            )
            .column("email", type: .text, .notNull, .unique)
            .column("password_hash", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(table: "citizen_sessions")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("household_id", type: .bigint, .notNull, .references("households", "id", onDelete: .cascade))
            .column("csrf_token", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await sql.create(table: "citizen_password_resets")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("household_id", type: .bigint, .notNull, .references("households", "id", onDelete: .cascade))
            .column("expires_at", type: .bigint, .notNull)
            .column("used_at", type: .bigint)
            .run()
        try await sql.create(table: "request_drafts")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("household_id", type: .bigint, .notNull, .references("households", "id", onDelete: .cascade))
            .column("teleservice_id", type: .bigint, .notNull, .references("teleservices", "id", onDelete: .cascade))
            .column("subject_id", type: .bigint)
            .column("data_json", type: .text, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("notice_sent_at", type: .bigint)
            .run()
    }
}
