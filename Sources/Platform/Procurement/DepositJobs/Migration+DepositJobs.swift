import PlatformKernel
import SQLKit

extension Migrations {
    /// Deposits handed by the company's page to its assistant: a one-time token traded for a credential
    /// that stands for the company on the deposit API of one consultation. Only SHA-256s are stored.
    package static let depositJobs = Migration(name: "0010-deposit-jobs") { sql in
        try await sql.create(table: "deposit_jobs")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("bidder_id", type: .bigint, .notNull, .references("bidders", "id", onDelete: .cascade))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id"))
            .column("token_sha256", type: .text, .notNull, .unique)
            .column("token_expires_at", type: .bigint, .notNull)
            .column("claimed_at", type: .bigint)
            .column("credential_sha256", type: .text, .unique)
            .column("credential_expires_at", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .run()
    }
}
