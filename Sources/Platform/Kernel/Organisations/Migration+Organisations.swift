import SQLKit

extension Migrations {
    /// Public entities and their services, as one self-referencing tree.
    package static let organisations = Migration(name: "0001-organisations") { sql in
        try await sql.create(table: "organisations")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("parent_id", type: .bigint, .references("organisations", "id"))
            .column("name", type: .text, .notNull)
            .column("address", type: .text, .notNull)
            .column("phone", type: .text, .notNull)
            .column("fax", type: .text, .notNull)
            .column("organisation_type", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "organisations_parent").on("organisations").column("parent_id").run()
    }
}
