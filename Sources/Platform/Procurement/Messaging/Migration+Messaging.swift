import PlatformKernel
import SQLKit

extension Migrations {
    /// The « messagerie sécurisée »: one row per message and company, the companies' replies, and the files
    /// joined to either (waiting unattached between their upload and the sending).
    package static let messaging = Migration(name: "messaging-0001-messages") { sql in
        try await sql.create(table: "bidder_messages")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id"))
            .column("company_id", type: .bigint, .notNull, .references("companies", "id"))
            .column("kind", type: .text, .notNull)
            .column("subject", type: .text, .notNull)
            .column("body", type: .text, .notNull)
            .column("with_receipt", type: .bigint, .notNull)
            .column("reply_allowed", type: .bigint, .notNull)
            .column("reply_deadline", type: .bigint)
            .column("sent_by", type: .bigint, .notNull, .references("agents", "id"))
            .column("sent_at", type: .bigint, .notNull)
            .column("read_at", type: .bigint)
            .column("read_by", type: .bigint, .references("bidders", "id"))
            .run()
        try await sql.create(index: "bidder_messages_consultation").on("bidder_messages").column("consultation_id")
            .run()
        try await sql.create(index: "bidder_messages_company").on("bidder_messages").column("company_id").run()
        try await sql.create(table: "bidder_message_replies")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("message_id", type: .bigint, .notNull, .references("bidder_messages", "id"))
            .column("bidder_id", type: .bigint, .notNull, .references("bidders", "id"))
            .column("body", type: .text, .notNull)
            .column("sent_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "bidder_message_replies_message").on("bidder_message_replies")
            .column("message_id").run()
        try await sql.create(table: "message_files")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id"))
            .column("owner", type: .text, .notNull)
            .column("message_id", type: .bigint, .references("bidder_messages", "id"))
            .column("reply_id", type: .bigint, .references("bidder_message_replies", "id"))
            .column("name", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("sha256", type: .text, .notNull)
            .column("uploaded_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "message_files_message").on("message_files").column("message_id").run()
        try await sql.create(index: "message_files_consultation").on("message_files").column("consultation_id").run()
    }
}
