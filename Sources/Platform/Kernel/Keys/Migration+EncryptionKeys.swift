import SQLKit

extension Migrations {
    /// The encryption certificates of each service: personal bi-keys and backup ("secours") bi-keys.
    package static let encryptionKeys = Migration(name: "0003-encryption-keys") { sql in
        try await sql.create(table: "encryption_keys")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("organisation_id", type: .bigint, .notNull, .references("organisations", "id"))
            .column("kind", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .column("certificate_pem", type: .text, .notNull)
            .column("subject_common_name", type: .text, .notNull)
            .column("not_after", type: .bigint, .notNull)
            .column("fingerprint", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .unique("organisation_id", "fingerprint")
            .run()
        try await sql.create(index: "encryption_keys_organisation").on("encryption_keys").column("organisation_id")
            .run()
    }
}
