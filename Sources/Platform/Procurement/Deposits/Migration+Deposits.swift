import PlatformKernel
import SQLKit

extension Migrations {
    /// Companies' deposits and their sealed files, and the registre des retraits (DCE downloads).
    package static let deposits = Migration(name: "0008-deposits") { sql in
        try await sql.create(table: "deposits")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id"))
            .column("company_id", type: .bigint, .notNull, .references("companies", "id"))
            .column("bidder_id", type: .bigint, .notNull, .references("bidders", "id"))
            .column("state", type: .text, .notNull)
            .column("started_at", type: .bigint, .notNull)
            .column("completed_at", type: .bigint)
            .column("receipt_json", type: .text)
            .column("timestamp_token", type: .text)
            .run()
        try await sql.create(index: "deposits_consultation").on("deposits").column("consultation_id").run()
        try await sql.create(table: "deposit_files")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("deposit_id", type: .bigint, .notNull, .references("deposits", "id"))
            .column("envelope", type: .text, .notNull)
            .column("name", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("sha256", type: .text, .notNull)
            .column("chunk_size", type: .bigint, .notNull)
            .column("upload_id", type: .text, .notNull)
            .column("stored", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "deposit_files_deposit").on("deposit_files").column("deposit_id").run()
        try await sql.create(table: "dce_downloads")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id"))
            .column("company_id", type: .bigint, .references("companies", "id"))
            .column("bidder_id", type: .bigint, .references("bidders", "id"))
            .column("downloaded_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "dce_downloads_consultation").on("dce_downloads").column("consultation_id").run()
    }
}
